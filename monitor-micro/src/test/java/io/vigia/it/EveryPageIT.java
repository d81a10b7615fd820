package io.vigia.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.testsupport.Browsers;
import io.vigia.testsupport.MonitorApi;
import io.vigia.testsupport.VigiaTestSession;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Every page in Chromium, at desktop width and on a 390 px phone, in English and Spanish: no WCAG
 * 2.1 A/AA violation that axe-core finds, no script error in the console, nothing wider than the
 * screen on the phone; a screenshot of each saved under target/screenshots/pages to look at.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EveryPageIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.builtWar();
  }

  @ArquillianResource private URL url;

  @Test
  void meetsWcagAndShowsNoScriptErrorOnAnyPageAtAnyWidthInEitherLanguage() throws Exception {
    MonitorApi admin =
        new MonitorApi(Deployments.loopback(url)).as("admin", VigiaTestSession.adminPassword());
    String host = PageValidityIT.hostWithProcessesAndContainers(admin);
    // the alerts page judged with rules on it, an enabled and a disabled one (their buttons say
    // "Disable"/"Desactivar" and "Enable"/"Activar"), as a user has them
    for (boolean enabled : List.of(true, false)) {
      HttpResponse<String> rule =
          admin.post(
              "api/v1/alert-rules",
              null,
              "{\"name\":\"every page "
                  + enabled
                  + " "
                  + host
                  + "\",\"metric\":\"cpu_pct\",\"operator\":\">\",\"threshold\":99,"
                  + "\"durationS\":600,\"enabled\":"
                  + enabled
                  + ",\"host\":\""
                  + host
                  + "\"}");
      assertThat(rule.statusCode()).as(rule.body()).isEqualTo(201);
    }
    Map<String, String> pages = new LinkedHashMap<>();
    pages.put("fleet", "");
    pages.put("host", "host.xhtml?name=" + host);
    pages.put("history", "history.xhtml?host=" + host);
    pages.put("containers", "containers.xhtml?q=" + host);
    pages.put("containers-day", "containers.xhtml?over=24h&by=memory");
    pages.put("alerts", "alerts.xhtml");
    pages.put("events", "events.xhtml");
    pages.put("admin", "admin.xhtml");
    pages.put("policy", "policy.xhtml");
    pages.put("account", "account.xhtml");

    String axe =
        Files.readString(
            Path.of(
                System.getProperty("vigia.node.tools", "src/test/node"),
                "node_modules",
                "axe-core",
                "axe.min.js"));
    List<String> problems = new ArrayList<>();
    for (String lang : List.of("en", "es")) {
      for (boolean phone : List.of(false, true)) {
        ChromeDriver browser = phone ? Browsers.openPhone() : Browsers.open("1280,900");
        try {
          browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
          WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
          browser.get(admin.base() + "login.xhtml?lang=" + lang);
          problems.addAll(check(browser, axe, "login", lang, phone));
          browser.get(admin.base().toString());
          Browsers.logInAsAdmin(browser, wait);
          for (Map.Entry<String, String> page : pages.entrySet()) {
            browser.get(admin.base() + page.getValue());
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("content")));
            // the page's scripts and first pushes settle before it is judged
            wait.until(
                d ->
                    "complete"
                        .equals(((ChromeDriver) d).executeScript("return document.readyState;")));
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang"))
                .isEqualTo(lang);
            problems.addAll(check(browser, axe, page.getKey(), lang, phone));
          }
        } finally {
          browser.quit();
        }
      }
    }
    assertThat(problems).as("what the pages got wrong").isEmpty();
  }

  /**
   * The table cells shown whose text is wider than the cell: PrimeFaces lays tables out in fixed
   * columns and hides what overflows a cell, so such text is cut without a sign ("64.0 MiB / 256").
   * A cell that ends its text with an ellipsis on purpose (a long command line) is not counted.
   */
  private static final String CLIPPED_CELLS =
      "var out = [];"
          + "document.querySelectorAll('.ui-datatable td, .ui-datatable th, .ui-treetable td,"
          + " .ui-treetable th').forEach(function (c) {"
          + "  if (!c.getClientRects().length || c.scrollWidth <= c.clientWidth + 1) { return; }"
          + "  var cut = getComputedStyle(c).overflowX;"
          + "  if (cut !== 'hidden' && cut !== 'clip') { return; }"
          + "  var ellipsis = [c].concat(Array.from(c.querySelectorAll('*'))).some(function (e) {"
          + "    return getComputedStyle(e).textOverflow === 'ellipsis'; });"
          + "  if (!ellipsis) {"
          + "    out.push((c.className || c.tagName) + ' \\'' + c.textContent.trim().replace(/\\s+/g, ' ')"
          + "      .substring(0, 60) + '\\' (' + c.scrollWidth + ' px in ' + c.clientWidth + ')');"
          + "  }"
          + "});"
          + "return out;";

  /** Screenshot, axe-core, console, clipped cells and (on a phone) width of the page shown. */
  private static List<String> check(
      ChromeDriver browser, String axe, String page, String lang, boolean phone) throws Exception {
    String where = page + " (" + lang + ", " + (phone ? "phone" : "desktop") + ")";
    Browsers.screenshot(browser, "pages/" + page + "-" + lang + (phone ? "-phone" : "") + ".png");
    List<String> problems = new ArrayList<>();
    browser.executeScript(axe);
    Object violations =
        browser.executeAsyncScript(
            "var done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag',"
                + " values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                + ".then(function (r) { done(r.violations.map(function (v) {"
                + "  return v.id + ' (' + v.impact + '): ' + v.help + ' at '"
                + "    + v.nodes.slice(0, 3).map(function (n) { return n.target.join(' '); })"
                + "      .join(', '); })); })"
                + ".catch(function (e) { done(['axe failed: ' + e]); });");
    for (Object v : (List<?>) violations) {
      problems.add(where + ": " + v);
    }
    for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
      if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
        problems.add(where + ": console: " + e.getMessage());
      }
    }
    for (Object cell : (List<?>) browser.executeScript(CLIPPED_CELLS)) {
      problems.add(where + ": a table cell cuts its text: " + cell);
    }
    if (phone) {
      long width = (Long) browser.executeScript("return document.documentElement.scrollWidth;");
      if (width > 390) {
        problems.add(where + ": " + width + " px wide on a 390 px screen");
      }
    }
    return problems;
  }
}
