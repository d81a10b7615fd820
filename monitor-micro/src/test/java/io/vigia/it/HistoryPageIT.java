package io.vigia.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.testsupport.Browsers;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The History page in a real browser, with the real agent pushing this machine's figures: the last
 * ten minutes chosen in the custom range (in the viewer's time zone, not the server's) are plotted;
 * the CSV export holds exactly the points the charts show and the PNG export is an image of them;
 * presets, drag-to-zoom and its reset change the address; a bad range is refused with a message and
 * changes nothing; an unknown host is said to be unknown; at phone width the charts fit. A host
 * that started seconds ago shows its figures on the range the page opens on and on a day, whose
 * minutes not rolled up yet come from raw samples, as the page says.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HistoryPageIT {

  /** Far from UTC and from the server's zone, without summer time: a wrong zone shows. */
  private static final String VIEWER_ZONE = "America/Bogota";

  private static final DateTimeFormatter PICKER = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.builtWar();
  }

  @ArquillianResource private URL url;
  @TempDir Path dir;
  private final TestProcesses processes = new TestProcesses();
  private ChromeDriver browser;

  @AfterEach
  void stopEverything() throws InterruptedException {
    if (browser != null) {
      browser.quit();
    }
    processes.close();
  }

  @Test
  void plotsTheLastTenMinutesAndExportsExactlyWhatItShows() throws Exception {
    String host = hostWithSamples();
    WebDriverWait wait = openHistory(Browsers.open("1200,900"), host, "");
    Path downloads = Files.createDirectories(dir.resolve("downloads"));
    browser.executeCdpCommand(
        "Browser.setDownloadBehavior",
        Map.of("behavior", "allow", "downloadPath", downloads.toString()));

    // The last ten minutes, typed as the viewer reads the time: in Bogotá.
    ZonedDateTime now = ZonedDateTime.now(ZoneId.of(VIEWER_ZONE)).truncatedTo(ChronoUnit.MINUTES);
    ZonedDateTime from = now.minusMinutes(10);
    ZonedDateTime to = now.plusMinutes(1);
    customRange(from.format(PICKER), to.format(PICKER));
    wait.until(ExpectedConditions.urlContains("from="));
    wait.until(d -> points("history_cpu").size() > 0);
    Browsers.screenshot(browser, "history-desktop.png");

    Map<?, ?> x =
        (Map<?, ?>)
            js("var s = PF('history_cpu').chart.scales.x; return {min: s.min, max: s.max};");
    assertThat(((Number) x.get("min")).longValue()).isEqualTo(from.toInstant().toEpochMilli());
    assertThat(((Number) x.get("max")).longValue()).isEqualTo(to.toInstant().toEpochMilli());
    assertThat(text(".history-span")).contains(VIEWER_ZONE);
    assertThat(
            browser
                .findElement(By.cssSelector(".history-resolution"))
                .getAttribute("data-resolution"))
        .isEqualTo("raw");
    List<String> shown = new ArrayList<>();
    for (WebElement chart : browser.findElements(By.cssSelector(".history-chart"))) {
      shown.add(chart.getAttribute("data-key"));
    }
    assertThat(shown).containsExactly("cpu", "ram", "swap_used_kb", "load1");

    // CSV: a header, then every point of every chart, as drawn.
    browser.findElement(By.id("export:csv")).click();
    Path csv = awaitDownload(downloads, ".csv");
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    assertThat(lines.get(0)).isEqualTo("metric,t,min,avg,max");
    for (String key : shown) {
      List<String> drawn = new ArrayList<>();
      List<List<Number>> avg = points("history_" + key);
      List<List<Number>> min = points("history_" + key, 0);
      List<List<Number>> max = points("history_" + key, 1);
      for (int i = 0; i < avg.size(); i++) {
        drawn.add(
            key
                + ","
                + avg.get(i).get(0).longValue()
                + ","
                + min.get(i).get(1).doubleValue()
                + ","
                + avg.get(i).get(1).doubleValue()
                + ","
                + max.get(i).get(1).doubleValue());
      }
      List<String> exported =
          lines.stream()
              .skip(1)
              .filter(l -> l.startsWith(key + ","))
              .map(HistoryPageIT::withEpochMillis)
              .toList();
      assertThat(exported).as("CSV rows of " + key).isNotEmpty().isEqualTo(drawn);
    }
    assertThat(lines).hasSize(1 + (int) totalPoints());

    // PNG: the charts shown, one under the other.
    String png = (String) js("return VigiaHistory.png('test');");
    assertThat(png).startsWith("data:image/png;base64,");
    BufferedImage image =
        ImageIO.read(
            new ByteArrayInputStream(
                Base64.getDecoder().decode(png.substring(png.indexOf(',') + 1))));
    long canvasHeights =
        ((Number)
                js(
                    "return [...document.querySelectorAll('.history-chart canvas')]"
                        + ".reduce((s, c) => s + c.height, 0);"))
            .longValue();
    assertThat(image.getHeight()).isEqualTo(canvasHeights);
    assertThat(image.getWidth()).isGreaterThan(300);

    // A preset: the last hour, still raw at 300 points (12 s apiece).
    browser.findElement(By.cssSelector("a.history-preset[data-range='1h']")).click();
    wait.until(ExpectedConditions.urlContains("range=1h"));
    wait.until(d -> points("history_cpu").size() > 0);
    assertThat(presetShown()).isEqualTo("1h");
    long span =
        ((Number) js("var s = PF('history_cpu').chart.scales.x; return s.max - s.min;"))
            .longValue();
    assertThat(span).isEqualTo(Duration.ofHours(1).toMillis());

    // Dragging across the chart asks for the narrower range; Reset zoom goes back to the hour.
    WebElement canvas =
        browser.findElement(By.cssSelector(".history-chart[data-key='cpu'] canvas"));
    new Actions(browser)
        .moveToElement(canvas, -canvas.getSize().getWidth() / 4, 0) // from the centre
        .clickAndHold()
        .moveByOffset(40, 0)
        .moveByOffset(80, 0)
        .release()
        .perform();
    wait.until(ExpectedConditions.urlContains("out=1h"));
    assertThat(browser.getCurrentUrl()).contains("from=").contains("to=");
    long zoomed =
        ((Number) js("var s = PF('history_cpu').chart.scales.x; return s.max - s.min;"))
            .longValue();
    assertThat(zoomed).isLessThan(Duration.ofHours(1).toMillis());
    browser.findElement(By.id("zoom-out")).click();
    wait.until(ExpectedConditions.urlContains("range=1h"));
    assertThat(browser.getCurrentUrl()).doesNotContain("out=");
  }

  @Test
  void refusesABadCustomRangeAndKeepsWhatItShows() throws Exception {
    String host = hostWithSamples();
    WebDriverWait wait = openHistory(Browsers.open("1200,900"), host, "&range=1h");
    wait.until(d -> points("history_cpu").size() > 0);
    String before = browser.getCurrentUrl();
    js("window.vigiaSamePage = 'yes';");

    ZonedDateTime now = ZonedDateTime.now(ZoneId.of(VIEWER_ZONE)).truncatedTo(ChronoUnit.MINUTES);
    customRange(now.format(PICKER), now.minusHours(1).format(PICKER));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("messages"), "The start of the range must be before its end."));
    Browsers.screenshot(browser, "history-bad-range.png");

    customRange(now.plusHours(2).format(PICKER), now.plusHours(3).format(PICKER));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("messages"), "The range starts in the future"));
    assertThat(browser.getCurrentUrl()).isEqualTo(before);
    assertThat(js("return window.vigiaSamePage;")).as("the page was not replaced").isEqualTo("yes");
    assertThat(points("history_cpu")).isNotEmpty();

    // A backwards range in the address: said so, and the default hour is shown instead.
    browser.get(
        Deployments.loopback(url)
            + "history.xhtml?host="
            + host
            + "&from=2026-11-29T22:00:00Z&to=2026-11-29T21:00:00Z");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("messages"), "The range in the address is not valid"));
    assertThat(presetShown()).isEqualTo("1h");
  }

  @Test
  void showsAHostThatStartedSecondsAgoOnItsDefaultRangeAndOnADay() throws Exception {
    String host = hostWithSamples();
    WebDriverWait wait = openHistory(Browsers.open("1200,900"), host, "");

    // The page opens on the last hour, from raw samples: lines from the first seconds on.
    wait.until(d -> points("history_cpu").size() > 0);
    assertThat(presetShown()).isEqualTo("1h");
    assertThat(resolution()).isEqualTo("raw");
    assertThat(browser.findElements(By.cssSelector(".history-recent"))).isEmpty();
    assertThat(browser.findElements(By.cssSelector(".history-nodata"))).isEmpty();

    // A day is read from 1-minute rollups; minutes not rolled up yet come from raw samples, and
    // the page says so.
    browser.findElement(By.cssSelector("a.history-preset[data-range='24h']")).click();
    wait.until(ExpectedConditions.urlContains("range=24h"));
    wait.until(d -> points("history_cpu").size() > 0);
    Browsers.screenshot(browser, "history-new-host-day.png");
    assertThat(resolution()).isEqualTo("1m");
    WebElement recent = browser.findElement(By.cssSelector(".history-recent"));
    assertThat(recent.getAttribute("data-levels")).endsWith("raw");
    assertThat(recent.getText())
        .startsWith("The latest data is not rolled up yet:")
        .contains("raw samples from");
    for (WebElement chart : browser.findElements(By.cssSelector(".history-chart"))) {
      String key = chart.getAttribute("data-key");
      assertThat(points("history_" + key)).as("points of " + key + " over a day").isNotEmpty();
    }
    assertThat(browser.findElements(By.cssSelector(".history-nodata"))).isEmpty();
    // A day of a few seconds is a point or two: drawn as dots, since a line needs two.
    Number radius = (Number) js("return PF('history_cpu').chart.data.datasets[2].pointRadius;");
    assertThat(radius.doubleValue()).isPositive();
  }

  @Test
  void fitsAPhoneInSpanish() throws Exception {
    String host = hostWithSamples();
    WebDriverWait wait = openHistory(Browsers.openPhone(), host, "&range=10m&lang=es");
    wait.until(d -> points("history_cpu").size() > 0);
    Browsers.screenshot(browser, "history-phone.png");
    js("document.querySelector('.history-chart').scrollIntoView();");
    Browsers.screenshot(browser, "history-phone-chart.png");

    assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("es");
    assertThat(text("h1")).startsWith("Historial").contains(host);
    assertThat(text(".history-resolution")).startsWith("Resolución");
    long pageWidth = ((Number) js("return document.documentElement.scrollWidth;")).longValue();
    assertThat(pageWidth).as("no sideways scrolling").isLessThanOrEqualTo(390);
    for (WebElement canvas : browser.findElements(By.cssSelector(".history-chart canvas"))) {
      assertThat(canvas.getRect().getX()).isGreaterThanOrEqualTo(0);
      assertThat(canvas.getRect().getX() + canvas.getRect().getWidth()).isLessThanOrEqualTo(390);
      assertThat(canvas.getRect().getHeight()).isGreaterThanOrEqualTo(180);
    }
  }

  @Test
  void saysSoForAnUnknownHost() throws Exception {
    WebDriverWait wait = openHistory(Browsers.open("1200,700"), "no-such-host", "");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector(".history-missing"), "There is no host named “no-such-host”."));
    assertThat(browser.getPageSource()).doesNotContain("Exception");
    assertThat(browser.findElements(By.cssSelector(".history-chart"))).isEmpty();
  }

  /** Enrols a host, starts the real agent for it and waits for its first samples. */
  private String hostWithSamples() throws Exception {
    String host = "hist-" + System.nanoTime();
    processes.enrolAndRunAgent(Deployments.loopback(url), dir.resolve("state"), host);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (Deployments.samplesOf(host) < 10) {
      assertThat(System.nanoTime()).as("10 samples within 60 s").isLessThan(deadline);
      Thread.sleep(250);
    }
    return host;
  }

  /** Logs in as admin with the browser in the viewer's zone and opens the host's History. */
  private WebDriverWait openHistory(ChromeDriver chrome, String host, String query) {
    browser = chrome;
    browser.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", VIEWER_ZONE));
    browser.get(Deployments.loopback(url) + "history.xhtml?host=" + host + query);
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    Browsers.logInAsAdmin(browser, wait);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("h1")));
    return wait;
  }

  /** Types the range into the pickers as a person does, then asks for it. */
  private void customRange(String from, String to) {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
    for (String[] field : new String[][] {{"custom:from", from}, {"custom:to", to}}) {
      WebElement input = browser.findElement(By.id(field[0] + "_input"));
      input.click(); // the calendar opens from its button, not on focus: typing goes in as typed
      input.sendKeys(Keys.chord(Keys.CONTROL, "a"));
      input.sendKeys(field[1]);
      wait.until(ExpectedConditions.attributeToBe(input, "value", field[1]));
    }
    browser.findElement(By.id("custom:apply")).click();
  }

  /** The average's points of a chart as [x, y]. */
  private List<List<Number>> points(String widget) {
    return points(widget, 2);
  }

  /** A dataset's points (0 min, 1 max, 2 average) as [x, y]; empty while the chart is absent. */
  @SuppressWarnings("unchecked")
  private List<List<Number>> points(String widget, int dataset) {
    Object p =
        js(
            "var w = PrimeFaces.widgets['"
                + widget
                + "']; if (!w || !w.chart) return [];"
                + " return w.chart.data.datasets["
                + dataset
                + "].data.map(p => [p.x, p.y]);");
    return (List<List<Number>>) p;
  }

  private long totalPoints() {
    return ((Number)
            js(
                "return Object.values(PrimeFaces.widgets)"
                    + ".filter(w => w instanceof PrimeFaces.widget.Chart)"
                    + ".reduce((s, w) => s + w.chart.data.datasets[2].data.length, 0);"))
        .longValue();
  }

  /** A CSV row with its ISO-8601 time as epoch milliseconds, values as Java prints doubles. */
  private static String withEpochMillis(String row) {
    String[] f = row.split(",");
    return f[0]
        + ","
        + Instant.parse(f[1]).toEpochMilli()
        + ","
        + Double.parseDouble(f[2])
        + ","
        + Double.parseDouble(f[3])
        + ","
        + Double.parseDouble(f[4]);
  }

  private Path awaitDownload(Path folder, String suffix) throws Exception {
    Path[] found = {null};
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(
            d -> {
              try (var files = Files.list(folder)) {
                found[0] =
                    files
                        .filter(f -> f.getFileName().toString().endsWith(suffix))
                        .findFirst()
                        .orElse(null);
              } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
              }
              return found[0] != null;
            });
    return found[0];
  }

  /** The preset range marked as the one shown, null when none is. */
  private String presetShown() {
    List<WebElement> current =
        browser.findElements(By.cssSelector("a.history-preset[aria-current='true']"));
    return current.isEmpty() ? null : current.get(0).getAttribute("data-range");
  }

  private String resolution() {
    return browser
        .findElement(By.cssSelector(".history-resolution"))
        .getAttribute("data-resolution");
  }

  private String text(String css) {
    return browser.findElement(By.cssSelector(css)).getText();
  }

  private Object js(String script) {
    return ((JavascriptExecutor) browser).executeScript(script);
  }
}
