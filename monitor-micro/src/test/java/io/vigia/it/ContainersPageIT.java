package io.vigia.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.testsupport.Browsers;
import io.vigia.testsupport.MonitorApi;
import io.vigia.testsupport.VigiaTestSession;
import io.vigia.wire.Batch;
import io.vigia.wire.ContainerInfo;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The containers page in Chromium, on two hosts of the test's own (other tests' containers share
 * the database: every view is filtered to this test's tag): right now, busiest by CPU and by memory
 * in the order and with the figures pushed, refreshed in place; over the last day from stored
 * history (samples stamped three hours ago, rolled up), containers removed since included; the
 * filter; a removed container's history opens from its row; a 390 px phone shows name, host, CPU
 * and memory of each container without sideways scrolling.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ContainersPageIT {

  private static final long SECOND = 1_000L;
  private static final long HOUR = 3_600_000L;
  private static final long MIB = 1024L * 1024;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.builtWar();
  }

  @ArquillianResource private URL url;
  private MonitorApi admin;
  private ChromeDriver browser;

  private String tag;
  private String hostA;
  private String hostB;
  private String agentA;
  private String agentB;
  private String tokenA;
  private String tokenB;
  private String oldBurner;
  private String oldFiller;
  private String web;
  private String cache;
  private String db;

  @BeforeEach
  void twoHostsWithContainers() {
    admin = new MonitorApi(Deployments.loopback(url)).as("admin", VigiaTestSession.adminPassword());
    tag = UUID.randomUUID().toString().substring(0, 8);
    agentA = UUID.randomUUID().toString();
    agentB = UUID.randomUUID().toString();
    hostA = "ctrp-a-" + tag;
    hostB = "ctrp-b-" + tag;
    tokenA = admin.enroll(VigiaTestSession.fleetKey(), agentA, hostA);
    tokenB = admin.enroll(VigiaTestSession.fleetKey(), agentB, hostB);
    oldBurner = id('1');
    oldFiller = id('2');
    web = id('3');
    cache = id('4');
    db = id('5');
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  /** A 64-character id of this test's, told apart by its first character. */
  private String id(char first) {
    String hex = (tag + tag + tag + tag + tag + tag + tag + tag).replace("-", "0");
    return (first + hex + hex).substring(0, 64);
  }

  private ContainerInfo container(
      String id, String name, double cpu, long memMib, long limitMib, double cores) {
    return new ContainerInfo(
        id,
        "ctrp-" + tag + "-" + name,
        "vigia-it-" + tag + "/" + name + ":1",
        "running",
        cpu,
        memMib * MIB,
        limitMib * MIB,
        null,
        0,
        0,
        null,
        null,
        false,
        cores,
        cpu / cores);
  }

  private void push(
      String agent, String host, String token, long seq, long ts, ContainerInfo... c) {
    Batch b = MonitorApi.withContainers(MonitorApi.batch(agent, host, seq, 10), ts, List.of(c));
    HttpResponse<String> r = admin.ingest(token, b);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  /**
   * Three hours ago: a burner (90, 95, 100 % of a core; 40, 50, 60 MiB of 256) and a filler (4, 5,
   * 6 %; 3 GiB of 4), both removed since; rolled up. Then, now: web (70 % of a core with a limit of
   * 1, 100 MiB of 512) and cache (30 % of 2 cores, 900 MiB of 1 GiB) on host A, db (50 % of 4
   * cores, 400 MiB of 2 GiB) on host B.
   */
  private void seed() {
    long base = Math.floorDiv(System.currentTimeMillis(), HOUR) * HOUR - 3 * HOUR;
    for (int i = 0; i < 3; i++) {
      push(
          agentA,
          hostA,
          tokenA,
          1 + i,
          base + (5 + 20 * i) * SECOND,
          container(oldBurner, "old-burner", 90 + 5 * i, 40 + 10 * i, 256, 1),
          container(oldFiller, "old-filler", 4 + i, 3072, 4096, 1));
    }
    HttpResponse<String> r =
        admin.post(
            "api/v1/history/maintenance?now=" + System.currentTimeMillis() + "&since=" + base,
            null,
            "");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    long now = System.currentTimeMillis();
    pushWebAndCache(10, now, 100);
    push(agentB, hostB, tokenB, 1, now, container(db, "db", 50, 400, 2048, 4));
  }

  /** Host A's running containers: web using {@code webMib}, cache its 900 MiB. */
  private void pushWebAndCache(long seq, long ts, long webMib) {
    push(
        agentA,
        hostA,
        tokenA,
        seq,
        ts,
        container(web, "web", 70, webMib, 512, 1),
        container(cache, "cache", 30, 900, 1024, 2));
  }

  private WebDriverWait open(ChromeDriver driver, String query) {
    browser = driver;
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    // the rows are rendered again when the order changes: read them again then
    wait.ignoring(StaleElementReferenceException.class);
    browser.get(admin.base() + "containers.xhtml?" + query);
    Browsers.logInAsAdmin(browser, wait);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".ctrs-table")));
    return wait;
  }

  private List<WebElement> rows() {
    return browser.findElements(By.cssSelector("[id='containers:table_data'] > tr[data-ri]"));
  }

  /** The names of the containers shown, top to bottom. */
  private List<String> names() {
    return rows().stream()
        .map(r -> r.findElement(By.cssSelector("a.ctr-history")).getText())
        .toList();
  }

  private List<String> names(String... shortNames) {
    return java.util.Arrays.stream(shortNames).map(n -> "ctrp-" + tag + "-" + n).toList();
  }

  private WebElement row(String shortName) {
    return browser.findElement(
        By.xpath(
            "//tbody[@id='containers:table_data']/tr[.//a[contains(@class,'ctr-history') and"
                + " normalize-space()='ctrp-"
                + tag
                + "-"
                + shortName
                + "']]"));
  }

  private static String text(WebElement row, String css) {
    return row.findElement(By.cssSelector(css)).getText();
  }

  @Test
  void ranksTheContainersOfNowByCpuAndByMemoryAndRefreshesThemInPlace() throws Exception {
    seed();
    WebDriverWait wait = open(Browsers.open("1280,900"), "q=" + tag);

    wait.until(d -> names().equals(names("web", "db", "cache")));
    WebElement w = row("web");
    assertThat(text(w, ".ctr-cpu")).isEqualTo("70.0 %");
    assertThat(text(w, ".ctr-cpu-limit")).isEqualTo("70.0 % of its limit");
    assertThat(text(w, ".ctr-mem")).isEqualTo("100.0 MiB / 512.0 MiB");
    assertThat(text(w, ".ctr-host-link")).isEqualTo(hostA);
    assertThat(text(w, ".ctr-state")).isEqualTo("running");
    assertThat(text(w, ".ctr-image")).isEqualTo("vigia-it-" + tag + "/web:1");
    assertThat(text(row("cache"), ".ctr-cpu-limit")).isEqualTo("15.0 % of its limit");
    assertThat(text(row("db"), ".ctr-mem")).isEqualTo("400.0 MiB / 2.0 GiB");
    assertThat(names()).as("removed containers are not running now").hasSize(3);
    Browsers.screenshot(browser, "containers-now.png");

    browser.findElement(By.cssSelector("a[data-by='memory']")).click();
    wait.until(ExpectedConditions.urlContains("by=memory"));
    wait.until(d -> names().equals(names("cache", "db", "web")));
    assertThat(text(row("cache"), ".ctr-mem")).isEqualTo("900.0 MiB / 1.0 GiB");

    // A new figure is written into its row; a new order brings the table again; no reload.
    ((JavascriptExecutor) browser).executeScript("window.vigiaSamePage = 'yes';");
    long now = System.currentTimeMillis();
    push(agentB, hostB, tokenB, 2, now, container(db, "db", 50, 2000, 2048, 4));
    wait.until(d -> names().equals(names("db", "cache", "web")));
    wait.until(d -> text(row("db"), ".ctr-mem").equals("2.0 GiB / 2.0 GiB"));
    pushWebAndCache(11, now, 120);
    wait.until(d -> text(row("web"), ".ctr-mem").equals("120.0 MiB / 512.0 MiB"));
    assertThat(((JavascriptExecutor) browser).executeScript("return window.vigiaSamePage;"))
        .as("the page was not reloaded")
        .isEqualTo("yes");

    // The filter: host B's name leaves its one container.
    WebElement q = browser.findElement(By.id("containers:q"));
    q.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    q.sendKeys(hostB);
    wait.until(d -> names().equals(names("db")));
    // and an image
    q.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    q.sendKeys("VIGIA-IT-" + tag + "/cache:");
    wait.until(d -> names().equals(names("cache")));
    q.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    q.sendKeys("no-such-" + tag);
    wait.until(d -> names().isEmpty());
    assertThat(browser.findElement(By.cssSelector(".ctrs-table")).getText())
        .contains("No container matches.");
  }

  @Test
  void ranksTheLastDayFromStoredHistoryAndOpensARemovedContainersHistory() throws Exception {
    seed();
    WebDriverWait wait = open(Browsers.open("1280,900"), "over=24h&q=" + tag);

    // The now-batches join the day once the minute timer has rolled them up; the removed
    // containers' means are first and last either way.
    wait.until(d -> names().size() >= 2);
    List<String> byCpu = names();
    assertThat(byCpu.get(0)).isEqualTo("ctrp-" + tag + "-old-burner");
    assertThat(byCpu.get(byCpu.size() - 1)).isEqualTo("ctrp-" + tag + "-old-filler");
    WebElement burner = row("old-burner");
    assertThat(text(burner, ".ctr-cpu")).isEqualTo("95.0 %");
    assertThat(text(burner, ".ctr-cpu-peak")).isEqualTo("peak 100.0 %");
    assertThat(text(burner, ".ctr-mem")).isEqualTo("50.0 MiB / 256.0 MiB");
    assertThat(text(burner, ".ctr-mem-peak")).isEqualTo("peak 60.0 MiB");
    assertThat(text(burner, ".ctr-state")).isEqualTo("removed");
    assertThat(text(burner, ".ctr-host-link")).isEqualTo(hostA);
    Browsers.screenshot(browser, "containers-day.png");

    browser.findElement(By.cssSelector("a[data-by='memory']")).click();
    wait.until(ExpectedConditions.urlContains("by=memory"));
    wait.until(d -> !names().isEmpty() && names().get(0).endsWith("-old-filler"));
    List<String> byMemory = names();
    assertThat(byMemory.get(byMemory.size() - 1)).isEqualTo("ctrp-" + tag + "-old-burner");
    assertThat(text(row("old-filler"), ".ctr-mem")).isEqualTo("3.0 GiB / 4.0 GiB");
    assertThat(text(row("old-filler"), ".ctr-cpu")).isEqualTo("5.0 %");

    // Its history: the burner is gone from its host, yet its charts open from its row.
    row("old-burner").findElement(By.cssSelector("a.ctr-history")).click();
    wait.until(ExpectedConditions.urlContains("history.xhtml"));
    String key = "ctr:" + oldBurner.substring(0, 12);
    By cpuChart = By.cssSelector(".history-chart[data-key='" + key + "/cpu']");
    By memChart = By.cssSelector(".history-chart[data-key='" + key + "/mem']");
    wait.until(ExpectedConditions.presenceOfElementLocated(memChart));
    assertThat(Integer.parseInt(browser.findElement(cpuChart).getAttribute("data-points")))
        .isPositive();
    assertThat(Integer.parseInt(browser.findElement(memChart).getAttribute("data-points")))
        .isPositive();
    assertThat(
            browser
                .findElement(By.cssSelector(".history-choice-gone[data-key='" + key + "']"))
                .getAttribute("aria-pressed"))
        .isEqualTo("true");
    // the memory chart draws the limit (256 MiB) as a fourth line
    Object limit =
        wait.until(
            d ->
                ((JavascriptExecutor) d)
                    .executeScript(
                        "var c = document.querySelector(arguments[0] + ' canvas');"
                            + "var chart = c && window.Chart ? Chart.getChart(c) : null;"
                            + "return chart && chart.data.datasets.length === 4"
                            + " ? chart.data.datasets[3].data[0].y : null;",
                        ".history-chart[data-key='" + key + "/mem']"));
    assertThat(((Number) limit).doubleValue()).isEqualTo(256.0 * MIB);
    Browsers.screenshot(browser, "containers-removed-history.png");

    // From the host page, a running container's name opens its history too.
    pushWebAndCache(12, System.currentTimeMillis(), 100);
    browser.get(admin.base() + "host.xhtml?name=" + hostA);
    By webLink =
        By.xpath(
            "//a[contains(@class,'ctr-history') and normalize-space()='ctrp-" + tag + "-web']");
    wait.until(ExpectedConditions.elementToBeClickable(webLink)).click();
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector(".history-chart[data-key='ctr:" + web.substring(0, 12) + "/cpu']")));
  }

  @Test
  void showsNameHostCpuAndMemoryOfEachContainerOnAPhone() throws Exception {
    seed();
    WebDriverWait wait = open(Browsers.openPhone(), "q=" + tag + "&lang=es");

    wait.until(d -> names().equals(names("web", "db", "cache")));
    WebElement w = row("web");
    for (String part : List.of("a.ctr-history", ".ctr-host-link", ".ctr-cpu", ".ctr-mem")) {
      assertThat(w.findElement(By.cssSelector(part)).isDisplayed()).as(part).isTrue();
    }
    assertThat(text(w, ".ctr-cpu")).isEqualTo("70,0 %");
    assertThat(text(w, ".ctr-cpu-limit")).isEqualTo("70,0 % de su límite");
    long width = (Long) browser.executeScript("return document.documentElement.scrollWidth;");
    assertThat(width).as("no sideways scrolling").isLessThanOrEqualTo(390);
    Browsers.screenshot(browser, "containers-phone.png");

    assertThat(sortMenu().getFirstSelectedOption().getText()).isEqualTo("CPU Descendente");

    // A day on a phone: the sort menu names the column the table shows, and sorts by the one
    // chosen in it.
    browser.get(admin.base() + "containers.xhtml?over=24h&q=" + tag);
    wait.until(d -> !names().isEmpty() && names().get(0).endsWith("-old-burner"));
    Browsers.screenshot(browser, "containers-day-phone.png");
    assertThat(sortMenu().getOptions().stream().map(WebElement::getText))
        .contains("CPU (media) Descendente", "Memoria (media) Descendente");
    assertThat(sortMenu().getFirstSelectedOption().getText()).isEqualTo("CPU (media) Descendente");
    sortMenu().selectByVisibleText("Memoria (media) Descendente");
    wait.until(d -> !names().isEmpty() && names().get(0).endsWith("-old-filler"));
    assertThat(names().get(names().size() - 1)).endsWith("-old-burner");
    wait.until(
        d -> sortMenu().getFirstSelectedOption().getText().equals("Memoria (media) Descendente"));

    // The same in English, over the last hour.
    browser.get(admin.base() + "containers.xhtml?over=1h&by=memory&lang=en&q=" + tag);
    wait.until(
        d -> sortMenu().getFirstSelectedOption().getText().equals("Memory (mean) Descending"));
    assertThat(sortMenu().getOptions().stream().map(WebElement::getText))
        .contains("CPU (mean) Ascending", "Container Ascending");
  }

  /** The sort control PrimeFaces shows above a reflowing table at phone width. */
  private Select sortMenu() {
    WebElement menu = browser.findElement(By.id("containers:table_reflowDD"));
    assertThat(menu.isDisplayed()).as("the sort menu is shown on a phone").isTrue();
    return new Select(menu);
  }
}
