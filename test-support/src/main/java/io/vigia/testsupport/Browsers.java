package io.vigia.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, as the browser tests and the UI benchmarks (bench/ui) drive it; and
 * what they do with it.
 */
public final class Browsers {

  private Browsers() {}

  /** A new headless Chromium with an empty profile; {@code size} like {@code 1200,700}. */
  public static ChromeDriver open(String size) {
    return new ChromeDriver(service(), options(size));
  }

  /**
   * A headless Chromium showing pages as a phone 390 CSS pixels wide (an iPhone 12-15): headless
   * windows are never narrower than 500 px, so the width is set by device emulation.
   */
  public static ChromeDriver openPhone() {
    ChromeOptions options = options("390,844");
    options.setExperimentalOption(
        "mobileEmulation",
        Map.of(
            "deviceMetrics",
            Map.of("width", 390, "height", 844, "pixelRatio", 1.0, "touch", true),
            "userAgent",
            "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/120.0 Mobile Safari/537.36"));
    return new ChromeDriver(service(), options);
  }

  private static ChromeOptions options(String size) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(System.getProperty("vigia.chromium", "/usr/bin/chromium"));
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=" + size);
    // the console's messages, for tests that check a page logs no error
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    return options;
  }

  private static ChromeDriverService service() {
    return new ChromeDriverService.Builder()
        .usingDriverExecutable(
            Path.of(System.getProperty("vigia.chromedriver", "/usr/bin/chromedriver")).toFile())
        .build();
  }

  /** Logs in as the first admin on the login page the browser was sent to. */
  public static void logInAsAdmin(ChromeDriver browser, WebDriverWait wait) {
    logIn(browser, wait, "admin", VigiaTestSession.adminPassword());
  }

  /** Logs in as {@code user} on the login page the browser was sent to. */
  public static void logIn(ChromeDriver browser, WebDriverWait wait, String user, String password) {
    wait.until(ExpectedConditions.urlContains("/login.xhtml"));
    browser.findElement(By.id("login:username")).sendKeys(user);
    browser.findElement(By.id("login:password")).sendKeys(password);
    browser.findElement(By.id("login:submit")).click();
    wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login.xhtml")));
  }

  /** Saves what the browser shows as {@code target/screenshots/NAME}. */
  public static void screenshot(ChromeDriver browser, String name) throws Exception {
    Path shot = Path.of("target", "screenshots", name);
    Files.createDirectories(shot.getParent());
    Files.move(
        browser.getScreenshotAs(OutputType.FILE).toPath(),
        shot,
        StandardCopyOption.REPLACE_EXISTING);
  }

  /** Replaces what a text field holds, as a person does: select all, type. */
  public static void type(ChromeDriver browser, String id, String value) {
    WebElement field = browser.findElement(By.id(id));
    field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    field.sendKeys(value);
  }

  /** Waits until PrimeFaces has no request under way. */
  public static void ajaxDone(WebDriverWait wait) {
    wait.until(
        d ->
            (Boolean)
                ((JavascriptExecutor) d).executeScript("return PrimeFaces.ajax.Queue.isEmpty()"));
  }

  /**
   * A Faces form POST made by the page's own script (same origin, the session's cookie, the page's
   * view state): what a forged request from that session sends. Answers its status and body.
   */
  public static Map<?, ?> postFromPage(
      ChromeDriver browser, String path, Map<String, String> params) {
    return (Map<?, ?>)
        browser.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "const body = new URLSearchParams(arguments[1]);"
                + "body.set('jakarta.faces.ViewState', document.querySelector("
                + "  'input[name=\"jakarta.faces.ViewState\"]').value);"
                + "fetch(arguments[0], {method: 'POST', body: body, headers:"
                + "  {'Faces-Request': 'partial/ajax'}})"
                + ".then(r => r.text().then(t => done({status: r.status, body: t})))"
                + ".catch(e => done({status: -1, body: String(e)}));",
            path,
            params);
  }

  /** A JSON request made by the page's own script (the session's cookie); answers the status. */
  public static Object fetchFromPage(
      ChromeDriver browser, String method, String path, String json) {
    return browser.executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "fetch(arguments[1], {method: arguments[0], body: arguments[2],"
            + "  headers: {'Content-Type': 'application/json'}})"
            + ".then(r => done(r.status)).catch(e => done(-1));",
        method,
        path,
        json);
  }
}
