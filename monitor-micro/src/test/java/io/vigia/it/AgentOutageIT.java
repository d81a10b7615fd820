package io.vigia.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.testsupport.MonitorApi;
import io.vigia.testsupport.TestDatabase;
import io.vigia.testsupport.VigiaTestSession;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Shipping that loses nothing, against the real monitor: the real agent jar pushes to Payara Micro
 * (started here by hand, not through Arquillian, because the test stops and restarts it on the same
 * port and database), the monitor is stopped for 30 s while the agent keeps sampling, then started
 * again; every sample of the outage must arrive exactly once, in order.
 */
class AgentOutageIT {

  private static final Logger LOG = Logger.getLogger(AgentOutageIT.class.getName());
  private static final String FLEET_KEY = UUID.randomUUID().toString();
  private static final Duration OUTAGE = Duration.ofSeconds(30);

  private static final List<Process> started = new ArrayList<>();
  private static Path work;
  private static boolean passed;

  @AfterAll
  static void stopEverything() throws IOException {
    for (Process p : started) {
      stop(p);
    }
    if (passed && work != null) { // on failure the logs stay for a look
      try (var files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  @Test
  void everySampleOfAnOutageArrivesExactlyOnceInOrder() throws Exception {
    work = Files.createTempDirectory("vigia-outage");
    TestDatabase.Settings db = TestDatabase.get().freshDatabase("outage");
    int port = freePort();
    URI server = URI.create("http://127.0.0.1:" + port + "/");
    String hostName = "outage-" + ProcessHandle.current().pid();
    Path state = Files.createDirectories(work.resolve("agent-state"));

    Process monitor = startMonitor(db, port, "micro-1");
    awaitReady(server, monitor);

    Process enroll =
        Deployments.agent(
                "enroll",
                "--server=" + server,
                "--key=" + FLEET_KEY,
                "--state.dir=" + state,
                "--host=" + hostName)
            .redirectOutput(work.resolve("enroll.log").toFile())
            .start();
    started.add(enroll);
    assertThat(enroll.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(enroll.exitValue()).as(read("enroll.log")).isZero();

    Process agent =
        Deployments.agent(
                "--server=" + server,
                "--state.dir=" + state,
                "--host=" + hostName,
                "--interval.ms=1000")
            .redirectOutput(work.resolve("agent.log").toFile())
            .start();
    started.add(agent);
    // About five seconds of normal pushing.
    await(
        Duration.ofSeconds(60), () -> samples(db, hostName, 0) >= 5, "5 samples before the outage");

    stop(monitor);
    long outageFrom = System.currentTimeMillis();
    LOG.info("monitor stopped; outage of " + OUTAGE.toSeconds() + " s begins");
    // The outage itself is the scenario, not a condition to wait for: the agent must keep sampling.
    Thread.sleep(OUTAGE.toMillis());
    assertThat(agent.isAlive()).as(read("agent.log")).isTrue();
    long outageTo = System.currentTimeMillis();

    Process again = startMonitor(db, port, "micro-2");
    awaitReady(server, again);
    long backAt = System.currentTimeMillis();
    // Caught up: something sampled after the restart is stored and the agent says it replayed.
    await(
        Duration.ofSeconds(120),
        () -> samples(db, hostName, backAt) >= 2 && read("agent.log").contains("batches replayed"),
        "the agent to catch up after the outage");
    stop(agent);

    List<long[]> rows = seqAndTs(db, hostName);
    long minSeq = rows.get(0)[0];
    long maxSeq = rows.get(rows.size() - 1)[0];
    assertThat(rows.size()).as("gap-free seq run").isEqualTo(maxSeq - minSeq + 1);
    for (int i = 1; i < rows.size(); i++) {
      assertThat(rows.get(i)[1])
          .as("ts of seq %d after ts of seq %d", rows.get(i)[0], rows.get(i - 1)[0])
          .isGreaterThan(rows.get(i - 1)[1]);
    }
    long duringOutage = rows.stream().filter(r -> r[1] >= outageFrom && r[1] < outageTo).count();
    assertThat(duringOutage)
        .as("samples taken while the monitor was down")
        .isGreaterThanOrEqualTo(29);

    String log = read("agent.log");
    assertThat(log).containsOnlyOnce("monitor unreachable");
    assertThat(log).containsPattern("\\d+ batches replayed, 0 dropped");
    LOG.info(
        () ->
            rows.size()
                + " samples stored gap-free, "
                + duringOutage
                + " of them taken during the outage");
    passed = true;
  }

  // --- the processes ---------------------------------------------------------------------------

  private static Process startMonitor(TestDatabase.Settings db, int port, String name)
      throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd =
        List.of(
            java,
            "-Xmx512m",
            "-Dvigia.db.datasource=" + TestDatabase.Settings.DATASOURCE_CLASS,
            "-Dvigia.db.url=" + db.url(),
            "-Dvigia.db.user=" + db.user(),
            "-Dvigia.db.password=" + db.password(),
            "-Dvigia.fleet.key=" + FLEET_KEY,
            "-Dvigia.admin.initial-password=" + UUID.randomUUID(),
            "-jar",
            file("payara.microJar").getPath(),
            "--deploy",
            file("vigia.war").getPath(),
            "--contextroot",
            "/",
            "--port",
            Integer.toString(port),
            "--rootdir",
            work.resolve(name).toString(),
            "--nocluster",
            "--prebootcommandfile",
            VigiaTestSession.gridCommands().toString());
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve(name + ".log").toFile())
            .start();
    started.add(p);
    return p;
  }

  private static void awaitReady(URI server, Process monitor) throws InterruptedException {
    MonitorApi api = new MonitorApi(server);
    await(
        Duration.ofSeconds(180),
        () -> {
          if (!monitor.isAlive()) {
            throw new AssertionError("Payara Micro exited: see " + work);
          }
          try {
            HttpResponse<String> r = api.get("health/ready");
            return r.statusCode() == 200;
          } catch (UncheckedIOException e) {
            return false; // not listening yet
          }
        },
        "the monitor to be ready on " + server);
  }

  /** Stops a process by its PID: SIGTERM, then SIGKILL if it is still there after 10 s. */
  private static void stop(Process p) {
    if (!p.isAlive()) {
      return;
    }
    p.destroy();
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static File file(String property) {
    String path = System.getProperty(property);
    assertThat(path).as("system property " + property).isNotNull();
    File f = new File(path);
    assertThat(f).isFile();
    return f;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String read(String log) {
    try {
      return Files.readString(work.resolve(log), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  private static void await(Duration timeout, BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      Thread.sleep(500);
    }
  }

  // --- the database ----------------------------------------------------------------------------

  private static long samples(TestDatabase.Settings db, String host, long sinceMs) {
    try (Connection c = TestDatabase.connect(db);
        PreparedStatement s =
            c.prepareStatement(
                "SELECT COUNT(*) FROM sample s JOIN host h ON h.id = s.host_id"
                    + " WHERE h.name = ? AND s.ts_ms >= ?")) {
      s.setString(1, host);
      s.setLong(2, sinceMs);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      return 0; // the schema may not exist before the first start
    }
  }

  /** (seq, ts_ms) of every sample of the host, in seq order. */
  private static List<long[]> seqAndTs(TestDatabase.Settings db, String host) throws SQLException {
    List<long[]> rows = new ArrayList<>();
    try (Connection c = TestDatabase.connect(db);
        PreparedStatement s =
            c.prepareStatement(
                "SELECT s.seq, s.ts_ms FROM sample s JOIN host h ON h.id = s.host_id"
                    + " WHERE h.name = ? ORDER BY s.seq")) {
      s.setString(1, host);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          rows.add(new long[] {rs.getLong(1), rs.getLong(2)});
        }
      }
    }
    assertThat(rows).as("samples of " + host).isNotEmpty();
    return rows;
  }
}
