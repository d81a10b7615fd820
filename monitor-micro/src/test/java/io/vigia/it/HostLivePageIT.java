package io.vigia.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.testsupport.Browsers;
import io.vigia.testsupport.MonitorApi;
import io.vigia.testsupport.VigiaTestSession;
import io.vigia.wire.Batch;
import io.vigia.wire.ContainerInfo;
import io.vigia.wire.Cpu;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.File;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live host page with the real agent on this machine's /proc: the charts move with each pushed
 * batch (no reload, no polling), processes the test started are found in the tree by search, a
 * hostile command line shows as the text it is, an operator kills from the tree, and a viewer sees
 * no Kill and has a forged one refused; the containers' charts draw a line per running container
 * and move with each push.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostLivePageIT {

  private static final String HOSTILE = "<img src=x onerror=alert(1)>";
  private static final String PASSWORD = "viewer-password-123";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.builtWar();
  }

  @ArquillianResource private URL url;
  @TempDir Path dir;
  private final TestProcesses processes = new TestProcesses();
  private final List<ChromeDriver> browsers = new ArrayList<>();
  private final ScheduledExecutorService pusher = Executors.newSingleThreadScheduledExecutor();
  private MonitorApi admin;
  private String hostName;
  private String tag;

  @BeforeEach
  void admin() {
    admin = new MonitorApi(Deployments.loopback(url)).as("admin", VigiaTestSession.adminPassword());
    tag = "vigia-target-" + UUID.randomUUID().toString().substring(0, 8);
    hostName = "live-" + System.nanoTime();
  }

  /** Enrols {@link #hostName} and starts the real agent for it on this machine's /proc. */
  private void startAgent() throws Exception {
    processes.enrolAndRunAgent(
        Deployments.loopback(url), dir.resolve("state"), hostName, "--interval.ms=1000");
    TestProcesses.await(
        Duration.ofSeconds(60),
        () -> admin.host(hostName).map(h -> h.getBoolean("online")).orElse(false),
        "the host to come online");
  }

  @AfterEach
  void stopEverything() throws InterruptedException {
    pusher.shutdownNow();
    browsers.forEach(ChromeDriver::quit);
    processes.close();
  }

  @Test
  void operatorWatchesTheHostLiveAndKillsAProcessFromTheTree() throws Exception {
    Process target = sleeper(tag);
    Process hostile = sleeper(HOSTILE);
    startAgent();
    ChromeDriver browser = open(Browsers.open("1280,900"));
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    Browsers.logInAsAdmin(browser, wait);
    JavascriptExecutor js = browser;

    // The CPU chart moves: its newest point advances while the page stays the same document.
    js.executeScript("window.vigiaSamePage = true;");
    long first = awaitNewestPoint(browser, wait, 0);
    long later = awaitNewestPoint(browser, wait, first);
    assertThat(later).isGreaterThan(first);
    assertThat(js.executeScript("return window.vigiaSamePage === true;"))
        .as("no reload")
        .isEqualTo(true);

    // The hostile command line is shown as text, exactly, and makes no element.
    search(browser, "onerror");
    WebElement hostileRow = awaitRow(browser, wait, hostile.pid());
    assertThat(hostileRow.findElement(By.cssSelector("td.proc-command")).getText())
        .isEqualTo(HOSTILE + " 600");
    assertThat(browser.findElements(By.cssSelector("main img"))).isEmpty();
    browser.executeScript("arguments[0].scrollIntoView({block: 'center'});", hostileRow);
    Browsers.screenshot(browser, "host-live-hostile.png");

    // The test's own process, found by search, killed from the tree after a confirmation naming it.
    search(browser, tag);
    awaitRow(browser, wait, target.pid());
    Browsers.screenshot(browser, "host-live.png");
    wait.ignoring(StaleElementReferenceException.class)
        .until(d -> clickKill(d.findElements(By.cssSelector(".host-tree tbody tr")), target.pid()));
    WebElement dialog =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".kill-dialog")));
    assertThat(dialog.getText()).contains("sleep").contains("pid " + target.pid());
    browser.findElement(By.cssSelector(".kill-dialog .ui-confirmdialog-yes")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("host:killResult"), "queued as command"));
    assertThat(target.waitFor(30, TimeUnit.SECONDS)).as("the killed process ended").isTrue();
    assertThat(hostile.isAlive()).as("the other process lives").isTrue();
    wait.withMessage(() -> "the killed process gone from the tree; page: " + pageState(browser))
        .ignoring(StaleElementReferenceException.class)
        .until(d -> rowOf(d, target.pid()) == null);
    Browsers.screenshot(browser, "host-live-killed.png");
    TestProcesses.await(
        Duration.ofSeconds(30),
        () ->
            events().stream()
                .anyMatch(m -> m.contains("pid " + target.pid()) && m.contains("done")),
        "the kill's result in the event log");
    assertThat(events()).anyMatch(m -> m.contains("queued") && m.contains("pid " + target.pid()));

    ChromeDriver phone = open(Browsers.openPhone());
    WebDriverWait phoneWait = new WebDriverWait(phone, Duration.ofSeconds(30));
    Browsers.logInAsAdmin(phone, phoneWait);
    awaitNewestPoint(phone, phoneWait, awaitNewestPoint(phone, phoneWait, 0));
    Browsers.screenshot(phone, "host-live-phone.png");
  }

  @Test
  void viewerSeesNoKillAndAForgedKillIsRefused() throws Exception {
    Process target = sleeper(tag);
    startAgent();
    String viewerName = "viewer-" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> created =
        admin.post(
            "api/v1/users",
            null,
            "{\"username\":\""
                + viewerName
                + "\",\"password\":\""
                + PASSWORD
                + "\",\"role\":\"viewer\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    ChromeDriver browser = open(Browsers.open("1280,900"));
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    Browsers.logIn(browser, wait, viewerName, PASSWORD);

    search(browser, tag);
    WebElement row = awaitRow(browser, wait, target.pid());
    assertThat(browser.findElements(By.cssSelector(".proc-kill"))).isEmpty();
    assertThat(browser.findElements(By.cssSelector(".ctr-action"))).isEmpty();
    browser.executeScript("arguments[0].scrollIntoView({block: 'center'});", row);
    Browsers.screenshot(browser, "host-live-viewer.png");

    // The page's own remote command, posted with the view's valid state, as the viewer.
    long startTicks = startTicks(target.pid());
    browser.executeScript(
        "vigiaKill([{name: 'pid', value: arguments[0]}, {name: 'startTicks', value: arguments[1]}]);",
        target.pid(),
        startTicks);
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("host:killResult"), "Only operators can kill processes."));
    browser.executeScript(
        "vigiaContainer([{name: 'container', value: 'abc'}, {name: 'action', value: 'remove'}]);");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("host:containerResult"), "Only operators can act on containers."));

    JsonArray commands =
        MonitorApi.parse(admin.get("api/v1/hosts/" + hostName + "/commands").body()).asJsonArray();
    assertThat(commands).as("nothing queued").isEmpty();
    assertThat(target.isAlive()).isTrue();

    // Pushes go to the browsers watching their host only: a page of a quiet host, open beside
    // this one while three more of this host's batches are drawn, receives none of them.
    String quiet = "quiet-" + System.nanoTime();
    String token = admin.enroll(VigiaTestSession.fleetKey(), "agent-" + quiet, quiet);
    admin.ingest(
        token,
        Batch.ofHost(
            "agent-" + quiet,
            quiet,
            1,
            System.currentTimeMillis(),
            "proc",
            Cpu.total(5.0, 1),
            null,
            null));
    String live = browser.getWindowHandle();
    browser.switchTo().newWindow(WindowType.TAB);
    browser.get(admin.base() + "host.xhtml?name=" + quiet);
    wait.until(d -> browser.executeScript("return typeof VigiaHost === 'object';"));
    String quietPage = browser.getWindowHandle();
    browser.switchTo().window(live);
    long drawn = shownCount(browser);
    wait.until(d -> shownCount(browser) >= drawn + 3);
    browser.switchTo().window(quietPage);
    assertThat(shownCount(browser)).as("points pushed to the quiet host's page").isZero();
  }

  private static long shownCount(ChromeDriver browser) {
    return ((Number) browser.executeScript("return VigiaHost.shown.length;")).longValue();
  }

  @Test
  void operatorActsOnAContainerAfterAConfirmationNamingIt() throws Exception {
    // A host that sends its containers (no Docker engine here): one running with a hostile name,
    // one exited.
    String token = admin.enroll(VigiaTestSession.fleetKey(), "agent-" + tag, hostName);
    String running = "a".repeat(64);
    List<ContainerInfo> containers =
        List.of(
            ContainerInfo.basic(
                running, HOSTILE, "busybox:1", "running", 12.5, 96L << 20, 256L << 20),
            ContainerInfo.basic(
                "b".repeat(64), "old-job", "busybox:1", "exited", null, 0L, 256L << 20));
    long now = System.currentTimeMillis();
    HttpResponse<String> pushed =
        admin.ingest(
            token,
            new Batch(
                "agent-" + tag,
                hostName,
                1L,
                now,
                "proc",
                Cpu.total(20.0, 2),
                null,
                null,
                null,
                containers,
                null,
                null,
                null));
    assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(200);

    ChromeDriver browser = open(Browsers.open("1280,900"));
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    Browsers.logInAsAdmin(browser, wait);
    WebElement first =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".host-containers tbody tr td.ctr-name")));
    assertThat(first.getText()).endsWith(HOSTILE);
    assertThat(browser.findElements(By.cssSelector("main img"))).isEmpty();
    assertThat(browser.findElements(By.cssSelector(".ctr-action")))
        .extracting(WebElement::getText)
        .containsExactly("Stop", "Kill", "Start", "Remove");
    browser.executeScript("arguments[0].scrollIntoView({block: 'center'});", first);
    Browsers.screenshot(browser, "host-live-containers.png");

    browser.findElement(By.cssSelector(".ctr-stop")).click();
    WebElement dialog =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".container-dialog")));
    assertThat(dialog.getText()).contains("Stop the container " + HOSTILE + "?");
    browser.findElement(By.cssSelector(".container-dialog .ui-confirmdialog-yes")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("host:containerResult"), "queued as command"));
    JsonObject command =
        MonitorApi.parse(admin.get("api/v1/hosts/" + hostName + "/commands").body())
            .asJsonArray()
            .getJsonObject(0);
    assertThat(command.getString("type")).isEqualTo("container-stop");
    assertThat(command.getString("containerId")).isEqualTo(running);
  }

  @Test
  void containerChartsDrawALinePerContainerAndMoveWithEachPush() throws Exception {
    // A host that sends three running containers every second (no Docker engine here), the web
    // one's CPU different in each batch; the test remembers what it pushed at which time.
    String agent = "agent-" + tag;
    String token = admin.enroll(VigiaTestSession.fleetKey(), agent, hostName);
    Map<Long, Double> webCpu = new ConcurrentHashMap<>();
    AtomicLong seq = new AtomicLong();
    Runnable push =
        () -> {
          long n = seq.incrementAndGet();
          double cpu = 10 + n % 40 + 0.5;
          Batch b =
              MonitorApi.batchWithContainers(
                  agent,
                  hostName,
                  n,
                  20.0,
                  List.of(
                      ContainerInfo.basic(
                          "c".repeat(64), "web", "nginx:1", "running", cpu, 64L << 20, 256L << 20),
                      ContainerInfo.basic(
                          "d".repeat(64), "db", "mariadb:11", "running", 5.0, 300L << 20, null),
                      ContainerInfo.basic(
                          "e".repeat(64),
                          HOSTILE,
                          "busybox:1",
                          "running",
                          1.0,
                          8L << 20,
                          64L << 20),
                      ContainerInfo.basic(
                          "f".repeat(64), "old-job", "busybox:1", "exited", null, 0L, null)));
          webCpu.put(b.ts(), cpu);
          admin.ingest(token, b);
        };
    push.run();
    pusher.scheduleAtFixedRate(push, 1, 1, TimeUnit.SECONDS);

    ChromeDriver browser = open(Browsers.open("1280,900"));
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    Browsers.logInAsAdmin(browser, wait);
    browser.executeScript("window.vigiaSamePage = true;");
    // The running containers, one line each, labelled with their names (the exited one: none).
    wait.until(d -> labels(browser, "ctrCpuChart").size() == 3);
    assertThat(labels(browser, "ctrCpuChart")).containsExactlyInAnyOrder("web", "db", HOSTILE);
    assertThat(labels(browser, "ctrMemoryChart")).containsExactlyInAnyOrder("web", "db", HOSTILE);
    assertThat(browser.findElements(By.cssSelector("main img"))).isEmpty();

    // The web line's newest point is a pushed one, with the pushed value; a later push moves it.
    double[] first = awaitPushedPoint(browser, wait, webCpu, 0);
    assertThat(first[1]).isEqualTo(webCpu.get((long) first[0]));
    double[] later = awaitPushedPoint(browser, wait, webCpu, (long) first[0]);
    assertThat(later[0]).isGreaterThan(first[0]);
    assertThat(later[1]).isEqualTo(webCpu.get((long) later[0]));
    assertThat(js(browser, "return window.vigiaSamePage === true;"))
        .as("no reload")
        .isEqualTo(true);
    Object memory =
        js(
            browser,
            "var d = PrimeFaces.widgets.ctrMemoryChart.chart.data.datasets"
                + ".find(function (s) { return s.label === 'web'; }).data;"
                + " return d[d.length - 1].y;");
    assertThat(((Number) memory).longValue()).isEqualTo(64L << 20);
    WebElement charts = browser.findElement(By.cssSelector(".host-ctr-charts"));
    assertThat(charts.isDisplayed()).isTrue();
    browser.executeScript("arguments[0].scrollIntoView({block: 'start'});", charts);
    Browsers.screenshot(browser, "host-live-container-charts.png");

    ChromeDriver phone = open(Browsers.openPhone());
    WebDriverWait phoneWait = new WebDriverWait(phone, Duration.ofSeconds(30));
    Browsers.logInAsAdmin(phone, phoneWait);
    awaitPushedPoint(phone, phoneWait, webCpu, 0);
    phone.executeScript(
        "arguments[0].scrollIntoView({block: 'start'});",
        phone.findElement(By.cssSelector(".host-ctr-charts")));
    Browsers.screenshot(phone, "host-live-container-charts-phone.png");
  }

  @SuppressWarnings("unchecked")
  private static List<String> labels(ChromeDriver browser, String widget) {
    return (List<String>)
        js(
            browser,
            "var w = PrimeFaces.widgets['"
                + widget
                + "']; return w && w.chart ? w.chart.data.datasets.map(function (s) {"
                + " return s.label; }) : [];");
  }

  private static Object js(ChromeDriver browser, String script) {
    return browser.executeScript(script);
  }

  /** Waits for the web container's newest CPU point to be a pushed one after {@code after}. */
  private static double[] awaitPushedPoint(
      ChromeDriver browser, WebDriverWait wait, Map<Long, Double> pushed, long after) {
    double[] point = {0, 0};
    wait.withMessage("the web container's CPU line to draw a pushed point after " + after)
        .until(
            d -> {
              Object xy =
                  js(
                      browser,
                      "var w = PrimeFaces.widgets.ctrCpuChart;"
                          + " var s = w && w.chart ? w.chart.data.datasets.find(function (s) {"
                          + " return s.label === 'web'; }) : null;"
                          + " var p = s && s.data.length ? s.data[s.data.length - 1] : null;"
                          + " return p ? [p.x, p.y] : null;");
              if (xy == null) {
                return false;
              }
              List<?> p = (List<?>) xy;
              point[0] = ((Number) p.get(0)).doubleValue();
              point[1] = ((Number) p.get(1)).doubleValue();
              return point[0] > after && pushed.containsKey((long) point[0]);
            });
    return point;
  }

  @Test
  void saysAHostNobodyEnrolledIsUnknownInsteadOfShowingEmptyCharts() throws Exception {
    // hostName never enrols in this test
    ChromeDriver browser = open(Browsers.open("1280,900"));
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    Browsers.logInAsAdmin(browser, wait);
    WebElement said =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".vigia-empty")));
    assertThat(said.getText())
        .contains("No host is named " + hostName + ": it has never enrolled, or it was renamed.");
    assertThat(browser.findElements(By.cssSelector(".host-charts, #host-state, #host\\:tree")))
        .isEmpty();
    said.findElement(By.linkText("Back to the fleet")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".fleet-table")));
  }

  private ChromeDriver open(ChromeDriver browser) {
    browsers.add(browser);
    browser.get(admin.base() + "host.xhtml?name=" + hostName);
    return browser;
  }

  /** Waits for the CPU chart's newest point to be later than {@code after}; returns its time. */
  private static long awaitNewestPoint(ChromeDriver browser, WebDriverWait wait, long after) {
    long[] newest = {0};
    wait.withMessage("the CPU chart to draw a point after " + after)
        .until(
            d -> {
              Object x =
                  browser.executeScript(
                      "var w = PrimeFaces.widgets.cpuChart;"
                          + " var data = w && w.chart ? w.chart.data.datasets[0].data : [];"
                          + " return data.length ? data[data.length - 1].x : null;");
              newest[0] = x == null ? 0 : ((Number) x).longValue();
              return newest[0] > after;
            });
    return newest[0];
  }

  /** What a failed wait reports: the page's refresh state, the tree's pids, the console. */
  private static String pageState(ChromeDriver browser) {
    Object js =
        browser.executeScript(
            "return JSON.stringify({state: VigiaHost.state(),"
                + " pids: Array.from(document.querySelectorAll('.host-tree td.proc-pid'))"
                + ".map(e => e.textContent),"
                + " queued: PrimeFaces.ajax.Queue.requests.length});");
    StringBuilder out = new StringBuilder().append(js).append("; console:");
    browser.manage().logs().get("browser").forEach(e -> out.append(' ').append(e));
    return out.toString();
  }

  private static void search(ChromeDriver browser, String text) {
    WebElement box = browser.findElement(By.id("host:search"));
    box.clear();
    box.sendKeys(text);
  }

  private static WebElement awaitRow(ChromeDriver browser, WebDriverWait wait, long pid) {
    return wait.withMessage("pid " + pid + " in the tree")
        .ignoring(StaleElementReferenceException.class)
        .until(d -> rowOf(d, pid));
  }

  private static WebElement rowOf(org.openqa.selenium.WebDriver d, long pid) {
    for (WebElement row : d.findElements(By.cssSelector(".host-tree tbody tr"))) {
      List<WebElement> cell = row.findElements(By.cssSelector("td.proc-pid"));
      if (!cell.isEmpty() && cell.get(0).getText().equals(Long.toString(pid))) {
        return row;
      }
    }
    return null;
  }

  private static boolean clickKill(List<WebElement> rows, long pid) {
    for (WebElement row : rows) {
      if (row.findElement(By.cssSelector("td.proc-pid")).getText().equals(Long.toString(pid))) {
        row.findElement(By.cssSelector(".proc-kill")).click();
        return true;
      }
    }
    return false;
  }

  /** A {@code sleep 600} whose command line starts with {@code argv0} (its name stays sleep). */
  private Process sleeper(String argv0) throws Exception {
    return processes.start(
        new ProcessBuilder("bash", "-c", "exec -a \"$0\" sleep 600", argv0)
            .redirectOutput(new File("/dev/null"))
            .redirectErrorStream(true));
  }

  private long startTicks(long pid) throws InterruptedException {
    JsonObject[] found = {null};
    TestProcesses.await(
        Duration.ofSeconds(30),
        () -> {
          for (JsonValue v :
              MonitorApi.parse(admin.get("api/v1/hosts/" + hostName + "/processes").body())
                  .asJsonArray()) {
            if (v.asJsonObject().getInt("pid") == pid) {
              found[0] = v.asJsonObject();
            }
          }
          return found[0] != null;
        },
        "pid " + pid + " in the host's process list");
    return found[0].getJsonNumber("startTicks").longValue();
  }

  /** The messages of the host's events, newest first. */
  private List<String> events() {
    return MonitorApi.parse(admin.get("api/v1/events?host=" + hostName + "&size=100").body())
        .asJsonObject()
        .getJsonArray("items")
        .stream()
        .map(v -> v.asJsonObject().getString("message"))
        .toList();
  }
}
