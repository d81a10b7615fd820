package io.vigia.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.testsupport.Browsers;
import io.vigia.testsupport.MonitorApi;
import io.vigia.testsupport.VigiaTestSession;
import io.vigia.wire.Batch;
import io.vigia.wire.ProcessCounts;
import io.vigia.wire.ProcessInfo;
import io.vigia.wire.Processes;
import java.net.URL;
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
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live page in a real browser (Debian's headless Chromium): a host's new values appear by
 * themselves within a few seconds, and the page is not reloaded to show them.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FleetPageIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.builtWar();
  }

  @ArquillianResource private URL url;
  private ChromeDriver browser;

  @BeforeEach
  void openBrowser() {
    browser = Browsers.open("1200,700");
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  private void logIn(WebDriverWait wait) {
    Browsers.logInAsAdmin(browser, wait);
  }

  private void screenshot(String name) throws Exception {
    Browsers.screenshot(browser, name);
  }

  private static void pushProcesses(
      MonitorApi api,
      String agentId,
      String host,
      String token,
      long seq,
      List<ProcessInfo> procs) {
    Batch b = MonitorApi.batch(agentId, host, seq, 30);
    Batch withProcs =
        new Batch(
            b.agentId(),
            b.host(),
            b.seq(),
            b.ts(),
            "proc",
            b.cpu(),
            b.memory(),
            b.load(),
            new Processes(new ProcessCounts(procs.size(), 1, procs.size() - 1, 0, 0, 0, 0), procs),
            List.of(),
            null,
            null,
            null);
    assertThat(api.ingest(token, withProcs).statusCode()).isEqualTo(200);
  }

  @Test
  void showsNewProcessesOnTheHostPageWithoutReloading() throws Exception {
    MonitorApi api =
        new MonitorApi(Deployments.loopback(url)).as("admin", VigiaTestSession.adminPassword());
    String agentId = UUID.randomUUID().toString();
    String host = "ui-live-" + agentId.substring(0, 8);
    String token = api.enroll(VigiaTestSession.fleetKey(), agentId, host);
    ProcessInfo first =
        new ProcessInfo(100, 1, 5L, "first", "/bin/first", "root", 0, "S", 1.0, 10L, 0.1);
    pushProcesses(api, agentId, host, token, 1, List.of(first));

    browser.get(api.base() + "host.xhtml?name=" + host);
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    logIn(wait);
    By names = By.cssSelector("td.proc-name");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(names, "first"));
    ((JavascriptExecutor) browser).executeScript("window.vigiaSamePage = 'yes';");

    pushProcesses(
        api,
        agentId,
        host,
        token,
        2,
        List.of(
            first,
            new ProcessInfo(
                200, 1, 9L, "newcomer", "/bin/newcomer", "root", 0, "R", 50.0, 10L, 0.1)));

    // newcomer uses the most CPU, so it heads the table once the poll brings it in
    wait.until(ExpectedConditions.textToBePresentInElementLocated(names, "newcomer"));
    assertThat(((JavascriptExecutor) browser).executeScript("return window.vigiaSamePage;"))
        .as("the page was not reloaded")
        .isEqualTo("yes");
  }

  @Test
  void refusesAWrongPasswordOnTheLoginPage() {
    browser.get(Deployments.loopback(url) + "login.xhtml");
    browser.findElement(By.id("login:username")).sendKeys("admin");
    browser.findElement(By.id("login:password")).sendKeys("not-the-password");
    browser.findElement(By.id("login:submit")).click();

    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("login:messages"), "Wrong user name or password"));
    browser.get(Deployments.loopback(url).toString());
    assertThat(browser.getCurrentUrl()).contains("/login.xhtml");
  }

  @Test
  void showsNewValuesOfAHostWithoutReloadingThePage() throws Exception {
    MonitorApi api = new MonitorApi(Deployments.loopback(url));
    String agentId = UUID.randomUUID().toString();
    String host = "page-" + agentId.substring(0, 8);
    String token = api.enroll(VigiaTestSession.fleetKey(), agentId, host);
    assertThat(api.ingest(token, MonitorApi.batch(agentId, host, 1, 11.0)).statusCode())
        .isEqualTo(200);

    // Anonymous visitors land on the login page and come back after logging in (to the fleet
    // filtered to this host: other tests' hosts share the database and the first page).
    browser.get(api.base() + "?q=" + host);
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
    logIn(wait);

    By cpuOfHost =
        By.xpath(
            "//tr[td[contains(@class,'host-name')]//a[contains(@class,'fleet-host') and"
                + " normalize-space()='"
                + host
                + "']]//span[contains(@class,'host-cpu')]");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(cpuOfHost, "11.0 %"));
    ((JavascriptExecutor) browser).executeScript("window.vigiaSamePage = 'yes';");

    assertThat(api.ingest(token, MonitorApi.batch(agentId, host, 2, 77.0)).statusCode())
        .isEqualTo(200);

    // The page refreshes every 2 s: the new value must show within a few refreshes.
    wait.until(ExpectedConditions.textToBePresentInElementLocated(cpuOfHost, "77.0 %"));
    assertThat(((JavascriptExecutor) browser).executeScript("return window.vigiaSamePage;"))
        .as("the page was not reloaded")
        .isEqualTo("yes");
    assertThat(
            browser
                .findElement(
                    By.xpath(
                        "//tr[td//a[contains(@class,'fleet-host') and normalize-space()='"
                            + host
                            + "']]"))
                .getText())
        .contains("online");

    screenshot("fleet-page.png");
  }
}
