package io.vigia.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.testsupport.Browsers;
import io.vigia.testsupport.MonitorApi;
import io.vigia.testsupport.VigiaTestSession;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Kill button of the host page's process tree kills the process the operator confirmed, even
 * when the tree re-sorted under the click: two throwaway processes swap their CPU order between the
 * page showing them and the confirmation, and the one confirmed dies while the other lives.
 *
 * <p>The real agent reads a proc root that holds only the two processes (links into /proc), so
 * their order on the page is theirs alone, not that of whatever else this machine runs; it kills
 * through the real /proc. Each process spins while a flag file exists and idles otherwise.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class KillFromHostPageIT {

  /** Spins while {@code $1.busy} exists, idles (no fork) otherwise; ends by itself after 3 min. */
  private static final String SPINNER =
      "exec 3<>\"$1.fifo\"; end=$((SECONDS + 180));"
          + " while [ \"$SECONDS\" -lt \"$end\" ]; do"
          + " if [ -e \"$1.busy\" ]; then :; else read -t 0.2 -u 3 || :; fi; done";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.builtWar();
  }

  @ArquillianResource private URL url;
  @TempDir Path dir;
  private final TestProcesses processes = new TestProcesses();
  private MonitorApi admin;
  private ChromeDriver browser;
  private String hostName;
  private Path procRoot;

  @BeforeEach
  void enrolHost() throws Exception {
    URI server = Deployments.loopback(url);
    admin = new MonitorApi(server).as("admin", VigiaTestSession.adminPassword());
    hostName = "race-" + System.nanoTime();
    procRoot = Files.createDirectories(dir.resolve("proc"));
    try (var entries = Files.list(Path.of("/proc"))) {
      for (Path e : entries.toList()) {
        String name = e.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          Files.createSymbolicLink(procRoot.resolve(name), e);
        }
      }
    }
    processes.enrol(server, dir.resolve("state"), hostName);
  }

  @AfterEach
  void stopEverything() throws InterruptedException {
    if (browser != null) {
      browser.quit();
    }
    processes.close();
  }

  @Test
  void killsTheConfirmedProcessAlthoughTheListReSortedBeforeTheClick() throws Exception {
    Process first = spinner("spin-first", true);
    Process second = spinner("spin-second", false);
    startAgent();
    WebDriverWait wait = openHostPage();

    // The busy one heads the tree (both are roots here) by its CPU, measured, not "–": the row
    // the operator clicks.
    By pid = By.cssSelector(".host-tree tbody tr:first-child td.proc-pid");
    By cpu = By.cssSelector(".host-tree tbody tr:first-child td.proc-cpu");
    wait.ignoring(StaleElementReferenceException.class) // refreshes after pushes replace the rows
        .until(
            d ->
                !d.findElements(pid).isEmpty()
                    && d.findElement(pid).getText().equals(Long.toString(first.pid()))
                    && d.findElement(cpu).getText().endsWith("%"));
    // As if the confirmation arrived before the tree's next refresh: the tree stays as rendered.
    ((JavascriptExecutor) browser).executeScript("VigiaHost.pauseRefresh(true);");
    wait.until(
            ExpectedConditions.elementToBeClickable(
                By.cssSelector(".host-tree tbody tr:first-child .proc-kill")))
        .click();
    WebElement dialog =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".ui-confirm-dialog")));
    assertThat(dialog.getText()).contains("spin-first").contains("pid " + first.pid());

    // While the dialog is open the two swap places in the monitor's list.
    Files.delete(flag("spin-first"));
    Files.createFile(flag("spin-second"));
    TestProcesses.await(
        Duration.ofSeconds(30),
        () -> topPid() == second.pid(),
        "the monitor to list spin-second first");
    Browsers.screenshot(browser, "kill-race-confirming.png");

    browser.findElement(By.cssSelector(".ui-confirm-dialog .ui-confirmdialog-yes")).click();
    wait.withMessage(this::pageState)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("host:killResult"), "queued as command"));
    JsonObject command = awaitFinalCommand();
    Browsers.screenshot(browser, "kill-race-done.png");

    assertThat(command.getJsonNumber("pid").longValue()).isEqualTo(first.pid());
    assertThat(command.getString("state")).as(command.toString()).isEqualTo("done");
    assertThat(first.waitFor(10, TimeUnit.SECONDS)).as("the confirmed process died").isTrue();
    assertThat(second.isAlive()).as("the other process lives").isTrue();
  }

  @Test
  void offersNoKillForInitNorKernelThreads() throws Exception {
    Assumptions.assumeTrue(
        Files.readString(Path.of("/proc/2/comm")).strip().equals("kthreadd"),
        "pid 2 is the kernel's kthreadd here");
    Process mine = spinner("spin-mine", false);
    for (String pid : List.of("1", "2")) {
      Files.createSymbolicLink(procRoot.resolve(pid), Path.of("/proc", pid));
    }
    startAgent();
    WebDriverWait wait = openHostPage();

    By rows = By.cssSelector(".host-tree tbody tr");
    wait.until(ExpectedConditions.numberOfElementsToBe(rows, 3));
    Browsers.screenshot(browser, "kill-offered.png");

    for (WebElement row : browser.findElements(rows)) {
      String pid = row.findElement(By.cssSelector("td.proc-pid")).getText();
      boolean offered = !row.findElements(By.cssSelector(".proc-kill")).isEmpty();
      assertThat(offered).as("Kill offered for pid " + pid).isEqualTo(pid.equals("" + mine.pid()));
    }
  }

  /** The host page in the browser, logged in as admin; the wait is for what the test awaits. */
  private WebDriverWait openHostPage() {
    browser = Browsers.open("1200,700");
    browser.get(admin.base() + "host.xhtml?name=" + hostName);
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    Browsers.logInAsAdmin(browser, wait);
    return wait;
  }

  private Process spinner(String name, boolean busy) throws Exception {
    Path exe = dir.resolve(name);
    Files.createSymbolicLink(exe, Path.of("/bin/bash")); // the kernel names the process after it
    Path fifo = dir.resolve(name + ".fifo");
    Process mk = processes.start(new ProcessBuilder("mkfifo", fifo.toString()));
    assertThat(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0).isTrue();
    if (busy) {
      Files.createFile(flag(name));
    }
    Process p =
        processes.start(
            new ProcessBuilder(exe.toString(), "-c", SPINNER, name, dir.resolve(name).toString())
                .redirectOutput(new File("/dev/null"))
                .redirectErrorStream(true));
    Files.createSymbolicLink(procRoot.resolve(Long.toString(p.pid())), Path.of("/proc/" + p.pid()));
    return p;
  }

  private Path flag(String name) {
    return dir.resolve(name + ".busy");
  }

  private void startAgent() throws Exception {
    processes.runAgent(
        Deployments.loopback(url), dir.resolve("state"), hostName, "--proc.root=" + procRoot);
  }

  /** What a failed wait on the page reports: the commands queued and the page's script state. */
  private String pageState() {
    Object js =
        ((JavascriptExecutor) browser)
            .executeScript(
                "return JSON.stringify({remote: typeof vigiaKill,"
                    + " dialog: PF('killDialog').isVisible(),"
                    + " queued: PrimeFaces.ajax.Queue.requests.length,"
                    + " xhrs: PrimeFaces.ajax.Queue.xhrs.length,"
                    + " result: document.getElementById('host:killResult').outerHTML});");
    StringBuilder out = new StringBuilder("commands: ");
    out.append(admin.get("api/v1/hosts/" + hostName + "/commands").body()).append("; page: ");
    out.append(js).append("; console:");
    browser.manage().logs().get("browser").forEach(e -> out.append(' ').append(e));
    return out.toString();
  }

  /** The pid the monitor lists first by CPU now, or -1 before it has a list. */
  private long topPid() {
    JsonArray list =
        MonitorApi.parse(admin.get("api/v1/hosts/" + hostName + "/processes?sort=cpu").body())
            .asJsonArray();
    return list.isEmpty() ? -1 : list.getJsonObject(0).getJsonNumber("pid").longValue();
  }

  private JsonObject awaitFinalCommand() throws InterruptedException {
    JsonObject[] last = {null};
    TestProcesses.await(
        Duration.ofSeconds(30),
        () -> {
          JsonArray all =
              MonitorApi.parse(admin.get("api/v1/hosts/" + hostName + "/commands").body())
                  .asJsonArray();
          last[0] = all.isEmpty() ? null : all.getJsonObject(0);
          return last[0] != null && !List.of("queued", "sent").contains(last[0].getString("state"));
        },
        "the kill to be carried out");
    return last[0];
  }
}
