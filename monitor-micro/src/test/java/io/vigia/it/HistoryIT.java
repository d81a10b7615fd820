package io.vigia.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigia.testsupport.MonitorApi;
import io.vigia.testsupport.TestDatabase;
import io.vigia.testsupport.VigiaTestSession;
import io.vigia.wire.Batch;
import io.vigia.wire.Cpu;
import io.vigia.wire.Load;
import io.vigia.wire.Memory;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * History of host metrics: rollups into 1-minute and 1-hour buckets, retention of each level (and
 * of events and closed alerts), and series queries. Samples are stamped in the past and rollup and
 * retention are run through the admin maintenance endpoint as of instants the test picks; nothing
 * waits for a timer.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HistoryIT {

  private static final long SECOND = 1_000L;
  private static final long MINUTE = 60 * SECOND;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;
  private static final String PASSWORD = "correct horse battery staple";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.builtWar();
  }

  @ArquillianResource private URL url;
  private MonitorApi anonymous;
  private MonitorApi admin;
  private String agentId;
  private String host;
  private String token;

  /** Three hours ago, on the hour: every bucket from here on is closed well before now. */
  private long base;

  @BeforeEach
  void enrollHost() {
    anonymous = new MonitorApi(Deployments.loopback(url));
    admin = anonymous.as("admin", VigiaTestSession.adminPassword());
    agentId = UUID.randomUUID().toString();
    host = "hist-" + agentId.substring(0, 8);
    token = admin.enroll(VigiaTestSession.fleetKey(), agentId, host);
    base = Math.floorDiv(System.currentTimeMillis(), HOUR) * HOUR - 3 * HOUR;
  }

  // --- rollups -------------------------------------------------------------------------------

  @Test
  void rollsUpMinutesAndHoursWithExactMinAvgMax() throws SQLException {
    // Minute 0: three samples; RAM used 75/50/25 %, swap used 10/20/30 kB.
    ingest(base + 5 * SECOND, 10, 1000, 250, 1.0, 100, 90);
    ingest(base + 25 * SECOND, 20, 1000, 500, 2.0, 100, 80);
    ingest(base + 45 * SECOND, 60, 1000, 750, 3.0, 100, 70);
    ingest(base + MINUTE + 5 * SECOND, 40, 1000, 500, 4.0, 100, 100); // minute 1
    ingest(base + 59 * MINUTE + SECOND, 100, 1000, 0, 5.0, 100, 0); // minute 59
    ingest(base + HOUR + 30 * SECOND, 0, 1000, 1000, 0.0, 100, 100); // next hour

    maintain(System.currentTimeMillis(), base);

    assertThat(count("sample_1m")).isEqualTo(4);
    Rollup m0 = rollup("sample_1m", base);
    assertThat(m0.n).isEqualTo(3);
    assertThat(m0.cpu).containsExactly(10.0, 30.0, 60.0);
    assertThat(m0.ram).containsExactly(25.0, 50.0, 75.0);
    assertThat(m0.load1).containsExactly(1.0, 2.0, 3.0);
    assertThat(m0.memAvailable).containsExactly(250.0, 500.0, 750.0);
    assertThat(m0.swapUsed).containsExactly(10.0, 20.0, 30.0);
    assertThat(rollup("sample_1m", base + MINUTE).cpu).containsExactly(40.0, 40.0, 40.0);

    assertThat(count("sample_1h")).isEqualTo(2);
    Rollup h0 = rollup("sample_1h", base);
    assertThat(h0.n).isEqualTo(5);
    assertThat(h0.cpu[0]).isEqualTo(10.0);
    assertThat(h0.cpu[1]).isCloseTo((10 + 20 + 60 + 40 + 100) / 5.0, within(1e-9));
    assertThat(h0.cpu[2]).isEqualTo(100.0);
    assertThat(h0.ram[0]).isEqualTo(25.0);
    assertThat(h0.ram[1]).isCloseTo((75 + 50 + 25 + 50 + 100) / 5.0, within(1e-9));
    assertThat(h0.ram[2]).isEqualTo(100.0);
    assertThat(h0.swapUsed[2]).isEqualTo(100.0);
    assertThat(rollup("sample_1h", base + HOUR).n).isEqualTo(1);
  }

  @Test
  void rollingUpAgainChangesNothing() throws SQLException {
    ingest(base + 5 * SECOND, 10, 1000, 250, 1.0, 100, 90);
    ingest(base + 25 * SECOND, 20, 1000, 500, 2.0, 100, 80);
    ingest(base + 2 * HOUR + 5 * SECOND, 30, 1000, 500, 2.0, 100, 80);
    long now = System.currentTimeMillis();
    maintain(now, base);
    Rollup before = rollup("sample_1h", base);

    maintain(now, base);
    maintain(now, null);
    maintain(now, base - DAY);

    assertThat(count("sample_1m")).isEqualTo(2);
    assertThat(count("sample_1h")).isEqualTo(2);
    Rollup after = rollup("sample_1h", base);
    assertThat(after.n).isEqualTo(before.n).isEqualTo(2);
    assertThat(after.cpu).containsExactly(before.cpu);
  }

  @Test
  void rollsUpALateSampleOnceAskedToFromItsTime() throws SQLException {
    ingest(base + 5 * SECOND, 10, 1000, 250, 1.0, 100, 90);
    maintain(System.currentTimeMillis(), base);
    ingest(base + 35 * SECOND, 50, 1000, 250, 1.0, 100, 90); // replayed from a spool, say

    maintain(System.currentTimeMillis(), base + 30 * SECOND);

    Rollup m0 = rollup("sample_1m", base);
    assertThat(m0.n).isEqualTo(2);
    assertThat(m0.cpu).containsExactly(10.0, 30.0, 50.0);
    assertThat(rollup("sample_1h", base).cpu).containsExactly(10.0, 30.0, 50.0);
  }

  // --- retention -----------------------------------------------------------------------------

  @Test
  void purgesRawSamplesOnce48HoursOld() throws SQLException {
    long now = System.currentTimeMillis();
    long old = Math.floorDiv(now - 47 * HOUR, MINUTE) * MINUTE + 20 * SECOND;
    ingest(old, 10, 1000, 250, 1.0, 100, 90);
    ingest(now - HOUR, 10, 1000, 250, 1.0, 100, 90);
    // the minute snapshot of the host's top processes that a batch with processes leaves
    long hostId = Deployments.count("SELECT id FROM host WHERE name = ?", host);
    try (Connection c = TestDatabase.connect(VigiaTestSession.database());
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO process_snapshot (host_id, ts_ms, pid, start_ticks, name, state)"
                    + " VALUES (?, ?, 1, 1, 'init', 'S')")) {
      s.setLong(1, hostId);
      s.setLong(2, old);
      s.executeUpdate();
    }
    maintain(now, old);
    assertThat(Deployments.samplesOf(host)).isEqualTo(2);

    // Whole minutes go: the sample's minute is purged once its end is 48 h old.
    long minuteEnd = old - 20 * SECOND + MINUTE;
    maintain(minuteEnd + 48 * HOUR - 1, null);
    assertThat(Deployments.samplesOf(host)).isEqualTo(2);
    assertThat(count("process_snapshot")).isEqualTo(1);

    JsonObject r = maintain(minuteEnd + 48 * HOUR, null).getJsonObject("retention");
    assertThat(Deployments.samplesOf(host)).isEqualTo(1);
    assertThat(count("sample_1m")).as("the rollups stay").isEqualTo(2);
    assertThat(count("process_snapshot")).as("process snapshots go with raw samples").isZero();
    assertThat(r.getJsonNumber("processSnapshotsDeleted").longValue()).isPositive();
  }

  @Test
  void purgesMinuteRollupsOnce30DaysOldAndKeepsHours() throws SQLException {
    long now = System.currentTimeMillis();
    long old = Math.floorDiv(now - 47 * HOUR, HOUR) * HOUR + 20 * SECOND;
    ingest(old, 10, 1000, 250, 1.0, 100, 90);
    maintain(now, old);
    assertThat(count("sample_1m")).isEqualTo(1);
    assertThat(count("sample_1h")).isEqualTo(1);

    // Whole hours go: the minute's hour is purged once its end is 30 days old.
    long hourEnd = old - 20 * SECOND + HOUR;
    maintain(hourEnd + 30 * DAY - 1, null);
    assertThat(count("sample_1m")).isEqualTo(1);

    maintain(hourEnd + 30 * DAY, null);
    assertThat(count("sample_1m")).isZero();
    assertThat(count("sample_1h")).isEqualTo(1);
    assertThat(Deployments.samplesOf(host)).isZero();
  }

  @Test
  void purgesEventsAndClosedAlertsOnce400DaysOldAndKeepsOpenAlerts() throws SQLException {
    // Rows a year and more old cannot come through the API (it stamps them now), so they are
    // written directly; only their age matters. Negative ids never meet the generated ones.
    long hostId = Deployments.count("SELECT id FROM host WHERE name = ?", host);
    HttpResponse<String> rule =
        admin.post(
            "api/v1/alert-rules",
            null,
            "{\"name\":\"old "
                + host
                + "\",\"metric\":\"host_offline\",\"host\":\""
                + host
                + "\",\"enabled\":false}");
    assertThat(rule.statusCode()).as(rule.body()).isEqualTo(201);
    long ruleId = MonitorApi.parse(rule.body()).asJsonObject().getJsonNumber("id").longValue();
    long old = System.currentTimeMillis() - 30 * DAY;
    long id = -Math.abs(UUID.randomUUID().getMostSignificantBits() >> 16);
    try (Connection c = TestDatabase.connect(VigiaTestSession.database())) {
      insertEvent(c, id, hostId, old);
      insertEvent(c, id - 1, hostId, old + SECOND);
      insertAlert(c, id, ruleId, hostId, old - HOUR, old); // cleared at old
      insertAlert(c, id - 1, ruleId, hostId, old - HOUR, old + SECOND);
      insertAlert(c, id - 2, ruleId, hostId, old - HOUR, null); // still open
    }

    // Exactly 400 days after the first event and the first alert's clearing: both kept.
    JsonObject r = maintain(old + 400 * DAY, null).getJsonObject("retention");
    assertThat(r.getJsonNumber("eventCutoffMs").longValue()).isEqualTo(old);
    assertThat(count("event")).isEqualTo(2);
    assertThat(count("alert")).isEqualTo(3);

    r = maintain(old + 400 * DAY + SECOND, null).getJsonObject("retention");
    assertThat(r.getJsonNumber("eventsDeleted").longValue()).isEqualTo(1);
    assertThat(r.getJsonNumber("alertsDeleted").longValue()).isEqualTo(1);
    assertThat(count("event")).isEqualTo(1);
    assertThat(count("alert")).isEqualTo(2);

    maintain(old + 401 * DAY, null);
    assertThat(count("event")).isZero();
    assertThat(
            Deployments.count(
                "SELECT COUNT(*) FROM alert WHERE host_id = ? AND cleared_ms IS NULL", hostId))
        .as("an open alert stays, however old")
        .isEqualTo(1);
    assertThat(count("alert")).isEqualTo(1);
  }

  private static void insertEvent(Connection c, long id, long hostId, long ts) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO event (id, ts_ms, host_id, kind, severity, actor, message)"
                + " VALUES (?, ?, ?, 'host_online', 'info', 'system', 'old news')")) {
      s.setLong(1, id);
      s.setLong(2, ts);
      s.setLong(3, hostId);
      s.executeUpdate();
    }
  }

  private static void insertAlert(
      Connection c, long id, long ruleId, long hostId, long raised, Long cleared)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO alert (id, rule_id, host_id, raised_ms, cleared_ms, open_marker)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      s.setLong(1, id);
      s.setLong(2, ruleId);
      s.setLong(3, hostId);
      s.setLong(4, raised);
      s.setObject(5, cleared);
      s.setObject(6, cleared == null ? (Object) 1 : null);
      s.executeUpdate();
    }
  }

  // --- series --------------------------------------------------------------------------------

  /** Two hours of samples every 30 s; CPU % is the sample's index modulo 50. */
  private List<long[]> twoHoursOfSamples() {
    List<long[]> samples = new ArrayList<>();
    for (int k = 0; k < 240; k++) {
      long ts = base + k * 30 * SECOND;
      ingest(ts, k % 50, 1000, 500, 1.0, 0, 0);
      samples.add(new long[] {ts, k % 50});
    }
    maintain(System.currentTimeMillis(), base);
    return samples;
  }

  @Test
  void answersSeriesFromTheLevelTheRangeNeeds() {
    List<long[]> samples = twoHoursOfSamples();

    // 10 minutes in 20 points: 30 s each, finer than a minute, so raw samples.
    JsonObject raw =
        series("metric=cpu&from=" + base + "&to=" + (base + 10 * MINUTE) + "&points=20");
    assertThat(raw.getString("resolution")).isEqualTo("raw");
    assertThat(raw.getString("step")).isEqualTo("PT30S");
    assertPoints(raw, samples, 30 * SECOND, 20);

    // 2 hours in 60 points: 2 minutes each, from 1-minute rollups.
    JsonObject minutes =
        series("metric=cpu&from=" + iso(base) + "&to=" + iso(base + 2 * HOUR) + "&points=60");
    assertThat(minutes.getString("resolution")).isEqualTo("1m");
    assertThat(minutes.getString("step")).isEqualTo("PT2M");
    assertPoints(minutes, samples, 2 * MINUTE, 60);

    // 2 hours in 2 points: an hour each, from 1-hour rollups.
    JsonObject hours = series("metric=cpu&from=" + base + "&to=" + (base + 2 * HOUR) + "&points=2");
    assertThat(hours.getString("resolution")).isEqualTo("1h");
    assertPoints(hours, samples, HOUR, 2);

    // An uneven range still gives no more points than asked for.
    JsonObject uneven =
        series("metric=cpu&from=" + (base + 7 * SECOND) + "&to=" + (base + 2 * HOUR) + "&points=7");
    assertThat(uneven.getJsonArray("points").size()).isLessThanOrEqualTo(7);
    assertThat(
            series("metric=ram&from=" + base + "&to=" + (base + 2 * HOUR) + "&points=2")
                .getJsonArray("points")
                .getJsonObject(0)
                .getJsonNumber("avg")
                .doubleValue())
        .isCloseTo(50.0, within(1e-9));
  }

  @Test
  void answersTheMinutesNotRolledUpYetFromRawSamples() {
    ingest(base + 5 * SECOND, 10, 1000, 250, 1.0, 100, 90);
    long now = System.currentTimeMillis();
    maintain(now, base);
    ingest(now - 2 * SECOND, 42, 1000, 250, 1.0, 100, 90); // in a minute not over yet

    // A day is read from 1-minute rollups, and the minute not rolled up yet from raw samples.
    JsonObject day = series("metric=cpu&from=" + (now - DAY) + "&to=" + now);
    assertThat(day.getString("resolution")).isEqualTo("1m");
    JsonArray sources = day.getJsonArray("sources");
    assertThat(sources.getJsonObject(0).getString("resolution")).isEqualTo("1m");
    assertThat(sources.getJsonObject(sources.size() - 1).getString("resolution")).isEqualTo("raw");
    JsonArray points = day.getJsonArray("points");
    assertThat(points.getJsonObject(0).getJsonNumber("avg").doubleValue()).isEqualTo(10.0);
    JsonObject last = points.getJsonObject(points.size() - 1);
    assertThat(last.getJsonNumber("avg").doubleValue()).isEqualTo(42.0);
    assertThat(Instant.parse(last.getString("t")).toEpochMilli()).isGreaterThan(now - 10 * MINUTE);

    // One point over everything: 1-hour rollups, minutes and raw samples merged, the average
    // weighted by the samples behind each.
    JsonObject one = series("metric=cpu&from=" + base + "&to=" + now + "&points=1");
    assertThat(one.getString("resolution")).isEqualTo("1h");
    assertThat(one.getJsonArray("points")).hasSize(1);
    JsonObject all = one.getJsonArray("points").getJsonObject(0);
    assertThat(all.getJsonNumber("min").doubleValue()).isEqualTo(10.0);
    assertThat(all.getJsonNumber("avg").doubleValue()).isCloseTo(26.0, within(1e-9));
    assertThat(all.getJsonNumber("max").doubleValue()).isEqualTo(42.0);
  }

  @Test
  void readsRollupsWhereRawSamplesAreNoLongerKept() {
    long now = System.currentTimeMillis();
    JsonObject s = series("metric=load1&from=" + (now - 3 * DAY) + "&to=" + now + "&points=10000");
    assertThat(s.getString("resolution")).isEqualTo("1m");
    JsonObject older =
        series("metric=load1&from=" + (now - 40 * DAY) + "&to=" + now + "&points=10000");
    assertThat(older.getString("resolution")).isEqualTo("1h");
  }

  @Test
  void exportsSeriesAsCsv() {
    twoHoursOfSamples();
    String query =
        "api/v1/hosts/"
            + host
            + "/series?metric=cpu&from="
            + base
            + "&to="
            + (base + 2 * HOUR)
            + "&points=4";

    HttpResponse<String> byAccept = admin.send(withBasicAdmin(query).header("Accept", "text/csv"));
    HttpResponse<String> byParam = admin.get(query + "&format=csv");

    assertThat(byAccept.statusCode()).isEqualTo(200);
    assertThat(byAccept.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
    String[] lines = byAccept.body().split("\n");
    assertThat(lines[0]).isEqualTo("t,min,avg,max");
    assertThat(lines).hasSize(5);
    assertThat(lines[1]).startsWith(Instant.ofEpochMilli(base) + ",0.0,");
    assertThat(byParam.body()).isEqualTo(byAccept.body());
  }

  @Test
  void refusesBadSeriesRequests() {
    String path = "api/v1/hosts/" + host + "/series?";
    assertThat(admin.get(path + "metric=disk").statusCode()).isEqualTo(400);
    assertThat(admin.get(path).statusCode()).isEqualTo(400);
    assertThat(admin.get(path + "metric=cpu&from=yesterday").statusCode()).isEqualTo(400);
    assertThat(admin.get(path + "metric=cpu&from=2000&to=1000").statusCode()).isEqualTo(400);
    assertThat(admin.get(path + "metric=cpu&points=0").statusCode()).isEqualTo(400);
    assertThat(admin.get(path + "metric=cpu&points=10001").statusCode()).isEqualTo(400);
    HttpResponse<String> bad = admin.get(path + "metric=cpu&format=xml");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    assertThat(admin.post("api/v1/history/maintenance?now=soon", null, "").statusCode())
        .isEqualTo(400);
  }

  @Test
  void answers404ForAnUnknownHost() {
    HttpResponse<String> r = admin.get("api/v1/hosts/no-such-host/series?metric=cpu");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("no-such-host");
  }

  @Test
  void letsViewersReadSeriesAndOnlyAdminsRunMaintenance() {
    String viewerName = "hist-viewer-" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> created =
        admin.post(
            "api/v1/users",
            null,
            "{\"username\":\""
                + viewerName
                + "\",\"password\":\""
                + PASSWORD
                + "\",\"role\":\"viewer\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    MonitorApi viewer = anonymous.as(viewerName, PASSWORD);
    String series = "api/v1/hosts/" + host + "/series?metric=cpu";

    assertThat(anonymous.get(series).statusCode()).isEqualTo(401);
    assertThat(viewer.get(series).statusCode()).isEqualTo(200);
    assertThat(anonymous.post("api/v1/history/maintenance", null, "").statusCode()).isEqualTo(401);
    assertThat(viewer.post("api/v1/history/maintenance", null, "").statusCode()).isEqualTo(403);
    assertThat(admin.post("api/v1/history/maintenance", null, "").statusCode()).isEqualTo(200);
  }

  // --- helpers -------------------------------------------------------------------------------

  private void ingest(
      long ts,
      double cpu,
      long memTotal,
      long memAvailable,
      double load1,
      long swapTotal,
      long swapFree) {
    Batch b =
        Batch.ofHost(
            agentId,
            host,
            ts,
            ts,
            "proc",
            Cpu.total(cpu, 4),
            new Memory(memTotal, 0L, memAvailable, 0L, 0L, swapTotal, swapFree),
            new Load(load1, 0.0, 0.0));
    HttpResponse<String> r = admin.ingest(token, b);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  private JsonObject maintain(long now, Long since) {
    HttpResponse<String> r =
        admin.post(
            "api/v1/history/maintenance?now=" + now + (since == null ? "" : "&since=" + since),
            null,
            "");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return MonitorApi.parse(r.body()).asJsonObject();
  }

  private JsonObject series(String query) {
    HttpResponse<String> r = admin.get("api/v1/hosts/" + host + "/series?" + query);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return MonitorApi.parse(r.body()).asJsonObject();
  }

  private HttpRequest.Builder withBasicAdmin(String path) {
    return HttpRequest.newBuilder(admin.base().resolve(path))
        .GET()
        .header(
            "Authorization",
            "Basic "
                + java.util.Base64.getEncoder()
                    .encodeToString(
                        ("admin:" + VigiaTestSession.adminPassword())
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /** Each point matches min/avg/max of the samples in its bucket, computed here. */
  private void assertPoints(JsonObject series, List<long[]> samples, long step, int maxPoints) {
    JsonArray points = series.getJsonArray("points");
    assertThat(points.size()).isPositive().isLessThanOrEqualTo(maxPoints);
    for (int i = 0; i < points.size(); i++) {
      JsonObject p = points.getJsonObject(i);
      long t = Instant.parse(p.getString("t")).toEpochMilli();
      DoubleSummaryStatistics expected = new DoubleSummaryStatistics();
      samples.stream()
          .filter(s -> s[0] >= t && s[0] < t + step)
          .forEach(s -> expected.accept(s[1]));
      assertThat(expected.getCount()).as("samples behind point %s", p).isPositive();
      assertThat(p.getJsonNumber("min").doubleValue())
          .as("min of %s", p)
          .isEqualTo(expected.getMin());
      assertThat(p.getJsonNumber("avg").doubleValue())
          .as("avg of %s", p)
          .isCloseTo(expected.getAverage(), within(1e-9));
      assertThat(p.getJsonNumber("max").doubleValue())
          .as("max of %s", p)
          .isEqualTo(expected.getMax());
    }
  }

  private static String iso(long ms) {
    return Instant.ofEpochMilli(ms).toString();
  }

  private long count(String table) throws SQLException {
    return Deployments.count(
        "SELECT COUNT(*) FROM " + table + " r JOIN host h ON h.id = r.host_id WHERE h.name = ?",
        host);
  }

  /** One rollup row: n, then [min, avg, max] of each metric. */
  private record Rollup(
      long n,
      Double[] cpu,
      Double[] ram,
      Double[] load1,
      Double[] memAvailable,
      Double[] swapUsed) {}

  private Rollup rollup(String table, long bucket) throws SQLException {
    String sql =
        "SELECT n, cpu_pct_min, cpu_pct_avg, cpu_pct_max, ram_used_pct_min, ram_used_pct_avg,"
            + " ram_used_pct_max, load1_min, load1_avg, load1_max, mem_available_kb_min,"
            + " mem_available_kb_avg, mem_available_kb_max, swap_used_kb_min, swap_used_kb_avg,"
            + " swap_used_kb_max FROM "
            + table
            + " r JOIN host h ON h.id = r.host_id WHERE h.name = ? AND r.bucket_ms = ?";
    try (Connection c = TestDatabase.connect(VigiaTestSession.database());
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, host);
      s.setLong(2, bucket);
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).as("a %s row at %s", table, Instant.ofEpochMilli(bucket)).isTrue();
        Double[][] m = new Double[5][3];
        for (int i = 0; i < 15; i++) {
          double v = rs.getDouble(i + 2);
          m[i / 3][i % 3] = rs.wasNull() ? null : v;
        }
        return new Rollup(rs.getLong(1), m[0], m[1], m[2], m[3], m[4]);
      }
    }
  }
}
