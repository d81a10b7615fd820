package io.vigia.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.testsupport.Browsers;
import io.vigia.testsupport.MonitorApi;
import io.vigia.testsupport.TestDatabase;
import io.vigia.testsupport.VigiaTestSession;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Administration page in a real browser: users (add with a generated password, change role,
 * reset the password, disable), the fleet key (generate, enrol the real agent with it while the
 * configured one is refused), host tokens (revoke), and the page refusing anyone but an admin —
 * also a postback from a page that was opened while its user was still an admin.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminPageIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.builtWar();
  }

  @ArquillianResource private URL url;
  @TempDir Path dir;
  private URI monitor;
  private MonitorApi admin;
  private final List<ChromeDriver> browsers = new ArrayList<>();

  @BeforeEach
  void monitor() {
    monitor = Deployments.loopback(url);
    admin = new MonitorApi(monitor).as("admin", VigiaTestSession.adminPassword());
  }

  @AfterEach
  void closeBrowsersAndForgetGeneratedKeys() throws SQLException {
    browsers.forEach(ChromeDriver::quit);
    // The test database is shared by every test class of this run, and they enrol with the
    // configured key: with no generated key left, it is the fleet key again.
    try (Connection c = TestDatabase.connect(VigiaTestSession.database());
        Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM fleet_key");
    }
  }

  @Test
  void managesAUserFromAddingToDisabling() throws Exception {
    String name = "viewer-" + UUID.randomUUID().toString().substring(0, 8);
    ChromeDriver page = adminPage("1200,900");
    WebDriverWait wait = new WebDriverWait(page, WAIT);

    page.findElement(By.id("users:name")).sendKeys(name);
    new Select(page.findElement(By.id("users:newRole"))).selectByValue("viewer");
    page.findElement(By.id("users:add")).click();
    String password = shownSecret(wait);
    assertThat(messages(page)).contains("Added " + name + " as viewer");
    assertThat(row(page, name).getText()).contains("viewer").contains("enabled");
    Browsers.screenshot(page, "admin-user-added.png");
    page.findElement(By.id("secret:dismiss")).click();
    wait.until(ExpectedConditions.numberOfElementsToBe(By.id("secret-value"), 0));

    // The new user: no Administration in the bar, and the page itself refused.
    ChromeDriver theirs = open("1200,900");
    theirs.get(monitor.toString());
    WebDriverWait theirWait = new WebDriverWait(theirs, WAIT);
    Browsers.logIn(theirs, theirWait, name, password);
    assertThat(theirs.findElements(By.cssSelector(".vigia-nav a[href$='admin.xhtml']"))).isEmpty();
    theirs.get(monitor + "admin.xhtml");
    assertThat(theirs.findElement(By.id("admins-only")).getText()).contains("Admins only");
    assertThat(theirs.findElements(By.id("users:table"))).isEmpty();
    String theirSession = sessionOf(theirs);
    assertThat(get("admin.xhtml", theirSession).statusCode()).isEqualTo(403);
    Browsers.screenshot(theirs, "admin-refused-to-viewer.png");

    // Operator now: their open session, signed in as a viewer, ends at its next request (a role
    // never lingers in an old session), and they sign in again as an operator.
    new Select(row(page, name).findElement(By.cssSelector("select"))).selectByValue("operator");
    row(page, name).findElement(By.cssSelector("[id$=':changeRole']")).click();
    wait.until(d -> messages(page).contains(name + " is now operator"));
    assertThat(roleOf(name)).isEqualTo("OPERATOR");
    assertThat(row(page, name).getText()).contains("enabled");
    theirs.get(monitor + "events.xhtml");
    theirWait.until(ExpectedConditions.urlContains("/login.xhtml"));
    assertThat(theirs.findElement(By.cssSelector(".vigia-login-ended")).getText())
        .contains("You were signed out");
    Browsers.logIn(theirs, theirWait, name, password);
    theirs.get(monitor + "account.xhtml");
    assertThat(
            theirWait
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".account-who")))
                .getText())
        .contains("(operator)");

    // A new password, shown once: it works, the old one no longer does, and the session signed in
    // with the old one ends at its next navigation.
    row(page, name).findElement(By.cssSelector("[id$=':reset']")).click();
    assertThat(confirm(page)).contains(name);
    String newPassword = shownSecret(wait);
    assertThat(newPassword).isNotEqualTo(password);
    assertThat(admin.anonymous().as(name, newPassword).get("api/v1/hosts").statusCode())
        .isEqualTo(200);
    assertThat(admin.anonymous().as(name, password).get("api/v1/hosts").statusCode())
        .isEqualTo(401);
    theirs.get(monitor + "events.xhtml");
    theirWait.until(ExpectedConditions.urlContains("/login.xhtml"));
    Browsers.logIn(theirs, theirWait, name, newPassword);
    theirSession = sessionOf(theirs);
    assertThat(get("account.xhtml", theirSession).statusCode()).isEqualTo(200);

    // Disabled: their open session ends, and logging in fails.
    row(page, name).findElement(By.cssSelector("[id$=':disable']")).click();
    assertThat(confirm(page)).contains(name);
    wait.until(d -> messages(page).contains("Disabled " + name));
    assertThat(row(page, name).getText()).contains("disabled");
    Browsers.screenshot(page, "admin-user-disabled.png");
    // Their page's next Ajax request (a poll, a click) is told to go to the login page.
    HttpResponse<String> ajax =
        admin
            .anonymous()
            .send(
                HttpRequest.newBuilder(monitor.resolve("admin.xhtml"))
                    .POST(HttpRequest.BodyPublishers.ofString("jakarta.faces.partial.ajax=true"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Faces-Request", "partial/ajax")
                    .header("Cookie", theirSession)
                    .header("Origin", monitor.getScheme() + "://" + monitor.getAuthority()));
    assertThat(ajax.body()).contains("<redirect url=\"/login.xhtml?next=");
    theirs.get(monitor.toString());
    theirWait.until(ExpectedConditions.urlContains("/login.xhtml"));
    assertThat(logInFails(theirs, theirWait, name, newPassword)).isTrue();
    assertThat(admin.anonymous().as(name, newPassword).get("api/v1/hosts").statusCode())
        .isEqualTo(401);

    // Enabled again, the password set last works again.
    row(page, name).findElement(By.cssSelector("[id$=':enable']")).click();
    wait.until(d -> messages(page).contains("Enabled " + name));
    assertThat(admin.anonymous().as(name, newPassword).get("api/v1/hosts").statusCode())
        .isEqualTo(200);
  }

  @Test
  void refusesToAddAUserTheServiceRefusesAndSaysWhy() throws Exception {
    ChromeDriver page = adminPage("1200,900");
    WebDriverWait wait = new WebDriverWait(page, WAIT);

    page.findElement(By.id("users:name")).sendKeys("admin");
    page.findElement(By.id("users:add")).click();
    wait.until(d -> messages(page).contains("there is already a user admin"));

    page.findElement(By.id("users:name")).clear();
    page.findElement(By.id("users:name")).sendKeys("short-password");
    page.findElement(By.id("users:password")).sendKeys("too short");
    page.findElement(By.id("users:add")).click();
    wait.until(d -> messages(page).contains("12 to 256 characters"));

    assertThat(page.findElements(By.id("secret-value"))).isEmpty();
    assertThat(
            Deployments.count("SELECT COUNT(*) FROM app_user WHERE username = ?", "short-password"))
        .isZero();
  }

  @Test
  void neverLeavesTheMonitorWithoutAnEnabledAdmin() throws Exception {
    // Other tests of this run add admins: set them aside, so that "admin" is the last one.
    List<String> others = new ArrayList<>();
    try (Connection c = TestDatabase.connect(VigiaTestSession.database());
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT username FROM app_user WHERE role = 'ADMIN' AND enabled = TRUE"
                    + " AND username <> 'admin'")) {
      while (rs.next()) {
        others.add(rs.getString(1));
      }
    }
    setEnabled(others, false);
    try {
      ChromeDriver page = adminPage("1200,900");
      WebDriverWait wait = new WebDriverWait(page, WAIT);

      row(page, "admin").findElement(By.cssSelector("[id$=':disable']")).click();
      confirm(page);
      wait.until(d -> messages(page).contains("admin is the last enabled admin"));
      new Select(row(page, "admin").findElement(By.cssSelector("select"))).selectByValue("viewer");
      row(page, "admin").findElement(By.cssSelector("[id$=':changeRole']")).click();
      wait.until(d -> ajaxDone(page)); // the same message as before: wait for this answer
      assertThat(messages(page)).contains("admin is the last enabled admin");
      Browsers.screenshot(page, "admin-last-admin.png");

      assertThat(roleOf("admin")).isEqualTo("ADMIN");
      assertThat(
              Deployments.count(
                  "SELECT COUNT(*) FROM app_user WHERE username = 'admin' AND enabled = TRUE"))
          .isOne();
      assertThat(row(page, "admin").findElement(By.cssSelector("select")).getAttribute("value"))
          .as("the picker shows the role the user has")
          .isEqualTo("admin");
    } finally {
      setEnabled(others, true);
    }
  }

  @Test
  void asksBeforeDisablingAndCancellingWithTheKeyboardChangesNothing() throws Exception {
    String name = "kept-" + UUID.randomUUID().toString().substring(0, 8);
    addUser(name, "correct horse battery staple", "viewer");
    ChromeDriver page = adminPage("1200,900");

    row(page, name).findElement(By.cssSelector("[id$=':disable']")).sendKeys(Keys.ENTER);
    WebElement dialog =
        new WebDriverWait(page, WAIT)
            .until(
                ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector(".ui-confirm-dialog")));
    assertThat(dialog.getText()).contains("Disable " + name + "?");
    // The safe answer has the focus: Enter cancels.
    new WebDriverWait(page, WAIT)
        .until(d -> d.switchTo().activeElement().getText().equals("Cancel"));
    page.switchTo().activeElement().sendKeys(Keys.ENTER);
    new WebDriverWait(page, WAIT).until(ExpectedConditions.invisibilityOf(dialog));

    assertThat(row(page, name).getText()).contains("enabled");
    assertThat(
            Deployments.count(
                "SELECT COUNT(*) FROM app_user WHERE username = ? AND enabled = TRUE", name))
        .isOne();
  }

  @Test
  void rotatesTheFleetKeyAndEnrolsTheRealAgentWithTheNewOneOnly() throws Exception {
    ChromeDriver page = adminPage("1200,900");
    WebDriverWait wait = new WebDriverWait(page, WAIT);
    assertThat(page.findElement(By.id("key:state")).getText()).contains("vigia.fleet.key");

    page.findElement(By.id("key:rotate")).click();
    assertThat(confirm(page)).contains("new fleet key");
    String key = shownSecret(wait);
    String command = page.findElement(By.id("secret-command")).getText();
    assertThat(command)
        .startsWith("VIGIA_FLEET_KEY='" + key + "' java -jar vigia-agent.jar enroll --server=");
    assertThat(page.findElement(By.id("key:state")).getText()).contains("by admin");
    Browsers.screenshot(page, "admin-key-generated.png");

    // The configured key is refused from now on; the real agent enrols with the new one.
    HttpResponse<String> old =
        admin.anonymous().post("api/v1/enroll", VigiaTestSession.fleetKey(), enrolBody("old"));
    assertThat(old.statusCode()).as(old.body()).isEqualTo(401);
    String host = "rotated-" + UUID.randomUUID().toString().substring(0, 8);
    ProcessBuilder enrol =
        Deployments.agent(
            "enroll",
            "--server=" + monitor,
            "--state.dir=" + dir.resolve("state"),
            "--host=" + host);
    enrol.environment().put("VIGIA_FLEET_KEY", key);
    Process p = enrol.redirectOutput(dir.resolve("enrol.log").toFile()).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(dir.resolve("enrol.log"))).isZero();
    String token = Files.readString(dir.resolve("state").resolve("token")).strip();
    String agentId = Files.readString(dir.resolve("state").resolve("agent-id")).strip();
    assertThat(admin.ingest(token, MonitorApi.batch(agentId, host, 1, 3.0)).statusCode())
        .isEqualTo(200);

    // Logged with who did it, never with the key.
    HttpResponse<String> events = admin.get("api/v1/events?kind=fleet_key_rotated");
    assertThat(events.body()).contains("\"actor\":\"admin\"").doesNotContain(key);
  }

  @Test
  void revokesAHostsTokensAfterAConfirmationNamingTheHost() throws Exception {
    String agentId = UUID.randomUUID().toString();
    String host = "tokens-" + agentId.substring(0, 8);
    String token = admin.enroll(VigiaTestSession.fleetKey(), agentId, host);
    assertThat(admin.ingest(token, MonitorApi.batch(agentId, host, 1, 4.0)).statusCode())
        .isEqualTo(200);
    ChromeDriver page = adminPage("1200,900");
    WebDriverWait wait = new WebDriverWait(page, WAIT);

    WebElement row = tokenRow(page, host);
    assertThat(row.getText()).contains("1 of 1");
    row.findElement(By.cssSelector("[id$=':revoke']")).click();
    assertThat(confirm(page)).contains(host);
    wait.until(d -> messages(page).contains("Revoked the token of " + host));

    assertThat(admin.ingest(token, MonitorApi.batch(agentId, host, 2, 4.0)).statusCode())
        .isEqualTo(401);
    assertThat(tokenRow(page, host).getText()).contains("0 of 1");
    assertThat(tokenRow(page, host).findElements(By.cssSelector("[id$=':revoke']"))).isEmpty();
    page.executeScript("document.getElementById('tokens-heading').scrollIntoView();");
    Browsers.screenshot(page, "admin-token-revoked.png");
  }

  @Test
  void refusesAnAdminPostFromAUserWhoIsNoLongerAdmin() throws Exception {
    String name = "was-admin-" + UUID.randomUUID().toString().substring(0, 8);
    String password = "correct horse battery staple";
    addUser(name, password, "admin");
    ChromeDriver theirs = open("1200,900");
    theirs.get(monitor + "admin.xhtml");
    WebDriverWait theirWait = new WebDriverWait(theirs, WAIT);
    Browsers.logIn(theirs, theirWait, name, password);
    theirWait.until(ExpectedConditions.presenceOfElementLocated(By.id("users:add")));
    String viewState = viewState(theirs.getPageSource());

    // Demoted while their page is open.
    ChromeDriver page = adminPage("1200,900");
    new Select(row(page, name).findElement(By.cssSelector("select"))).selectByValue("viewer");
    row(page, name).findElement(By.cssSelector("[id$=':changeRole']")).click();
    new WebDriverWait(page, WAIT).until(d -> messages(page).contains(name + " is now viewer"));

    // The form on their open page, posted as the browser would (same origin), is refused: the
    // session signed in as an admin is over, and is sent to log in again.
    String forged = "forged-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> form = new LinkedHashMap<>();
    form.put("users", "users");
    form.put("users:name", forged);
    form.put("users:newRole", "admin");
    form.put("users:password", "");
    form.put("users:add", "users:add");
    form.put("jakarta.faces.ViewState", viewState);
    HttpResponse<String> post = postForm("admin.xhtml", sessionOf(theirs), form);
    assertThat(post.statusCode()).as(post.body()).isEqualTo(302);
    assertThat(post.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).contains("/login.xhtml"));

    // And so is the button on the page itself: the page goes to the login page.
    theirs.findElement(By.id("users:name")).sendKeys(forged);
    theirs.findElement(By.id("users:add")).click();
    theirWait.until(ExpectedConditions.urlContains("/login.xhtml"));

    assertThat(Deployments.count("SELECT COUNT(*) FROM app_user WHERE username = ?", forged))
        .isZero();
    assertThat(roleOf(name)).isEqualTo("VIEWER");
    // Signed in again, a viewer now: the page refuses them.
    Browsers.logIn(theirs, theirWait, name, password);
    theirs.get(monitor + "admin.xhtml");
    assertThat(theirs.findElements(By.id("admins-only"))).hasSize(1);
  }

  @Test
  void refusesAnAdminPostFromAViewerSession() throws Exception {
    String name = "viewer-" + UUID.randomUUID().toString().substring(0, 8);
    String password = "correct horse battery staple";
    addUser(name, password, "viewer");
    ChromeDriver theirs = open("1200,900");
    theirs.get(monitor.toString());
    Browsers.logIn(theirs, new WebDriverWait(theirs, WAIT), name, password);
    // A view state of their own (the fleet page's), the admin page's field names.
    String viewState = viewState(theirs.getPageSource());
    String cookie = sessionOf(theirs);

    Map<String, String> addAdmin = new LinkedHashMap<>();
    addAdmin.put("users", "users");
    addAdmin.put("users:name", "forged-" + name);
    addAdmin.put("users:newRole", "admin");
    addAdmin.put("users:add", "users:add");
    addAdmin.put("jakarta.faces.ViewState", viewState);
    HttpResponse<String> post = postForm("admin.xhtml", cookie, addAdmin);
    Map<String, String> disableAdmin = new LinkedHashMap<>();
    disableAdmin.put("users", "users");
    disableAdmin.put("users:table:0:disable", "users:table:0:disable");
    disableAdmin.put("jakarta.faces.ViewState", viewState);
    HttpResponse<String> disable = postForm("admin.xhtml", cookie, disableAdmin);

    assertThat(post.statusCode()).as(post.body()).isGreaterThanOrEqualTo(400);
    assertThat(disable.statusCode()).as(disable.body()).isGreaterThanOrEqualTo(400);
    assertThat(
            Deployments.count("SELECT COUNT(*) FROM app_user WHERE username = ?", "forged-" + name))
        .isZero();
    assertThat(
            Deployments.count(
                "SELECT COUNT(*) FROM app_user WHERE role = 'ADMIN' AND enabled = FALSE"))
        .isZero();
  }

  @Test
  void fitsAPhoneInEnglishAndSpanish() throws Exception {
    ChromeDriver phone = Browsers.openPhone();
    browsers.add(phone);
    phone.get(monitor + "admin.xhtml?lang=es");
    WebDriverWait wait = new WebDriverWait(phone, WAIT);
    Browsers.logInAsAdmin(phone, wait);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("users:add")));
    assertThat(phone.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("es");
    assertThat(phone.findElement(By.cssSelector("h1")).getText()).isEqualTo("Administración");
    Browsers.screenshot(phone, "admin-phone-es.png");

    phone.get(monitor + "admin.xhtml?lang=en");
    String name = "phone-" + UUID.randomUUID().toString().substring(0, 8);
    phone.findElement(By.id("users:name")).sendKeys(name);
    phone.findElement(By.id("users:add")).click();
    shownSecret(wait);
    // Nothing wider than the screen: the tables reflow, the secret wraps.
    Number width = (Number) phone.executeScript("return document.documentElement.scrollWidth;");
    assertThat(width.intValue()).isLessThanOrEqualTo(390);
    assertThat(row(phone, name).findElement(By.cssSelector("select")).isDisplayed()).isTrue();
    Browsers.screenshot(phone, "admin-phone-secret.png");
    phone.findElement(By.id("secret:dismiss")).click();
    phone.executeScript("window.scrollTo(0, document.body.scrollHeight);");
    Browsers.screenshot(phone, "admin-phone-tokens.png");
  }

  // ---- helpers

  private ChromeDriver open(String size) {
    ChromeDriver b = Browsers.open(size);
    browsers.add(b);
    return b;
  }

  /** A browser on the admin page, logged in as the first admin. */
  private ChromeDriver adminPage(String size) {
    ChromeDriver b = open(size);
    b.get(monitor + "admin.xhtml");
    WebDriverWait wait = new WebDriverWait(b, WAIT);
    Browsers.logInAsAdmin(b, wait);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("users:add")));
    return b;
  }

  /** The secret the page shows once, after the panel got the focus. */
  private static String shownSecret(WebDriverWait wait) {
    WebElement value =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("secret-value")));
    wait.until(d -> "secret-panel".equals(d.switchTo().activeElement().getAttribute("id")));
    return value.getText().strip();
  }

  /** Confirms the open confirmation dialog and returns what it asked. */
  private static String confirm(ChromeDriver page) {
    WebElement dialog =
        new WebDriverWait(page, WAIT)
            .until(
                ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector(".ui-confirm-dialog")));
    String question = dialog.getText();
    dialog.findElement(By.cssSelector(".ui-confirmdialog-yes")).click();
    new WebDriverWait(page, WAIT).until(ExpectedConditions.invisibilityOf(dialog));
    return question;
  }

  /** Whether the page has no Ajax request queued or under way. */
  private static boolean ajaxDone(ChromeDriver page) {
    return Boolean.TRUE.equals(page.executeScript("return PrimeFaces.ajax.Queue.isEmpty();"));
  }

  /** The page's messages; empty while an update is replacing them. */
  private static String messages(ChromeDriver page) {
    try {
      return page.findElements(By.id("messages")).stream()
          .map(WebElement::getText)
          .collect(Collectors.joining(" "));
    } catch (StaleElementReferenceException replacedMeanwhile) {
      return "";
    }
  }

  private static WebElement row(ChromeDriver page, String user) {
    return new WebDriverWait(page, WAIT)
        .until(
            d ->
                d.findElements(By.cssSelector("[id='users:table_data'] tr")).stream()
                    .filter(r -> cellText(r, "td.user-name .user-name-text").equals(user))
                    .findFirst()
                    .orElse(null));
  }

  /**
   * The host's row in the tokens table, paging through it: other tests' hosts share the database
   * and fill the first pages in a full run (a clean-clone CI run did not find the host on page 1).
   */
  private static WebElement tokenRow(ChromeDriver page, String host) {
    return new WebDriverWait(page, WAIT)
        .ignoring(StaleElementReferenceException.class)
        .until(
            d -> {
              WebElement row =
                  d.findElements(By.cssSelector("[id='tokens:table_data'] tr")).stream()
                      .filter(r -> cellText(r, "td.token-host a").equals(host))
                      .findFirst()
                      .orElse(null);
              if (row == null) {
                List<WebElement> next =
                    d.findElements(
                        By.cssSelector(
                            "[id='tokens:table'] .ui-paginator-next:not(.ui-state-disabled)"));
                List<WebElement> turn =
                    next.isEmpty()
                        ? d.findElements(
                            By.cssSelector(
                                "[id='tokens:table'] .ui-paginator-first:not(.ui-state-disabled)"))
                        : next;
                if (!turn.isEmpty()) {
                  turn.get(0).click();
                }
              }
              return row;
            });
  }

  private static String cellText(WebElement row, String css) {
    List<WebElement> cells = row.findElements(By.cssSelector(css));
    return cells.isEmpty() ? "" : cells.get(0).getText().strip();
  }

  /** Tries to log in and tells whether the login page refused it. */
  private static boolean logInFails(
      ChromeDriver b, WebDriverWait wait, String user, String password) {
    b.findElement(By.id("login:username")).sendKeys(user);
    b.findElement(By.id("login:password")).sendKeys(password);
    b.findElement(By.id("login:submit")).click();
    wait.until(
        ExpectedConditions.or(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("login:messages"), "Wrong user name or password"),
            ExpectedConditions.not(ExpectedConditions.urlContains("/login.xhtml"))));
    return b.getCurrentUrl().contains("/login.xhtml");
  }

  private void addUser(String name, String password, String role) {
    HttpResponse<String> r = admin.addUser(name, password, role);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }

  private static void setEnabled(List<String> users, boolean enabled) throws SQLException {
    try (Connection c = TestDatabase.connect(VigiaTestSession.database());
        PreparedStatement s =
            c.prepareStatement("UPDATE app_user SET enabled = ? WHERE username = ?")) {
      for (String u : users) {
        s.setBoolean(1, enabled);
        s.setString(2, u);
        s.executeUpdate();
      }
    }
  }

  private static String roleOf(String user) throws SQLException {
    try (Connection c = TestDatabase.connect(VigiaTestSession.database());
        PreparedStatement s = c.prepareStatement("SELECT role FROM app_user WHERE username = ?")) {
      s.setString(1, user);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private static String sessionOf(ChromeDriver b) {
    return "JSESSIONID=" + b.manage().getCookieNamed("JSESSIONID").getValue();
  }

  private static String viewState(String html) {
    Matcher m =
        Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"").matcher(html);
    assertThat(m.find()).as("a view state in the page").isTrue();
    return m.group(1).replace("&amp;", "&").replace("&#58;", ":");
  }

  private static String enrolBody(String host) {
    return "{\"agentId\":\"" + UUID.randomUUID() + "\",\"host\":\"" + host + "\"}";
  }

  private HttpResponse<String> get(String path, String cookie) {
    return admin
        .anonymous()
        .send(HttpRequest.newBuilder(monitor.resolve(path)).GET().header("Cookie", cookie));
  }

  /** A form post with the browser's session, from the monitor's own origin as a page's would be. */
  private HttpResponse<String> postForm(String path, String cookie, Map<String, String> fields) {
    String body =
        fields.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return admin
        .anonymous()
        .send(
            HttpRequest.newBuilder(monitor.resolve(path))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", cookie)
                .header("Origin", monitor.getScheme() + "://" + monitor.getAuthority()));
  }
}
