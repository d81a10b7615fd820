package io.vigia.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.testsupport.Browsers;
import io.vigia.testsupport.MonitorApi;
import io.vigia.testsupport.VigiaTestSession;
import io.vigia.wire.Batch;
import io.vigia.wire.Cpu;
import io.vigia.wire.Load;
import io.vigia.wire.Memory;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The fleet page in Chromium with a fleet of 120 hosts: paged, sorted and filtered on the server, a
 * sparkline of each host's last minutes, readable on a phone, in English and Spanish.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FleetOverviewIT {

  private static final int HOSTS = 120;

  /** This run's hosts share a prefix, so the page can be filtered to them alone. */
  private static final String PREFIX = "fleet-" + UUID.randomUUID().toString().substring(0, 6);

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.builtWar();
  }

  @ArquillianResource private URL url;
  private ChromeDriver browser;

  private static boolean enrolled;

  private MonitorApi api() {
    return new MonitorApi(Deployments.loopback(url));
  }

  private static String name(int i) {
    return PREFIX + "-" + String.format("%03d", i);
  }

  /**
   * Host i reports CPU i % 100 (host 99 the busiest) and RAM 75 %; host 7 also the last minutes of
   * CPU, one sample per 10 s. Enrolled once for the class (Arquillian's URL is per test).
   */
  private void enrolFleet() {
    if (enrolled) {
      return;
    }
    MonitorApi api = api();
    long now = System.currentTimeMillis();
    for (int i = 0; i < HOSTS; i++) {
      String agentId = UUID.randomUUID().toString();
      String token = api.enroll(VigiaTestSession.fleetKey(), agentId, name(i));
      int samples = i == 7 ? 6 : 1;
      for (int k = samples - 1; k >= 0; k--) {
        long seq = samples - k;
        double cpu = i == 7 ? 10.0 * (6 - k) : i % 100;
        Batch b =
            Batch.ofHost(
                agentId,
                name(i),
                seq,
                now - k * 10_000L,
                "proc",
                Cpu.total(cpu, 4),
                new Memory(8_000_000L, 1_000_000L, 2_000_000L, 0L, 0L, 0L, 0L),
                new Load(0.5 + i / 100.0, 0.4, 0.3));
        assertThat(api.ingest(token, b).statusCode()).isEqualTo(200);
      }
    }
    enrolled = true;
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  private WebDriverWait openFleet(ChromeDriver b, String query) {
    browser = b;
    enrolFleet();
    browser.get(api().base() + "?q=" + query);
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    wait.ignoring(StaleElementReferenceException.class); // the table can be rendered again
    Browsers.logInAsAdmin(browser, wait);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("td.host-name a")));
    return wait;
  }

  /** The hosts the table shows, read in one go (the table may be rendered again meanwhile). */
  @SuppressWarnings("unchecked")
  private List<String> shownHosts() {
    return (List<String>)
        browser.executeScript(
            "return Array.from(document.querySelectorAll("
                + "'[id=\"fleet:hosts_data\"] td.host-name a.fleet-host'))"
                + ".map(function (a) { return a.textContent; });");
  }

  @Test
  void pagesSortsAndFiltersAFleetOf120Hosts() throws Exception {
    WebDriverWait wait = openFleet(Browsers.open("1280,900"), PREFIX);
    assertThat(shownHosts()).hasSize(25).first().isEqualTo(name(0));
    assertThat(browser.findElement(By.cssSelector(".ui-paginator-current")).getText())
        .contains("1–25")
        .contains("120");
    Browsers.screenshot(browser, "fleet-desktop.png");

    // CPU, highest first: hosts 99 (99 %) ahead of 98; the page keeps that order across polls
    By cpuHeader = By.xpath("//th[.//span[normalize-space()='CPU']]");
    browser.findElement(cpuHeader).click();
    wait.until(d -> "ascending".equals(d.findElement(cpuHeader).getAttribute("aria-sort")));
    browser.findElement(cpuHeader).click();
    wait.until(d -> "descending".equals(d.findElement(cpuHeader).getAttribute("aria-sort")));
    wait.until(d -> shownHosts().get(0).equals(name(99)));
    assertThat(shownHosts().subList(0, 2)).containsExactly(name(99), name(98));
    assertThat(browser.findElement(By.cssSelector("td .host-cpu")).getText()).isEqualTo("99.0 %");

    // the next page goes on from there
    browser.findElement(By.cssSelector(".ui-paginator-next")).click();
    wait.until(d -> !shownHosts().contains(name(99)) && shownHosts().size() == 25);

    // the name filter narrows to one host and starts again from the first page
    WebElement q = browser.findElement(By.id("fleet:q"));
    q.clear();
    q.sendKeys(name(42));
    wait.until(d -> shownHosts().equals(List.of(name(42))));

    // no host of this run has an open alert: the Alerting filter says so
    q.clear();
    q.sendKeys(PREFIX);
    wait.until(d -> shownHosts().size() == 25);
    browser
        .findElement(By.xpath("//div[@id='fleet:state']//*[normalize-space()='Alerting']"))
        .click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#fleet\\:hosts_data"), "No host matches this filter"));
  }

  @Test
  void drawsASparklineOfEachHostsLastMinutes() {
    WebDriverWait wait = openFleet(Browsers.open("1280,900"), name(7));
    // host 7 sent CPU 10, 20, ... 60 % over the last minute, ten seconds apart: its sparkline plots
    // those points, oldest first, and the rest of its ten minutes as gaps; the page's refresh
    // draws the same points again
    Object plotted =
        wait.until(
            d ->
                ((JavascriptExecutor) d)
                    .executeScript(
                        "var c = document.querySelector('td.col-spark .fleet-spark canvas');"
                            + "var chart = c && Chart.getChart(c);"
                            + "return chart ? chart.data.datasets[0].data"
                            + ".filter(function (p) { return p.y !== null; })"
                            + ".map(function (p) { return p.y; }) : null;"));
    assertThat(plotted).asList().containsExactly(10L, 20L, 30L, 40L, 50L, 60L);
    assertThat(
            browser
                .findElement(By.cssSelector("td.col-spark .fleet-spark canvas"))
                .getAttribute("aria-label"))
        .isEqualTo("Last 10 minutes: CPU 10.0 % – 60.0 %, RAM 75.0 % – 75.0 %");
  }

  @Test
  void showsNameStateCpuAndRamOfEachHostOnAPhone() throws Exception {
    openFleet(Browsers.openPhone(), PREFIX);
    Browsers.screenshot(browser, "fleet-phone.png");
    long width = (Long) ((JavascriptExecutor) browser).executeScript("return window.innerWidth;");
    assertThat(width).isEqualTo(390);
    WebElement first = browser.findElement(By.cssSelector("#fleet\\:hosts_data > tr"));
    for (String part :
        List.of("td.host-name a.fleet-host", ".vigia-state", ".host-cpu", ".host-ram")) {
      WebElement e = first.findElement(By.cssSelector(part));
      assertThat(e.isDisplayed()).as(part + " shown").isTrue();
      assertThat(e.getRect().getX() + e.getRect().getWidth())
          .as(part + " within the screen")
          .isLessThanOrEqualTo(390);
    }
    assertThat(
            (Long)
                ((JavascriptExecutor) browser)
                    .executeScript("return document.documentElement.scrollWidth;"))
        .as("no sideways scrolling")
        .isLessThanOrEqualTo(390);
  }

  @Test
  void speaksSpanishWhenAskedAndRemembersIt() throws Exception {
    WebDriverWait wait = openFleet(Browsers.open("1280,900"), name(7));
    browser.findElement(By.cssSelector(".vigia-lang a[hreflang='es']")).click();
    wait.until(d -> "es".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Flota");
    assertThat(browser.findElement(By.cssSelector("td .host-cpu")).getText()).isEqualTo("60,0 %");
    assertThat(browser.getCurrentUrl()).contains("q=" + name(7)).contains("lang=es");
    Browsers.screenshot(browser, "fleet-es.png");

    // remembered: the next page opened without ?lang is Spanish too
    browser.get(api().base() + "?q=" + name(7));
    wait.until(d -> "es".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
    assertThat(browser.findElement(By.linkText("Alertas")).isDisplayed()).isTrue();
    browser.get(api().base() + "?lang=en");
    wait.until(d -> "en".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
  }

  @Test
  void picksTheLanguageFromTheBrowsersAcceptLanguage() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    Map<String, String> expected =
        Map.of("es-AR,es;q=0.9,en;q=0.8", "es", "fr-FR,fr;q=0.9", "en", "de,es;q=0.5", "es");
    for (var e : expected.entrySet()) {
      HttpResponse<String> page =
          http.send(
              HttpRequest.newBuilder(URI.create(api().base() + "login.xhtml"))
                  .header("Accept-Language", e.getKey())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(page.body()).as(e.getKey()).contains("lang=\"" + e.getValue() + "\"");
    }
    HttpResponse<String> spanish =
        http.send(
            HttpRequest.newBuilder(URI.create(api().base() + "login.xhtml"))
                .header("Accept-Language", "es")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(spanish.body()).contains("Iniciar sesión").contains("Contraseña");
  }
}
