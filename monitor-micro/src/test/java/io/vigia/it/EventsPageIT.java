package io.vigia.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.testsupport.Browsers;
import io.vigia.testsupport.ContainerEvents;
import io.vigia.testsupport.MonitorApi;
import io.vigia.testsupport.TestDatabase;
import io.vigia.testsupport.VigiaTestSession;
import io.vigia.wire.CommandResult;
import io.vigia.wire.ContainerEvent;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
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
 * that came with an event is shown as text. Every kind of event reads in the page's language, with
 * the names in it as they came; rows from before that are shown as they were stored.
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

  @Test
  void wordsEveryKindOfEventInThePagesLanguage() throws Exception {
    admin = new MonitorApi(Deployments.loopback(url)).as("admin", VigiaTestSession.adminPassword());
    String agentId = UUID.randomUUID().toString();
    String host = "eventos-" + agentId.substring(0, 8);
    String token = admin.enroll(VigiaTestSession.fleetKey(), agentId, host);
    String container = "c0ffee".repeat(10) + "abcd";
    // Batches at 95 % CPU; the first tells of a container that died; the host is then seen online.
    push(
        token,
        agentId,
        host,
        1,
        null,
        List.of(
            ContainerEvents.engine(
                System.currentTimeMillis(), container, "web", "nginx:1", "die", 137)));
    evaluate();
    // An alert raised on the host, and cleared when its rule is deleted.
    HttpResponse<String> rule =
        admin.post(
            "api/v1/alert-rules",
            null,
            "{\"name\":\"caliente\",\"metric\":\"cpu_pct\",\"operator\":\">\",\"threshold\":90,"
                + "\"durationS\":0,\"host\":\""
                + host
                + "\"}");
    assertThat(rule.statusCode()).as(rule.body()).isEqualTo(201);
    evaluate();
    long ruleId = MonitorApi.parse(rule.body()).asJsonObject().getJsonNumber("id").longValue();
    assertThat(admin.delete("api/v1/alert-rules/" + ruleId).statusCode()).isEqualTo(204);
    // A kill queued, handed to the "agent" and answered.
    queueKill(host, 4242, "se come la CPU");
    long id =
        push(token, agentId, host, 2, null, null)
            .getJsonArray("commands")
            .getJsonObject(0)
            .getJsonNumber("id")
            .longValue();
    push(token, agentId, host, 3, List.of(new CommandResult(id, "done", "SIGKILL sent")), null);
    // Its token revoked; the host then goes offline, as the 5-s evaluation finds.
    assertThat(admin.post("api/v1/hosts/" + host + "/token/revoke", null, "").statusCode())
        .isEqualTo(200);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (events(host, "host_offline", 1).getJsonNumber("total").longValue() == 0) {
      assertThat(System.nanoTime()).as("the host logged offline").isLessThan(deadline);
      Thread.sleep(500);
    }
    // An event written before texts were kept: shown as it was stored, in every language.
    long hostId = Deployments.count("SELECT id FROM host WHERE name = ?", host);
    try (Connection c = TestDatabase.connect(VigiaTestSession.database());
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO event (id, ts_ms, host_id, kind, severity, actor, message)"
                    + " VALUES (?, ?, ?, 'host_online', 'info', 'system', ?)")) {
      s.setLong(1, -Math.abs(UUID.randomUUID().getMostSignificantBits() >> 16));
      s.setLong(2, System.currentTimeMillis() - 3_600_000L);
      s.setLong(3, hostId);
      s.setString(4, host + " is online (an old row)");
      s.executeUpdate();
    }
    // A user added, and a new fleet key, from the Administration page in Spanish.
    String user = "lectora-" + agentId.substring(0, 8);
    assertThat(admin.addUser(user, "correct horse battery staple", "viewer").statusCode())
        .isEqualTo(201);
    ChromeDriver browser = Browsers.open("1280,900");
    browsers.add(browser);
    browser.get(admin.base() + "admin.xhtml?lang=es");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    Browsers.logInAsAdmin(browser, wait);
    try {
      wait.until(ExpectedConditions.elementToBeClickable(By.id("key:rotate"))).click();
      WebElement dialog =
          wait.until(
              ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".ui-confirm-dialog")));
      dialog.findElement(By.cssSelector(".ui-confirmdialog-yes")).click();
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("secret-value")));
    } finally {
      forgetGeneratedFleetKeys();
    }

    // Every kind, in Spanish; names from hosts and people as they are.
    browser.get(admin.base() + "events.xhtml?lang=es&host=" + host);
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Eventos"));
    Browsers.screenshot(browser, "events-page-es.png");
    assertThat(rowOf(browser, "container"))
        .contains(
            "contenedor web (c0ffeec0ffee): terminado", "imagen nginx:1; código de salida 137");
    assertThat(rowOf(browser, "alert_raised"))
        .contains("alerta «caliente» abierta en " + host + " (valor 95)", "cpu_pct > 90.0");
    // Cleared by the rule's deletion, or before it by the evaluation once the host went quiet.
    assertThat(rowOf(browser, "alert_cleared")).contains("alerta «caliente» cerrada");
    assertThat(rowOf(browser, "command_queued"))
        .contains("orden " + id + " en cola: matar pid 4242", "se come la CPU");
    assertThat(rowOf(browser, "command_result"))
        .contains("orden " + id + " hecha: matar pid 4242 (pedida por admin)", "SIGKILL sent");
    assertThat(rowOf(browser, "token_revoked"))
        .contains("revocó 1 token de equipo de «" + host + "»", "el agente es rechazado");
    assertThat(rowOf(browser, "host_offline"))
        .contains(host + " está desconectado", "ningún lote desde el");
    List<String> online =
        browser.findElements(ROWS).stream()
            .filter(r -> !r.findElements(By.cssSelector("[data-kind='host_online']")).isEmpty())
            .map(WebElement::getText)
            .toList();
    assertThat(online)
        .anySatisfy(r -> assertThat(r).contains(host + " está conectado", "lote recibido el"))
        .anySatisfy(r -> assertThat(r).contains(host + " is online (an old row)"));

    browser.get(admin.base() + "events.xhtml?lang=es&kind=user_changed&range=1h");
    assertThat(text(browser, "[id='events:log_data']"))
        .contains("añadió al usuario «" + user + "» (observador)");
    browser.get(admin.base() + "events.xhtml?lang=es&kind=fleet_key_rotated&range=1h");
    assertThat(rowOf(browser, "fleet_key_rotated"))
        .contains("generó una nueva clave de flota", "los agentes nuevos se inscriben");

    // In English, as the API says it (which keeps Java's way of writing numbers: "95.0").
    browser.get(admin.base() + "events.xhtml?lang=en&host=" + host);
    assertThat(rowOf(browser, "alert_raised"))
        .contains("alert 'caliente' raised on " + host + " (value 95)", "cpu_pct > 90.0");
    assertThat(messagesOf(events(host, "alert_raised", 1)))
        .containsExactly("alert 'caliente' raised on " + host + " (value 95.0)");
    assertThat(rowOf(browser, "command_result"))
        .contains("command " + id + " done: kill pid 4242 (asked by admin)");
  }

  /** What a batch's answer says; {@code results} and {@code happened} may be null. */
  private JsonObject push(
      String token,
      String agentId,
      String host,
      long seq,
      List<CommandResult> results,
      List<ContainerEvent> happened) {
    HttpResponse<String> r =
        admin.ingest(token, MonitorApi.batch(agentId, host, seq, 95, results, happened));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return MonitorApi.parse(r.body()).asJsonObject();
  }

  private void evaluate() {
    HttpResponse<String> r = admin.post("api/v1/alerts/evaluate", null, "");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  /** The text of the newest row of that kind on the page. */
  private static String rowOf(ChromeDriver browser, String kind) {
    return browser.findElements(ROWS).stream()
        .filter(r -> !r.findElements(By.cssSelector("[data-kind='" + kind + "']")).isEmpty())
        .map(WebElement::getText)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " event on the page"));
  }

  /**
   * The test database is shared by every test class of this run, and they enrol with the configured
   * key: with no generated key left, it is the fleet key again.
   */
  private static void forgetGeneratedFleetKeys() throws SQLException {
    try (Connection c = TestDatabase.connect(VigiaTestSession.database());
        Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM fleet_key");
    }
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
