package io.vigia.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.vigia.testsupport.Browsers;
import io.vigia.testsupport.MonitorApi;
import io.vigia.testsupport.VigiaTestSession;
import jakarta.json.JsonObject;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A page on another site cannot make a logged-in admin's browser change anything: the session
 * cookie is SameSite=Strict, and a change that does carry it must come from Vigia's own pages
 * (Sec-Fetch-Site, Origin or Referer). HTTP Basic callers are not affected.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CrossSiteIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.builtWar();
  }

  @ArquillianResource private URL url;
  private ChromeDriver browser;
  private MonitorApi admin;
  private URI monitor;
  private String host;
  private String agentId;
  private String token;

  @BeforeEach
  void loggedInAdminAndAHost() {
    monitor = Deployments.loopback(url);
    admin = new MonitorApi(monitor).as("admin", VigiaTestSession.adminPassword());
    agentId = UUID.randomUUID().toString();
    host = "csrf-" + agentId.substring(0, 8);
    token = admin.enroll(VigiaTestSession.fleetKey(), agentId, host);
    browser = Browsers.open("1200,700");
    browser.get(monitor.toString());
    Browsers.logInAsAdmin(browser, new WebDriverWait(browser, Duration.ofSeconds(30)));
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void keepsTheSessionCookieToVigiasOwnPages() {
    Cookie session = browser.manage().getCookieNamed("JSESSIONID");

    assertThat(session).isNotNull();
    assertThat(session.getSameSite()).isEqualToIgnoringCase("Strict");
    assertThat(session.isHttpOnly()).isTrue();
  }

  @Test
  void aFormOnAnotherSiteSubmittedByALoggedInAdminRevokesNothing() throws Exception {
    AtomicReference<String> page = new AtomicReference<>();
    HttpServer evil = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    evil.createContext(
        "/",
        exchange -> {
          byte[] body = page.get().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    evil.start();
    try {
      String target = monitor.resolve("api/v1/hosts/" + host + "/token/revoke").toString();
      page.set(
          "<!DOCTYPE html><title>cute cats</title>"
              + "<form id=f method=post action='"
              + target
              + "'></form><script>document.getElementById('f').submit()</script>");
      // "localhost" is another site than "127.0.0.1" for the browser, as any other domain is.
      browser.get("http://localhost:" + evil.getAddress().getPort() + "/cats");
      new WebDriverWait(browser, Duration.ofSeconds(15))
          .until(b -> b.getCurrentUrl().startsWith(target));
      Browsers.screenshot(browser, "cross-site-post.png");
      assertThat(browser.getPageSource()).doesNotContain("\"revoked\"");
    } finally {
      evil.stop(0);
    }

    assertTokenStillWorks();
  }

  @Test
  void refusesAChangeCarryingTheSessionFromElsewhereWith403() {
    String cookie = "JSESSIONID=" + browser.manage().getCookieNamed("JSESSIONID").getValue();
    List<List<String>> foreign =
        List.of(
            List.of("Origin", "http://evil.example"),
            List.of("Sec-Fetch-Site", "cross-site"),
            List.of("Sec-Fetch-Site", "same-site"), // another port or subdomain
            List.of("Referer", "http://evil.example/cats"),
            List.of()); // nothing to tell where it comes from
    for (List<String> header : foreign) {
      HttpRequest.Builder request = revoke().header("Cookie", cookie);
      if (!header.isEmpty()) {
        request.header(header.get(0), header.get(1));
      }
      HttpResponse<String> r = admin.anonymous().send(request);

      assertThat(r.statusCode()).as("%s: %s", header, r.body()).isEqualTo(403);
      assertThat(r.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
      assertThat(r.body()).contains("Vigia's own pages");
    }

    assertTokenStillWorks();
  }

  @Test
  void takesTheChangeFromVigiasOwnPageOrWithBasicCredentials() {
    String cookie = "JSESSIONID=" + browser.manage().getCookieNamed("JSESSIONID").getValue();
    String origin = monitor.getScheme() + "://" + monitor.getAuthority();

    HttpResponse<String> fromPage =
        admin.anonymous().send(revoke().header("Cookie", cookie).header("Origin", origin));
    assertThat(fromPage.statusCode()).as(fromPage.body()).isEqualTo(200);
    assertThat(admin.ingest(token, MonitorApi.batch(agentId, host, 2, 5.0)).statusCode())
        .isEqualTo(401);

    token = admin.enroll(VigiaTestSession.fleetKey(), agentId, host);
    HttpResponse<String> basic = // no Origin, no cookie: a script
        admin.post("api/v1/hosts/" + host + "/token/revoke", null, "");
    assertThat(basic.statusCode()).as(basic.body()).isEqualTo(200);
    assertThat(admin.ingest(token, MonitorApi.batch(agentId, host, 3, 5.0)).statusCode())
        .isEqualTo(401);
  }

  private HttpRequest.Builder revoke() {
    return HttpRequest.newBuilder(monitor.resolve("api/v1/hosts/" + host + "/token/revoke"))
        .POST(HttpRequest.BodyPublishers.noBody());
  }

  private void assertTokenStillWorks() {
    HttpResponse<String> tokens = admin.get("api/v1/hosts/" + host + "/tokens");
    assertThat(MonitorApi.parse(tokens.body()).asJsonArray())
        .allSatisfy(t -> assertThat(((JsonObject) t).getBoolean("live")).isTrue());
    assertThat(admin.ingest(token, MonitorApi.batch(agentId, host, 1, 5.0)).statusCode())
        .isEqualTo(200);
  }
}
