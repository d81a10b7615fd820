package io.vigia.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.testsupport.Browsers;
import io.vigia.testsupport.MonitorApi;
import io.vigia.testsupport.VigiaTestSession;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The alerts page in a real browser, with the real agent pushing this machine's figures: an admin
 * makes a rule in the page's dialog, the monitor's own timer raises it for the agent's host, and
 * the admin changes, disables and deletes it; a viewer sees rules and alerts but no control, and a
 * change forged from the viewer's session, through the page or the API, changes nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AlertsPageIT {

  private static final String PASSWORD = "correct horse battery staple";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.builtWar();
  }

  @ArquillianResource private URL url;
  @TempDir Path dir;
  private RunningAgent agent;
  private final List<ChromeDriver> browsers = new ArrayList<>();
  private MonitorApi admin;

  @AfterEach
  void stopEverything() throws InterruptedException {
    browsers.forEach(ChromeDriver::quit);
    if (agent != null) {
      agent.close();
    }
  }

  @Test
  void anAdminMakesARuleThatFiresForTheAgentsHostThenChangesDisablesAndDeletesIt()
      throws Exception {
    String host = startAgent();
    ChromeDriver browser = logIn(Browsers.open("1280,900"), "admin", adminPassword());
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    String rule = "RAM in use on " + host;

    // A rule without a name, with a bad webhook: told at the fields, nothing stored.
    openNewRuleDialog(browser, wait);
    Browsers.type(browser, "ruleForm:webhookUrl", "ftp://files.example.com/x");
    browser.findElement(By.id("ruleForm:save")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("[id='ruleForm'] .ui-message-error"), "name"));
    assertThat(text(browser, "[id='ruleForm']"))
        .contains("Give the rule a name of at most 128 characters.")
        .contains("Enter a percentage from 0 to 100.")
        .contains("Enter an absolute http:// or https:// URL");
    assertThat(browser.findElement(By.id("ruleDialog")).isDisplayed()).isTrue();
    assertThat(ruleNamed(rule)).isEmpty();
    Browsers.screenshot(browser, "alerts-rule-invalid.png");
    Browsers.ajaxDone(wait);

    // RAM in use above 1 % from the first evaluation, for this host only: it fires.
    Browsers.type(browser, "ruleForm:name", rule);
    choose(browser, wait, "ruleForm:metric", "RAM used");
    Browsers.type(browser, "ruleForm:threshold_input", "1");
    Browsers.type(browser, "ruleForm:durationS_input", "0");
    choose(browser, wait, "ruleForm:host", host);
    browser.findElement(By.id("ruleForm:webhookUrl")).clear();
    browser.findElement(By.id("ruleForm:save")).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("ruleDialog")));
    wait.until(growlSays("Rule “" + rule + "” created."));
    JsonObject created = ruleNamed(rule).orElseThrow();
    assertThat(created.getString("metric")).isEqualTo("ram_used_pct");
    assertThat(created.getString("operator")).isEqualTo(">");
    assertThat(created.getJsonNumber("threshold").doubleValue()).isEqualTo(1.0);
    assertThat(created.getInt("durationS")).isZero();
    assertThat(created.getString("host")).isEqualTo(host);
    assertThat(created.getBoolean("enabled")).isTrue();
    assertThat(text(browser, "[id='alerts:rules']"))
        .contains(rule)
        .contains("RAM used above 1.0 %");

    // The timer evaluates every 5 s and the page refreshes its alert tables every 10 s.
    WebElement openRow =
        new WebDriverWait(browser, Duration.ofSeconds(60))
            .ignoring(StaleElementReferenceException.class)
            .withMessage("an open alert of " + rule)
            .until(d -> rowWith(d, "[id='alerts:open_data'] tr", rule));
    assertThat(openRow.findElement(By.cssSelector(".alert-host-live")).getText()).isEqualTo(host);
    assertThat(openRow.findElement(By.cssSelector(".alert-host-live")).getAttribute("href"))
        .endsWith("/host.xhtml?name=" + host);
    assertThat(openRow.findElement(By.cssSelector(".alerts-history")).getAttribute("href"))
        .endsWith("/history.xhtml?host=" + host);
    assertThat(openRow.findElement(By.cssSelector(".alert-value")).getText()).endsWith(" %");
    Browsers.screenshot(browser, "alerts-page-firing.png");
    phoneScreenshots();

    // Changed to a threshold RAM never reaches here: its open alert is cleared, not raised again.
    WebElement edit =
        rowWith(browser, "[id='alerts:rules_data'] tr", rule)
            .findElement(By.cssSelector(".rule-edit"));
    assertThat(edit.getAttribute("aria-label")).isEqualTo("Edit rule “" + rule + "”");
    edit.click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("ruleDialog")));
    wait.until(ExpectedConditions.attributeToBe(By.id("ruleForm:name"), "value", rule));
    assertThat(browser.findElement(By.id("ruleDialog")).getText()).contains("Change alert rule");
    Browsers.type(browser, "ruleForm:threshold_input", "99.5");
    browser.findElement(By.id("ruleForm:save")).click();
    wait.until(growlSays("Rule “" + rule + "” saved."));
    assertThat(ruleNamed(rule).orElseThrow().getJsonNumber("threshold").doubleValue())
        .isEqualTo(99.5);
    wait.ignoring(StaleElementReferenceException.class)
        .until(d -> rowWith(d, "[id='alerts:past_data'] tr", rule) != null);
    assertThat(rowWith(browser, "[id='alerts:open_data'] tr", rule)).isNull();
    assertThat(text(browser, "[id='alerts:rules']")).contains("RAM used above 99.5 %");

    rowWith(browser, "[id='alerts:rules_data'] tr", rule)
        .findElement(By.cssSelector(".rule-toggle"))
        .click();
    wait.until(growlSays("Rule “" + rule + "” disabled"));
    assertThat(ruleNamed(rule).orElseThrow().getBoolean("enabled")).isFalse();
    wait.ignoring(StaleElementReferenceException.class)
        .until(
            d ->
                rowWith(d, "[id='alerts:rules_data'] tr", rule).getText().contains("disabled")
                    && rowWith(d, "[id='alerts:rules_data'] tr", rule)
                        .getText()
                        .contains("Enable"));

    rowWith(browser, "[id='alerts:rules_data'] tr", rule)
        .findElement(By.cssSelector(".rule-delete"))
        .click();
    WebElement confirm =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("deleteDialog")));
    assertThat(confirm.getText()).contains("Delete the rule “" + rule + "”");
    browser.findElement(By.id("deleteForm:confirmDelete")).click();
    wait.until(growlSays("Rule “" + rule + "” deleted"));
    assertThat(ruleNamed(rule)).isEmpty();
    wait.ignoring(StaleElementReferenceException.class)
        .until(d -> rowWith(d, "[id='alerts:rules_data'] tr", rule) == null);
  }

  @Test
  void aViewerSeesRulesAndAlertsButNoControlAndAForgedChangeIsRefused() throws Exception {
    String viewer = "viewer-" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> u =
        admin()
            .post(
                "api/v1/users",
                null,
                "{\"username\":\""
                    + viewer
                    + "\",\"password\":\""
                    + PASSWORD
                    + "\","
                    + "\"role\":\"viewer\"}");
    assertThat(u.statusCode()).as(u.body()).isEqualTo(201);
    String rule = "CPU pegged " + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> r =
        admin()
            .post(
                "api/v1/alert-rules",
                null,
                "{\"name\":\""
                    + rule
                    + "\",\"metric\":\"cpu_pct\",\"operator\":\">\","
                    + "\"threshold\":99.9,\"durationS\":3600,\"enabled\":false,"
                    + "\"webhookUrl\":\"https://hooks.example.com/services/T0/B0/s3cr3t\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    long id = MonitorApi.parse(r.body()).asJsonObject().getJsonNumber("id").longValue();
    int rulesBefore = rules().size();

    ChromeDriver browser = logIn(Browsers.open("1280,900"), viewer, PASSWORD);
    WebElement row = rowWith(browser, "[id='alerts:rules_data'] tr", rule);
    assertThat(row).isNotNull();
    assertThat(row.getText()).contains("https://hooks.example.com/…").doesNotContain("s3cr3t");
    assertThat(browser.getPageSource()).doesNotContain("s3cr3t");
    for (String control :
        List.of(
            "[id='alerts:newRule']",
            ".rule-edit",
            ".rule-toggle",
            ".rule-delete",
            "[id='ruleForm']",
            "[id='deleteForm']")) {
      assertThat(browser.findElements(By.cssSelector(control))).as(control).isEmpty();
    }
    assertThat(browser.findElements(By.cssSelector("[id='alerts:open']"))).isNotEmpty();
    assertThat(browser.findElements(By.cssSelector("[id='alerts:past']"))).isNotEmpty();
    Browsers.screenshot(browser, "alerts-page-viewer.png");

    // What an admin's page would post, sent from the viewer's page with its own view state.
    Map<String, String> forgedCreate =
        Map.of(
            "jakarta.faces.partial.ajax", "true",
            "jakarta.faces.source", "ruleForm:save",
            "jakarta.faces.partial.execute", "ruleForm",
            "ruleForm", "ruleForm",
            "ruleForm:save", "ruleForm:save",
            "ruleForm:name", "forged by " + viewer,
            "ruleForm:metric", "cpu_pct",
            "ruleForm:operator", ">",
            "ruleForm:threshold_input", "1");
    Map<String, String> forgedDelete =
        Map.of(
            "jakarta.faces.partial.ajax", "true",
            "jakarta.faces.source", "alerts:rules:0:delete",
            "jakarta.faces.partial.execute", "alerts:rules:0:delete",
            "alerts", "alerts",
            "alerts:rules:0:delete", "alerts:rules:0:delete",
            "rule", Long.toString(id));
    for (Map<String, String> forged : List.of(forgedCreate, forgedDelete)) {
      Map<?, ?> answer = Browsers.postFromPage(browser, "alerts.xhtml", forged);
      assertThat(answer.get("status")).as("%s", answer).isEqualTo(200L);
      assertThat((String) answer.get("body")).doesNotContain("created").doesNotContain("deleted");
    }
    assertThat(
            Browsers.fetchFromPage(browser, "POST", "api/v1/alert-rules", forgedRuleJson(viewer)))
        .isEqualTo(403L);
    assertThat(Browsers.fetchFromPage(browser, "DELETE", "api/v1/alert-rules/" + id, null))
        .isEqualTo(403L);
    assertThat(
            Browsers.fetchFromPage(
                browser, "PUT", "api/v1/alert-rules/" + id, forgedRuleJson(viewer)))
        .isEqualTo(403L);

    assertThat(rules()).hasSize(rulesBefore);
    JsonObject still = ruleNamed(rule).orElseThrow();
    assertThat(still.getBoolean("enabled")).isFalse();
    assertThat(still.getJsonNumber("threshold").doubleValue()).isEqualTo(99.9);
    assertThat(ruleNamed("forged by " + viewer)).isEmpty();
    assertThat(admin().delete("api/v1/alert-rules/" + id).statusCode()).isEqualTo(204);
  }

  private static String forgedRuleJson(String viewer) {
    return "{\"name\":\"forged by "
        + viewer
        + "\",\"metric\":\"cpu_pct\",\"operator\":\">\","
        + "\"threshold\":1,\"durationS\":0}";
  }

  /** The alerts page at phone width, and its rule dialog there. */
  private void phoneScreenshots() throws Exception {
    ChromeDriver phone = logIn(Browsers.openPhone(), "admin", adminPassword());
    Browsers.screenshot(phone, "alerts-page-phone.png");
    WebDriverWait wait = new WebDriverWait(phone, Duration.ofSeconds(30));
    openNewRuleDialog(phone, wait);
    Browsers.screenshot(phone, "alerts-rule-dialog-phone.png");
    phone.get(admin().base() + "alerts.xhtml?lang=es");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Alertas"));
    Browsers.screenshot(phone, "alerts-page-phone-es.png");
  }

  private void openNewRuleDialog(ChromeDriver browser, WebDriverWait wait) {
    browser.findElement(By.id("alerts:newRule")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("ruleDialog")));
    assertThat(browser.findElement(By.id("ruleDialog")).getText()).contains("New alert rule");
    // Keyboard users land in the dialog's first field.
    wait.until(
        d ->
            "ruleForm:name"
                .equals(
                    ((JavascriptExecutor) d).executeScript("return document.activeElement.id")));
  }

  /** Picks an option of a select by its text, and waits for what the choice re-renders. */
  private static void choose(ChromeDriver browser, WebDriverWait wait, String id, String label) {
    Browsers.ajaxDone(wait);
    new Select(browser.findElement(By.id(id))).selectByVisibleText(label);
    // A choice may re-render part of the form (the metric does): wait until that is done.
    Browsers.ajaxDone(wait);
  }

  /** The first row of the table rows {@code rows} whose text contains {@code what}, or null. */
  private static WebElement rowWith(
      org.openqa.selenium.WebDriver browser, String rows, String what) {
    return browser.findElements(By.cssSelector(rows)).stream()
        .filter(r -> r.getText().contains(what))
        .findFirst()
        .orElse(null);
  }

  private static String text(ChromeDriver browser, String css) {
    return browser.findElement(By.cssSelector(css)).getText();
  }

  private static org.openqa.selenium.support.ui.ExpectedCondition<Boolean> growlSays(String text) {
    return ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".ui-growl"), text);
  }

  private ChromeDriver logIn(ChromeDriver browser, String user, String password) {
    browsers.add(browser);
    browser.get(admin().base() + "alerts.xhtml");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    Browsers.logIn(browser, wait, user, password);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("alerts:rules")));
    return browser;
  }

  private MonitorApi admin() {
    if (admin == null) {
      admin = new MonitorApi(Deployments.loopback(url)).as("admin", adminPassword());
    }
    return admin;
  }

  private static String adminPassword() {
    return VigiaTestSession.adminPassword();
  }

  private List<JsonObject> rules() {
    HttpResponse<String> r = admin().get("api/v1/alert-rules");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return MonitorApi.parse(r.body()).asJsonArray().stream().map(JsonValue::asJsonObject).toList();
  }

  private Optional<JsonObject> ruleNamed(String name) {
    return rules().stream().filter(r -> r.getString("name").equals(name)).findFirst();
  }

  /** Starts the real agent on this machine; answers its host's name once online. */
  private String startAgent() throws Exception {
    agent = RunningAgent.start(admin(), dir, "alerts-page-");
    return agent.host();
  }
}
