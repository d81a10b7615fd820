package io.vigia.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.testsupport.Browsers;
import io.vigia.testsupport.MonitorApi;
import io.vigia.testsupport.VigiaTestSession;
import io.vigia.wire.ContainerInfo;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The container policy page in a real browser, on a host whose containers were pushed as an agent
 * pushes them (no Docker engine needed): an admin writes a fleet-wide policy, is told what is wrong
 * with a bad one (nothing stored), previews a good one naming exactly the containers it would keep
 * and remove, and saves it as a separate step, which the API then returns; a viewer sees the
 * policies and what they do but no control, and a change forged from the viewer's session is
 * refused.
 *
 * <p>The database is shared with every other test class: the fleet-wide policy each test writes
 * selects by a label only this test's containers carry, and the one there was before is put back.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ContainerPolicyPageIT {

  private static final String PASSWORD = "correct horse battery staple";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.builtWar();
  }

  @ArquillianResource private URL url;
  private final List<ChromeDriver> browsers = new ArrayList<>();
  private MonitorApi admin;
  private String suffix;
  private String host;
  private String label;
  private String idleImage;

  /** The fleet-wide policy before the test (a PUT body), or null when there was none. */
  private String fleetBefore;

  @BeforeEach
  void aHostWithContainersAndNoFleetPolicy() {
    admin = new MonitorApi(Deployments.loopback(url)).as("admin", VigiaTestSession.adminPassword());
    suffix = UUID.randomUUID().toString().substring(0, 8);
    label = "vigia-pit=" + suffix;
    idleImage = "vigia-pit-idle-" + suffix;
    String agentId = UUID.randomUUID().toString();
    host = "pol-" + suffix;
    String token = admin.enroll(VigiaTestSession.fleetKey(), agentId, host);
    long now = System.currentTimeMillis();
    Map<String, String> burner = Map.of("vigia-pit", suffix);
    Map<String, String> protectedBurner = Map.of("vigia-pit", suffix, "vigia.protect", "true");
    List<ContainerInfo> containers =
        List.of(
            container("b1", burner, "busybox", now - 9_000, 80.0, 10),
            container("b2", burner, "busybox", now - 8_000, 20.0, 20),
            container("b3", burner, "busybox", now - 7_000, 50.0, 30),
            container("i1", Map.of(), idleImage + ":1", now - 6_000, 0.0, 4),
            container("i2", Map.of(), idleImage + ":2", now - 5_000, 0.0, 4),
            container("keepme", protectedBurner, "busybox", now - 4_000, 99.0, 5),
            container("db", Map.of(), "mysql:8.4", now - 3_000, 3.0, 400));
    HttpResponse<String> pushed =
        admin.ingest(token, MonitorApi.batchWithContainers(agentId, host, 1, 12, containers));
    assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(200);

    HttpResponse<String> before = admin.get("api/v1/container-policy");
    if (before.statusCode() == 200) {
      JsonObject p = MonitorApi.parse(before.body()).asJsonObject();
      fleetBefore =
          "{\"dryRun\":"
              + p.getBoolean("dryRun")
              + ",\"classes\":"
              + p.getJsonArray("classes")
              + "}";
      assertThat(admin.delete("api/v1/container-policy").statusCode()).isEqualTo(204);
    }
  }

  /** A container of this test, {@code memMib} MiB used; its name is {@code short-suffix}. */
  private ContainerInfo container(
      String name,
      Map<String, String> labels,
      String image,
      long created,
      double cpu,
      long memMib) {
    return new ContainerInfo(
        name + suffix + "0123456789abcdef",
        name + "-" + suffix,
        image,
        "running",
        cpu,
        memMib << 20,
        1L << 30,
        labels,
        0,
        0,
        created,
        created,
        false,
        2.0,
        cpu / 2);
  }

  @AfterEach
  void putTheFleetPolicyBack() {
    browsers.forEach(ChromeDriver::quit);
    admin.delete("api/v1/container-policy");
    if (fleetBefore != null) {
      HttpResponse<String> r = admin.put("api/v1/container-policy", fleetBefore);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
  }

  @Test
  void anAdminSeesWhatAPolicyWouldDoBeforeSavingItAndABadOneIsRefusedAtItsFields()
      throws Exception {
    ChromeDriver browser = logIn(Browsers.open("1280,1000"), "admin", adminPassword());
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    assertThat(browser.findElement(By.cssSelector(".policy-section")).getText())
        .contains("No fleet-wide policy");
    browser.findElement(By.id("policies:editFleet")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("editor")));
    assertThat(browser.findElements(By.cssSelector("fieldset.policy-class"))).hasSize(1);
    assertThat(browser.findElements(By.id("editor:save"))).as("no save before a preview").isEmpty();

    // A class with no selector keeping -1: told at both fields, no preview, nothing stored.
    Browsers.type(browser, "editor:classes:0:name", "burn");
    Browsers.type(browser, "editor:classes:0:keep", "-1");
    browser.findElement(By.id("editor:preview")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector(".ui-growl"), "The policy has 2 problem(s)"));
    assertThat(text(browser, "fieldset.policy-class"))
        .contains("Give a label or an image to select by")
        .contains("Keep 0 or more containers");
    assertThat(browser.findElements(By.id("preview"))).isEmpty();
    assertThat(browser.findElements(By.id("editor:save"))).isEmpty();
    Browsers.screenshot(browser, "policy-invalid.png");
    assertThat(admin.get("api/v1/container-policy").statusCode())
        .as("nothing stored")
        .isEqualTo(404);

    // Burners: the 1 using the most CPU is kept. Idle ones by image: the newest is kept.
    Browsers.type(browser, "editor:classes:0:label", label);
    Browsers.type(browser, "editor:classes:0:keep", "1");
    choose(browser, wait, "editor:classes:0:keepBy", "Most CPU");
    click(browser, wait, "editor:addClass");
    wait.until(d -> d.findElements(By.cssSelector("fieldset.policy-class")).size() == 2);
    Browsers.type(browser, "editor:classes:1:name", "idle");
    Browsers.type(browser, "editor:classes:1:image", idleImage + ":*");
    Browsers.type(browser, "editor:classes:1:keep", "1");
    click(browser, wait, "editor:preview");
    WebElement shown = wait.until(d -> hostSection(d));
    assertThat(namesWithFate(shown, "remove"))
        .containsExactlyInAnyOrder("b3-" + suffix, "b2-" + suffix, "i1-" + suffix);
    assertThat(namesWithFate(shown, "keep")).containsExactly("b1-" + suffix, "i2-" + suffix);
    assertThat(namesWithFate(shown, "protected")).containsExactly("keepme-" + suffix);
    assertThat(namesWithFate(shown, "unselected")).containsExactly("db-" + suffix);
    assertThat(row(shown, "b3-" + suffix).getText())
        .contains("stop and remove")
        .contains("“burn” keeps the one using the most CPU; this one ranks 2 of 3.")
        .contains("50.0 %")
        .contains("30.0 MiB");
    assertThat(text(browser, "#preview"))
        .contains("What this fleet-wide policy would do now")
        .contains("Hosts where it selects containers: 1 · kept: 2 · to stop and remove: 3")
        .contains("Dry run: the agents would only report");
    assertThat(admin.get("api/v1/container-policy").statusCode())
        .as("a preview stores nothing")
        .isEqualTo(404);
    ((JavascriptExecutor) browser)
        .executeScript("document.getElementById('preview').scrollIntoView()");
    Browsers.screenshot(browser, "policy-preview.png");
    assertThat(axe(browser)).as("what axe-core finds in the editor and preview").isEmpty();

    // Changed after its preview: Save previews the new policy instead and stores nothing.
    Browsers.type(browser, "editor:classes:0:keep", "2");
    click(browser, wait, "editor:save");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector(".ui-growl"), "changed since its preview"));
    wait.until(d -> keptNow(d).contains("b3-" + suffix));
    assertThat(admin.get("api/v1/container-policy").statusCode()).isEqualTo(404);

    click(browser, wait, "editor:save");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector(".ui-growl"), "Fleet-wide policy saved"));
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("editor")));
    HttpResponse<String> saved = admin.get("api/v1/container-policy");
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    JsonObject policy = MonitorApi.parse(saved.body()).asJsonObject();
    assertThat(policy.getBoolean("dryRun")).isTrue();
    assertThat(policy.getString("updatedBy")).isEqualTo("admin");
    JsonArray classes = policy.getJsonArray("classes");
    assertThat(classes).hasSize(2);
    JsonObject burn = classes.getJsonObject(0);
    assertThat(burn.getString("name")).isEqualTo("burn");
    assertThat(burn.getString("label")).isEqualTo(label);
    assertThat(!burn.containsKey("image") || burn.isNull("image")).isTrue();
    assertThat(burn.getInt("keep")).isEqualTo(2);
    assertThat(burn.getString("keepBy")).isEqualTo("most-cpu");
    JsonObject idle = classes.getJsonObject(1);
    assertThat(idle.getString("name")).isEqualTo("idle");
    assertThat(idle.getString("image")).isEqualTo(idleImage + ":*");
    assertThat(idle.getInt("keep")).isEqualTo(1);
    assertThat(idle.getString("keepBy")).isEqualTo("newest");
    assertThat(text(browser, "[id='policies:fleetClasses']"))
        .contains("burn")
        .contains("label " + label)
        .contains("the 2 using the most CPU");
    Browsers.screenshot(browser, "policy-saved.png");

    // The host page links to what the policy in force does to that host's containers.
    browser.get(admin.base() + "host.xhtml?name=" + host);
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".host-policy-link a")))
        .click();
    wait.until(ExpectedConditions.urlContains("policy.xhtml?host=" + host));
    WebElement inForce = wait.until(d -> hostSection(d));
    assertThat(text(browser, "#preview-title"))
        .isEqualTo("What the fleet-wide policy does now on " + host);
    assertThat(namesWithFate(inForce, "keep"))
        .containsExactly("b1-" + suffix, "b3-" + suffix, "i2-" + suffix);

    phoneScreenshots();
  }

  @Test
  void aViewerSeesThePoliciesAndWhatTheyDoButNoControlAndAForgedChangeIsRefused() throws Exception {
    String viewer = "viewer-" + suffix;
    assertThat(admin.addUser(viewer, PASSWORD, "viewer").statusCode()).isEqualTo(201);
    String fleet =
        "{\"dryRun\":false,\"classes\":[{\"name\":\"burn\",\"label\":\""
            + label
            + "\",\"keep\":2,\"keepBy\":\"newest\"}]}";
    HttpResponse<String> put = admin.put("api/v1/container-policy", fleet);
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    String version = MonitorApi.parse(put.body()).asJsonObject().getString("version");
    String override =
        "{\"dryRun\":true,\"classes\":[{\"name\":\"only-idle\",\"image\":\""
            + idleImage
            + ":*\",\"keep\":0,\"keepBy\":\"least-memory\"}]}";
    String overridePath = "api/v1/hosts/" + host + "/container-policy";
    assertThat(admin.put(overridePath, override).statusCode()).isEqualTo(200);
    try {
      ChromeDriver browser = logIn(Browsers.open("1280,900"), viewer, PASSWORD);
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
      assertThat(text(browser, "[id='policies:fleetClasses']"))
          .contains("burn")
          .contains("the 2 newest");
      WebElement mine =
          browser.findElement(By.cssSelector(".policy-override[data-host='" + host + "']"));
      assertThat(mine.getText())
          .contains("only-idle")
          .contains("image " + idleImage + ":*")
          .contains("dry run");
      for (String control :
          List.of(
              "[id='policies:editFleet']",
              "[id='policies:deleteFleet']",
              ".policy-edit",
              ".policy-delete",
              "[id='policies:newOverride']",
              "[id='editor']")) {
        assertThat(browser.findElements(By.cssSelector(control))).as(control).isEmpty();
      }

      // What the override does now on its host: the idle ones go, the burners are not its class.
      mine.findElement(By.cssSelector("button[id$='previewOverride']")).click();
      WebElement shown = wait.until(d -> hostSection(d));
      assertThat(namesWithFate(shown, "remove"))
          .containsExactlyInAnyOrder("i1-" + suffix, "i2-" + suffix);
      assertThat(namesWithFate(shown, "unselected")).contains("b1-" + suffix, "db-" + suffix);
      Browsers.screenshot(browser, "policy-viewer.png");

      // What an admin's page would post, sent from the viewer's page with its own view state.
      Map<String, String> forgedSave = new HashMap<>();
      forgedSave.put("jakarta.faces.partial.ajax", "true");
      forgedSave.put("jakarta.faces.source", "editor:save");
      forgedSave.put("jakarta.faces.partial.execute", "editor");
      forgedSave.put("editor", "editor");
      forgedSave.put("editor:save", "editor:save");
      forgedSave.put("editor:classes:0:name", "forged");
      forgedSave.put("editor:classes:0:label", "x");
      forgedSave.put("editor:classes:0:keep", "0");
      forgedSave.put("editor:classes:0:keepBy", "newest");
      Map<String, String> forgedDelete =
          Map.of(
              "jakarta.faces.partial.ajax", "true",
              "jakarta.faces.source", "policies:deleteFleet",
              "jakarta.faces.partial.execute", "policies:deleteFleet",
              "policies", "policies",
              "policies:deleteFleet", "policies:deleteFleet");
      for (Map<String, String> forged : List.of(forgedSave, forgedDelete)) {
        Map<?, ?> answer = Browsers.postFromPage(browser, "policy.xhtml", forged);
        assertThat(answer.get("status")).as("%s", answer).isEqualTo(200L);
        assertThat((String) answer.get("body")).doesNotContain("saved").doesNotContain("deleted");
      }
      assertThat(Browsers.fetchFromPage(browser, "PUT", "api/v1/container-policy", fleet))
          .isEqualTo(403L);
      assertThat(Browsers.fetchFromPage(browser, "DELETE", overridePath, null)).isEqualTo(403L);
      assertThat(Browsers.fetchFromPage(browser, "POST", "api/v1/container-policy/preview", fleet))
          .as("a viewer may preview")
          .isEqualTo(200L);

      JsonObject still =
          MonitorApi.parse(admin.get("api/v1/container-policy").body()).asJsonObject();
      assertThat(still.getString("version")).isEqualTo(version);
      assertThat(admin.get(overridePath).statusCode()).isEqualTo(200);
    } finally {
      admin.delete(overridePath);
    }
  }

  /** The page at phone width: the stored fleet policy, what it does now, and in Spanish. */
  private void phoneScreenshots() throws Exception {
    ChromeDriver phone = logIn(Browsers.openPhone(), "admin", adminPassword());
    WebDriverWait wait = new WebDriverWait(phone, Duration.ofSeconds(30));
    Browsers.screenshot(phone, "policy-phone.png");
    click(phone, wait, "policies:previewFleet");
    WebElement shown = wait.until(d -> hostSection(d));
    ((JavascriptExecutor) phone).executeScript("arguments[0].scrollIntoView()", shown);
    Browsers.screenshot(phone, "policy-preview-phone.png");
    assertThat((Long) phone.executeScript("return document.documentElement.scrollWidth;"))
        .as("nothing wider than the phone")
        .isLessThanOrEqualTo(390L);
    click(phone, wait, "policies:editFleet");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("editor")));
    ((JavascriptExecutor) phone)
        .executeScript("document.getElementById('editor').scrollIntoView()");
    Browsers.screenshot(phone, "policy-editor-phone.png");
    phone.get(admin.base() + "policy.xhtml?lang=es");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.tagName("h1"), "Política de contenedores"));
    Browsers.screenshot(phone, "policy-phone-es.png");
  }

  /** The preview's section of this test's host, or null while there is none. */
  private WebElement hostSection(org.openqa.selenium.WebDriver browser) {
    List<WebElement> s =
        browser.findElements(By.cssSelector("#preview .policy-host[data-host='" + host + "']"));
    return s.isEmpty() ? null : s.get(0);
  }

  /** The names the preview shows kept on this test's host; none while it is being re-rendered. */
  private List<String> keptNow(org.openqa.selenium.WebDriver browser) {
    try {
      WebElement s = hostSection(browser);
      return s == null ? List.of() : namesWithFate(s, "keep");
    } catch (org.openqa.selenium.StaleElementReferenceException e) {
      return List.of();
    }
  }

  private static List<String> namesWithFate(WebElement section, String fate) {
    return section
        .findElements(By.cssSelector("tr.policy-fate-" + fate + " .policy-ctr-name"))
        .stream()
        .map(WebElement::getText)
        .toList();
  }

  private static WebElement row(WebElement section, String name) {
    return section.findElements(By.cssSelector("tbody tr")).stream()
        .filter(r -> r.findElement(By.cssSelector(".policy-ctr-name")).getText().equals(name))
        .findFirst()
        .orElseThrow();
  }

  /** What axe-core finds against WCAG 2.1 A and AA in the page as it is now. */
  private static List<String> axe(ChromeDriver browser) throws Exception {
    browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    browser.executeScript(
        Files.readString(
            Path.of(
                System.getProperty("vigia.node.tools", "src/test/node"),
                "node_modules",
                "axe-core",
                "axe.min.js")));
    List<String> found = new ArrayList<>();
    for (Object v :
        (List<?>)
            browser.executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                    + "axe.run(document, {runOnly: {type: 'tag',"
                    + " values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                    + ".then(function (r) { done(r.violations.map(function (v) {"
                    + "  return v.id + ': ' + v.help + ' at '"
                    + "    + v.nodes.slice(0, 3).map(function (n) { return n.target.join(' '); })"
                    + "      .join(', '); })); })"
                    + ".catch(function (e) { done(['axe failed: ' + e]); });")) {
      found.add(String.valueOf(v));
    }
    return found;
  }

  private static void click(ChromeDriver browser, WebDriverWait wait, String id) {
    Browsers.ajaxDone(wait);
    wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    Browsers.ajaxDone(wait);
  }

  private static void choose(ChromeDriver browser, WebDriverWait wait, String id, String label) {
    Browsers.ajaxDone(wait);
    new Select(browser.findElement(By.id(id))).selectByVisibleText(label);
  }

  private static String text(ChromeDriver browser, String css) {
    return browser.findElement(By.cssSelector(css)).getText();
  }

  private ChromeDriver logIn(ChromeDriver browser, String user, String password) {
    browsers.add(browser);
    browser.get(admin.base() + "policy.xhtml");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    Browsers.logIn(browser, wait, user, password);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("policies")));
    return browser;
  }

  private static String adminPassword() {
    return VigiaTestSession.adminPassword();
  }
}
