package io.vigia.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.testsupport.Browsers;
import io.vigia.testsupport.MonitorApi;
import io.vigia.testsupport.VigiaTestSession;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The event log page in a real browser, with the real agent answering commands: its events are
 * listed newest first as the API lists them, a page at a time; the filter form narrows them by host
 * and kind and puts the filter in the address; a time range in the address narrows them too; text
 * that came with an event is shown as text.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EventsPageIT {

  private static final String HOSTILE = "<img src=x onerror=alert(1)>";
  private static final By ROWS = By.cssSelector("[id='events:log_data'] tr");

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.builtWar();
  }

  @ArquillianResource private URL url;
  @TempDir Path dir;
  private MonitorApi admin;
  private RunningAgent agent;
  private final List<ChromeDriver> browsers = new ArrayList<>();

  @AfterEach
  void stopEverything() throws InterruptedException {
    browsers.forEach(ChromeDriver::quit);
    if (agent != null) {
      agent.close();
    }
  }

  @Test
  void listsNewestFirstPagesAndNarrowsByHostKindAndTime() throws Exception {
    admin = new MonitorApi(Deployments.loopback(url)).as("admin", VigiaTestSession.adminPassword());
    agent = RunningAgent.start(admin, dir, "events-page-");
    String host = agent.host();
    String otherId = UUID.randomUUID().toString();
    String other = "events-other-" + otherId.substring(0, 8);
    String otherToken = admin.enroll(VigiaTestSession.fleetKey(), otherId, other);
    assertThat(admin.ingest(otherToken, MonitorApi.batch(otherId, other, 1, 5.0)).statusCode())
        .isEqualTo(200);
    queueKill(other, 4242, "on the other host");
    // 30 kills of processes that do not exist: 30 commands queued, then 30 failures the agent
    // reports back. The first one's reason is markup, which the page must show as text.
    for (int i = 0; i < 30; i++) {
      queueKill(host, 990_000 + i, i == 0 ? HOSTILE : "events page " + i);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (events(host, "command_result", 1).getJsonNumber("total").longValue() < 30) {
      assertThat(System.nanoTime()).as("the agent to answer 30 kills").isLessThan(deadline);
      Thread.sleep(500);
    }
    ChromeDriver browser = logIn(Browsers.open("1280,900"), "events.xhtml?host=" + host);
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

    // Newest first, as the API lists them, 25 to a page, each linked to its host's live page. The
    // real agent's host can be logged going offline and online again at any moment (a CI run saw
    // "is online" arrive between the API's answer and the page's): the two are compared as read
    // one right after the other, the page read again when an event came in between.
    JsonObject newest = events(host, null, 50);
    for (int attempt = 1;
        attempt < 4 && !messages(browser).equals(messagesOf(newest).subList(0, 25));
        attempt++) {
      browser.navigate().refresh();
      newest = events(host, null, 50);
    }
    long total = newest.getJsonNumber("total").longValue();
    assertThat(total).isGreaterThanOrEqualTo(60);
    List<WebElement> rows = browser.findElements(ROWS);
    assertThat(rows).hasSize(25);
    List<String> apiMessages = messagesOf(newest);
    assertThat(messages(browser)).containsExactlyElementsOf(apiMessages.subList(0, 25));
    List<Instant> firstPage = times(browser);
    assertThat(firstPage).isSortedAccordingTo((a, b) -> b.compareTo(a));
    assertThat(pageReport(browser)).isEqualTo("1–25 of " + total);
    WebElement link = rows.get(0).findElement(By.cssSelector(".event-host-live"));
    assertThat(link.getText()).isEqualTo(host);
    assertThat(link.getAttribute("href")).endsWith("/host.xhtml?name=" + host);
    Browsers.screenshot(browser, "events-page.png");

    // The next page goes on with older events, none seen before.
    browser.findElement(By.cssSelector(".ui-paginator-top .ui-paginator-next")).click();
    wait.ignoring(StaleElementReferenceException.class)
        .until(d -> pageReport(browser).equals("26–50 of " + total));
    assertThat(messages(browser)).containsExactlyElementsOf(apiMessages.subList(25, 50));
    assertThat(times(browser).get(0)).isBeforeOrEqualTo(firstPage.get(firstPage.size() - 1));

    // The markup that came with a command is there as text, and nothing of it became markup.
    browser.get(admin.base() + "events.xhtml?kind=command_queued&host=" + host + "&range=1h");
    String hostile = earliestQueuedDetail(browser, wait);
    assertThat(hostile).isEqualTo(HOSTILE);
    assertThat(browser.findElements(By.cssSelector("[id='events:log'] img"))).isEmpty();

    // The form narrows by kind: the address says so, and every row is of that kind.
    browser.get(admin.base() + "events.xhtml?host=" + host);
    new Select(browser.findElement(By.id("f-kind"))).selectByValue("command_result");
    browser.findElement(By.id("f-apply")).click();
    wait.until(ExpectedConditions.urlContains("kind=command_result"));
    assertThat(browser.getCurrentUrl()).contains("host=" + host);
    assertThat(kinds(browser)).hasSize(25).containsOnly("command_result");
    assertThat(pageReport(browser))
        .isEqualTo(
            "1–25 of " + events(host, "command_result", 1).getJsonNumber("total").longValue());
    assertThat(new Select(browser.findElement(By.id("f-kind"))).getFirstSelectedOption().getText())
        .isEqualTo("Command result");

    // ... and by host: the other host's events (its command, it coming online and going offline).
    long otherBefore = events(other, null, 1).getJsonNumber("total").longValue();
    new Select(browser.findElement(By.id("f-host"))).selectByValue(other);
    new Select(browser.findElement(By.id("f-kind"))).selectByValue("");
    browser.findElement(By.id("f-apply")).click();
    wait.until(ExpectedConditions.urlContains("host=" + other));
    long otherAfter = events(other, null, 1).getJsonNumber("total").longValue();
    assertThat((long) messages(browser).size()).isBetween(otherBefore, otherAfter);
    assertThat(messages(browser)).anySatisfy(m -> assertThat(m).contains("kill pid 4242"));
    assertThat(hosts(browser)).containsOnly(other);

    // A time range from the address: a day long ago holds none of them.
    browser.get(
        admin.base()
            + "events.xhtml?host="
            + host
            + "&range=custom&from=2001-01-01T00:00&to=2001-01-02T00:00");
    assertThat(text(browser, "[id='events:log_data']")).isEqualTo("No event matches.");
    assertThat(new Select(browser.findElement(By.id("f-range"))).getFirstSelectedOption().getText())
        .isEqualTo("Custom range");
    assertThat(browser.findElement(By.id("f-from")).getAttribute("value"))
        .isEqualTo("2001-01-01T00:00");

    // An unknown host is said, and nothing listed.
    browser.get(admin.base() + "events.xhtml?host=no-such-host-" + otherId);
    assertThat(text(browser, ".events-messages")).contains("There is no host named no-such-host-");
    assertThat(browser.findElements(By.cssSelector("[id='events:log_data'] time"))).isEmpty();

    ChromeDriver phone = logIn(Browsers.openPhone(), "events.xhtml?host=" + host);
    Browsers.screenshot(phone, "events-page-phone.png");
    assertThat(phone.findElements(ROWS)).hasSize(25);
    phone.get(admin.base() + "events.xhtml?lang=es&kind=command_result&host=" + host);
    new WebDriverWait(phone, Duration.ofSeconds(30))
        .until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Eventos"));
    assertThat(kinds(phone)).containsOnly("command_result");
    Browsers.screenshot(phone, "events-page-phone-es.png");
  }

  /** The detail of the oldest command queued on this page's last page: the first one queued. */
  private static String earliestQueuedDetail(ChromeDriver browser, WebDriverWait wait) {
    browser.findElement(By.cssSelector(".ui-paginator-top .ui-paginator-last")).click();
    wait.ignoring(StaleElementReferenceException.class)
        .until(d -> pageReport(browser).startsWith("26–"));
    List<WebElement> rows = browser.findElements(ROWS);
    return rows.get(rows.size() - 1).findElement(By.cssSelector(".event-detail")).getText();
  }

  private void queueKill(String host, int pid, String reason) {
    HttpResponse<String> r =
        admin.post(
            "api/v1/hosts/" + host + "/commands",
            null,
            "{\"type\":\"kill\",\"pid\":"
                + pid
                + ",\"startTicks\":1,\"reason\":"
                + MonitorApi.json(reason)
                + "}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
  }

  private static List<String> messagesOf(JsonObject page) {
    return page.getJsonArray("items").stream()
        .map(v -> v.asJsonObject().getString("message"))
        .toList();
  }

  private JsonObject events(String host, String kind, int size) {
    HttpResponse<String> r =
        admin.get(
            "api/v1/events?size="
                + size
                + "&host="
                + URLEncoder.encode(host, StandardCharsets.UTF_8)
                + (kind == null ? "" : "&kind=" + kind));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return MonitorApi.parse(r.body()).asJsonObject();
  }

  private ChromeDriver logIn(ChromeDriver browser, String page) {
    browsers.add(browser);
    browser.get(admin.base() + page);
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    Browsers.logInAsAdmin(browser, wait);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("events:log")));
    return browser;
  }

  private static List<String> messages(ChromeDriver browser) {
    return cells(browser, ".event-message");
  }

  private static List<String> hosts(ChromeDriver browser) {
    return cells(browser, ".event-host-live");
  }

  private static List<String> kinds(ChromeDriver browser) {
    return browser.findElements(By.cssSelector("[id='events:log_data'] [data-kind]")).stream()
        .map(e -> e.getAttribute("data-kind"))
        .toList();
  }

  private static List<Instant> times(ChromeDriver browser) {
    return browser.findElements(By.cssSelector("[id='events:log_data'] time")).stream()
        .map(e -> Instant.parse(e.getAttribute("datetime")))
        .toList();
  }

  private static List<String> cells(ChromeDriver browser, String css) {
    return browser.findElements(By.cssSelector("[id='events:log_data'] " + css)).stream()
        .map(WebElement::getText)
        .toList();
  }

  private static String pageReport(ChromeDriver browser) {
    return text(browser, ".ui-paginator-top .ui-paginator-current");
  }

  private static String text(ChromeDriver browser, String css) {
    return browser.findElement(By.cssSelector(css)).getText();
  }
}
