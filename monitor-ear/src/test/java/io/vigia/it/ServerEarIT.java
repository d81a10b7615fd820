package io.vigia.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.testsupport.Browsers;
import io.vigia.testsupport.MonitorApi;
import io.vigia.testsupport.TestDatabase;
import io.vigia.testsupport.VigiaTestSession;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The product as an operator runs it: {@code ./vigia up --db ...} unpacks Payara Server, creates a
 * domain, deploys {@code vigia-monitor.ear} against MariaDB and starts the real agent; the tests
 * check it from outside, then {@code ./vigia down} stops everything.
 */
class ServerEarIT {

  private static final int PORT_BASE = Integer.getInteger("vigia.it.port-base", 28000);
  private static final Path ROOT = Path.of(System.getProperty("vigia.root", "..")).normalize();
  private static final Path HOME = Path.of(System.getProperty("vigia.it.home", "target/it-home"));
  private static final Path OUTPUT = HOME.resolveSibling("vigia-it.out");

  /** Payara Micro's line once it has started. */
  private static final String MICRO_READY = " ready in ";

  /** Hazelcast's line in a member that a grid of another cluster name refused. */
  private static final String REFUSED_BY_NAME = "the target cluster has a different cluster-name";

  private static Properties secrets;
  private static MonitorApi api; // as Vigia's first user, admin

  @BeforeAll
  static void up() throws Exception {
    TestDatabase.Settings db = VigiaTestSession.database();
    Files.deleteIfExists(OUTPUT);
    deleteTree(HOME); // nothing left over from an earlier run

    Process up =
        vigia(
            "up",
            "--home",
            HOME.toString(),
            "--port-base",
            String.valueOf(PORT_BASE),
            "--db",
            db.url(),
            "--db-user",
            db.user(),
            "--db-password",
            db.password());
    assertThat(up.waitFor(8, TimeUnit.MINUTES)).as("./vigia up finished").isTrue();
    String output = Files.readString(OUTPUT);
    assertThat(up.exitValue()).as("./vigia up failed, see %s", OUTPUT).isZero();
    assertThat(output).contains("Vigia is up (Payara Server");
    secrets = new Properties();
    try (var in = Files.newBufferedReader(HOME.resolve("secrets.env"))) {
      secrets.load(in);
    }
    api =
        new MonitorApi(URI.create("http://127.0.0.1:" + (PORT_BASE + 80) + "/"))
            .as("admin", secrets.getProperty("VIGIA_ADMIN_INITIAL_PASSWORD"));
  }

  @AfterAll
  static void down() throws Exception {
    Path pidFile = HOME.resolve("payara7/glassfish/domains/vigia/config/pid");
    Optional<ProcessHandle> server =
        Files.exists(pidFile)
            ? ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
            : Optional.empty();
    Process down = vigia("down", "--home", HOME.toString());
    assertThat(down.waitFor(3, TimeUnit.MINUTES)).isTrue();
    assertThat(down.exitValue()).isZero();
    assertThat(server.map(ProcessHandle::isAlive))
        .as("server stopped")
        .isNotEqualTo(Optional.of(true));
    assertThat(HOME.resolve("agent.pid")).doesNotExist();
  }

  @Test
  void isReadyOnMySql() {
    HttpResponse<String> r = api.get("health/ready");

    assertThat(r.statusCode()).isEqualTo(200);
    // Payara lists checks in no particular order: find the database's by name.
    JsonObject check =
        MonitorApi.parse(r.body()).asJsonObject().getJsonArray("checks").stream()
            .map(JsonValue::asJsonObject)
            .filter(c -> c.getString("name").equals("database"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no database check in " + r.body()));
    assertThat(check.getString("status")).isEqualTo("UP");
    assertThat(check.getJsonObject("data").getString("product")).isEqualTo("MySQL");
  }

  @Test
  void runsWithTheProductionSettingsOfDockerPayaraProductionAsadmin() {
    HttpResponse<String> r =
        adminRest(
            "/management/domain/configs/config/server-config/monitoring-service/"
                + "module-monitoring-levels");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    // the console's Monitoring pages show the application's pool and its timers
    assertThat(r.body())
        .containsPattern("\"jdbcConnectionPool\"\\s*:\\s*\"HIGH\"")
        .containsPattern("\"ejbContainer\"\\s*:\\s*\"HIGH\"");
  }

  /**
   * Another Payara on the machine that looks for a Payara Server's data grid, as every Payara Micro
   * does at start, even with {@code --nocluster}: pointed at this server's grid port (as one
   * started beside a server on the default ports finds it at 4900), under Payara's default cluster
   * name. The server's grid has a name of its own and keeps it out.
   */
  @Test
  void keepsItsDataGridToItselfBesideAnotherPayara() throws Exception {
    Path dir = Files.createTempDirectory(HOME.getParent(), "stranger-micro");
    Path log = dir.resolve("micro.log");
    Path commands =
        Files.writeString(
            dir.resolve("pre-boot.asadmin"),
            "set hazelcast-runtime-configuration.das-port=" + (PORT_BASE + 49) + "\n");
    int port;
    try (var socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Process stranger =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m",
                "-jar",
                System.getProperty("payara.microJar"),
                "--nocluster",
                "--port",
                String.valueOf(port),
                "--rootdir",
                dir.resolve("root").toString(),
                "--prebootcommandfile",
                commands.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
      while (!Files.readString(log).contains(MICRO_READY) && System.nanoTime() < deadline) {
        assertThat(stranger.isAlive()).as("the other Payara Micro runs, see %s", log).isTrue();
        Thread.sleep(500);
      }
      String strangerLog = Files.readString(log);
      assertThat(strangerLog)
          .as("the other Payara Micro started, see %s", log)
          .contains(MICRO_READY);
      assertThat(strangerLog)
          .as("the other Payara tried to join this server's data grid and was refused, see %s", log)
          .contains(REFUSED_BY_NAME);
      assertThat(Files.readString(serverLog()))
          .as("the server's data grid took in no other member")
          .doesNotContain("Data Grid Instance Added");
    } finally {
      stranger.destroy();
      if (!stranger.waitFor(60, TimeUnit.SECONDS)) {
        stranger.destroyForcibly().waitFor();
      }
      deleteTree(dir.resolve("root")); // its log stays, for a failure's reader
    }
  }

  private HttpResponse<String> adminRest(String path) {
    String auth =
        Base64.getEncoder()
            .encodeToString(
                ("admin:" + secrets.getProperty("PAYARA_ADMIN_PASSWORD"))
                    .getBytes(StandardCharsets.UTF_8));
    return api.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (PORT_BASE + 48) + path))
            .header("Accept", "application/json")
            .header("X-Requested-By", "vigia-it")
            .header("Authorization", "Basic " + auth)
            .GET());
  }

  @Test
  void listsTheEarInTheAdminConsole() {
    String auth =
        Base64.getEncoder()
            .encodeToString(
                ("admin:" + secrets.getProperty("PAYARA_ADMIN_PASSWORD"))
                    .getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r =
        api.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + (PORT_BASE + 48)
                            + "/management/domain/applications/list-applications"))
                .header("Accept", "application/json")
                .header("X-Requested-By", "vigia-it")
                .header("Authorization", "Basic " + auth)
                .GET());

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("vigia-monitor").contains("<ear");
  }

  @Test
  void refusesTheAdminConsoleWithoutThePassword() {
    HttpResponse<String> r =
        api.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + (PORT_BASE + 48)
                            + "/management/domain/applications/list-applications"))
                .header("Accept", "application/json")
                .header("X-Requested-By", "vigia-it")
                .GET());

    assertThat(r.statusCode()).isEqualTo(401);
  }

  @Test
  void storesAnIngestedBatchAndReadsItBack() throws Exception {
    String agentId = UUID.randomUUID().toString();
    String host = "ear-" + agentId.substring(0, 8);
    String token = api.enroll(secrets.getProperty("VIGIA_FLEET_KEY"), agentId, host);

    HttpResponse<String> r = api.ingest(token, MonitorApi.batch(agentId, host, 5, 33.0));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(api.host(host).orElseThrow().getJsonNumber("cpuPct").doubleValue()).isEqualTo(33.0);
    try (Connection c = TestDatabase.connect(VigiaTestSession.database());
        PreparedStatement s =
            c.prepareStatement(
                "SELECT s.seq, s.cpu_pct FROM sample s JOIN host h ON h.id = s.host_id"
                    + " WHERE h.name = ?")) {
      s.setString(1, host);
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(5);
        assertThat(rs.getDouble(2)).isEqualTo(33.0);
        assertThat(rs.next()).isFalse();
      }
    }
  }

  @Test
  void showsThisHostLiveFromTheAgentItStarted() throws Exception {
    String hostName = java.net.InetAddress.getLocalHost().getHostName();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Optional<JsonObject> seen = Optional.empty();
    while (System.nanoTime() < deadline) {
      seen = api.host(hostName).filter(h -> h.getBoolean("online") && !h.isNull("cpuPct"));
      if (seen.isPresent()) {
        break;
      }
      Thread.sleep(500);
    }
    assertThat(seen).as("host %s online with CPU %% within 60 s", hostName).isPresent();
    assertThat(seen.get().getJsonNumber("cpuPct").doubleValue()).isBetween(0.0, 100.0);
    assertThat(seen.get().getJsonNumber("ramUsedPct").doubleValue()).isBetween(0.0, 100.0);

    HttpResponse<String> page = api.get("");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains(hostName);
  }

  @Test
  void showsThisHostLiveInChromiumMovedByPushesFromTheEar() throws Exception {
    String hostName = java.net.InetAddress.getLocalHost().getHostName();
    ChromeDriver browser = Browsers.open("1280,900");
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
      browser.get(api.base() + "login.xhtml");
      Browsers.logIn(browser, wait, "admin", secrets.getProperty("VIGIA_ADMIN_INITIAL_PASSWORD"));
      // signed in, the fleet lists this host with a link to its live page
      wait.until(d -> !browser.findElements(By.linkText(hostName)).isEmpty());
      Browsers.screenshot(browser, "ear-fleet.png");

      browser.get(api.base() + "host.xhtml?name=" + hostName);
      wait.until(d -> browser.executeScript("return typeof VigiaHost === 'object';"));
      browser.executeScript("window.vigiaSamePage = true;");
      long pushed = pushedPoints(browser);
      // the web module of the EAR hears batches stored by its EJB module and pushes them to this
      // page over its WebSocket: three points drawn by push, no reload
      wait.withMessage("three points pushed to the live page")
          .until(d -> pushedPoints(browser) >= pushed + 3);
      assertThat(browser.executeScript("return window.vigiaSamePage === true;"))
          .as("no reload")
          .isEqualTo(true);
      // read in one script, so that no push lands between the two
      assertThat(
              browser.executeScript(
                  "var d = PrimeFaces.widgets.cpuChart.chart.data.datasets[0].data;"
                      + " var s = VigiaHost.shown;"
                      + " return [d[d.length - 1].x, s[s.length - 1].ts];"))
          .as("the CPU chart's newest point is the last one pushed")
          .asList()
          .satisfies(pair -> assertThat(pair.get(0)).isEqualTo(pair.get(1)));
      Browsers.screenshot(browser, "ear-host-live.png");
    } finally {
      browser.quit();
    }
  }

  private static Path serverLog() {
    return HOME.resolve("payara7/glassfish/domains/vigia/logs/server.log");
  }

  private static long pushedPoints(ChromeDriver browser) {
    return ((Number) browser.executeScript("return VigiaHost.shown.length;")).longValue();
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static Process vigia(String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("vigia").toString()));
    cmd.addAll(List.of(args));
    // To a file, not a pipe: the server and agent that `up` leaves running must not hold it open.
    Files.createDirectories(OUTPUT.getParent());
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(OUTPUT.toFile()));
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("VIGIA_DB_"));
    return pb.start();
  }
}
