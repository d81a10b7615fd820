package io.vigia.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.testsupport.Browsers;
import io.vigia.testsupport.MonitorApi;
import io.vigia.testsupport.VigiaTestSession;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The account page in a real browser: a signed-in user, reached by their name in the bar, changes
 * their own password; a wrong current password, a repetition that differs or a password that is too
 * short changes nothing; after a change the session that made it stays signed in, their session in
 * another browser is sent to the login page at its next navigation, and the next sign-in takes the
 * new password only.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AccountPageIT {

  private static final String FIRST = "first password of theirs";
  private static final String SECOND = "second password of theirs";
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.builtWar();
  }

  @ArquillianResource private URL url;
  private MonitorApi admin;
  private String user;
  private final List<ChromeDriver> browsers = new ArrayList<>();

  @BeforeEach
  void aViewer() {
    admin = new MonitorApi(Deployments.loopback(url)).as("admin", VigiaTestSession.adminPassword());
    user = "own-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(admin.addUser(user, FIRST, "viewer").statusCode()).isEqualTo(201);
  }

  @AfterEach
  void closeBrowsers() {
    browsers.forEach(ChromeDriver::quit);
  }

  @Test
  void changesTheirOwnPasswordOnlyWithTheCurrentOne() throws Exception {
    ChromeDriver page = open("1200,800");
    WebDriverWait wait = new WebDriverWait(page, WAIT);
    page.get(admin.base() + "events.xhtml");
    Browsers.logIn(page, wait, user, FIRST);
    WebElement name = page.findElement(By.cssSelector(".vigia-who"));
    assertThat(name.getText()).isEqualTo(user);
    name.click();
    wait.until(ExpectedConditions.urlContains("/account.xhtml"));
    assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Your account");
    assertThat(page.findElement(By.cssSelector(".account-who")).getText())
        .isEqualTo("Signed in as " + user + " (viewer).");

    // A wrong current password: refused, and both passwords are as they were.
    change(page, "not my password at all", SECOND, SECOND);
    awaitMessage(page, "Nothing changed: that is not your current password.");
    Browsers.screenshot(page, "account-wrong-password.png");
    assertThat(page.findElement(By.cssSelector(".account-msg-error")).isDisplayed()).isTrue();
    assertThat(signIn(FIRST)).isEqualTo(200);
    assertThat(signIn(SECOND)).isEqualTo(401);

    // A repetition that differs, and a password too short: refused too.
    change(page, FIRST, SECOND, SECOND + "!");
    awaitMessage(page, "the new password and its repetition differ");
    change(page, FIRST, "short", "short");
    awaitMessage(page, "a password has 12 to 256 characters");
    assertThat(signIn(FIRST)).isEqualTo(200);

    // Signed in in another browser too, on another page.
    ChromeDriver other = open("1200,800");
    WebDriverWait otherWait = new WebDriverWait(other, WAIT);
    other.get(admin.base() + "events.xhtml");
    Browsers.logIn(other, otherWait, user, FIRST);
    otherWait.until(ExpectedConditions.presenceOfElementLocated(By.id("events:log")));

    // The right one: changed; this session goes on, signed in, the other one ends.
    change(page, FIRST, SECOND, SECOND);
    awaitMessage(page, "Your password was changed.");
    Browsers.screenshot(page, "account-changed.png");
    other.get(admin.base() + "history.xhtml");
    otherWait.until(ExpectedConditions.urlContains("/login.xhtml"));
    assertThat(other.findElement(By.cssSelector(".vigia-login-ended")).getText())
        .contains("You were signed out");
    Browsers.screenshot(other, "account-other-session-ended.png");
    assertThat(signIn(SECOND)).isEqualTo(200);
    assertThat(signIn(FIRST)).isEqualTo(401);
    page.get(admin.base() + "events.xhtml");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("events:log")));
    assertThat(page.getCurrentUrl()).doesNotContain("login.xhtml");
    HttpResponse<String> logged = admin.get("api/v1/events?kind=user_changed&size=5");
    assertThat(logged.body()).contains("\"actor\":\"" + user + "\"", "changed their own password");

    // Signed out, the old password is refused at the login page and the new one lets them in.
    page.findElement(By.cssSelector(".vigia-user button")).click();
    page.get(admin.base() + "account.xhtml");
    wait.until(ExpectedConditions.urlContains("/login.xhtml"));
    page.findElement(By.id("login:username")).sendKeys(user);
    page.findElement(By.id("login:password")).sendKeys(FIRST);
    page.findElement(By.id("login:submit")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".ui-messages-error")));
    assertThat(page.getCurrentUrl()).contains("/login.xhtml");
    page.get(admin.base() + "account.xhtml");
    Browsers.logIn(page, wait, user, SECOND);
    page.get(admin.base() + "account.xhtml");
    assertThat(
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".account-who")))
                .getText())
        .contains(user);
  }

  @Test
  void fitsAPhoneInSpanish() throws Exception {
    ChromeDriver phone = Browsers.openPhone();
    browsers.add(phone);
    WebDriverWait wait = new WebDriverWait(phone, WAIT);
    phone.get(admin.base() + "account.xhtml?lang=es");
    Browsers.logIn(phone, wait, user, FIRST);
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Su cuenta"));
    change(phone, "no es la mía, seguro", SECOND, SECOND);
    awaitMessage(phone, "No se ha cambiado nada: esa no es su contraseña actual.");
    Browsers.screenshot(phone, "account-phone-es.png");
    long width =
        ((Number) phone.executeScript("return document.documentElement.scrollWidth;")).longValue();
    assertThat(width).as("no sideways scrolling").isLessThanOrEqualTo(390);
    assertThat(phone.findElement(By.cssSelector(".vigia-who")).isDisplayed()).isTrue();
    assertThat(phone.findElement(By.id("password:change")).isDisplayed()).isTrue();
    assertThat(signIn(FIRST)).isEqualTo(200);
  }

  private ChromeDriver open(String size) {
    ChromeDriver browser = Browsers.open(size);
    browsers.add(browser);
    return browser;
  }

  /** Fills the form as a person does and sends it. */
  private static void change(ChromeDriver page, String current, String next, String repeat) {
    for (String[] field :
        new String[][] {
          {"password:current", current}, {"password:next", next}, {"password:repeat", repeat}
        }) {
      WebElement input = page.findElement(By.id(field[0]));
      input.clear();
      input.sendKeys(field[1]);
    }
    page.findElement(By.id("password:change")).click();
  }

  private static void awaitMessage(ChromeDriver page, String text) {
    new WebDriverWait(page, WAIT)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".account-messages"), text));
  }

  /** The status of an API call signed in with HTTP Basic as the user with that password. */
  private int signIn(String password) {
    return admin.anonymous().as(user, password).get("api/v1/hosts").statusCode();
  }
}
