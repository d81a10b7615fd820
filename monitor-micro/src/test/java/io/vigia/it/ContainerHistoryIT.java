package io.vigia.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigia.testsupport.MonitorApi;
import io.vigia.testsupport.TestDatabase;
import io.vigia.testsupport.VigiaTestSession;
import io.vigia.wire.Batch;
import io.vigia.wire.ContainerInfo;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 * Containers' history beside their host's: every batch's figures stored, rolled up into 1-minute
 * and 1-hour buckets by the same runs, purged at the same ages, queried like a host's series, and
 * ranked over the last day. As in HistoryIT, samples are stamped in the past and rollup and
 * retention run through the maintenance endpoint as of instants the test picks.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ContainerHistoryIT {

  private static final long SECOND = 1_000L;
  private static final long MINUTE = 60 * SECOND;
  private static final long HOUR = 60 * MINUTE;
  private static final long MIB = 1L << 20;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.builtWar();
  }

  @ArquillianResource private URL url;
  private MonitorApi admin;
  private String agentId;
  private String host;
  private String token;
  private String web;
  private String db;
  private String gone;

  /** Three hours ago, on the hour: every bucket from here on is closed well before now. */
  private long base;

  @BeforeEach
  void enrollHost() {
    admin = new MonitorApi(Deployments.loopback(url)).as("admin", VigiaTestSession.adminPassword());
    agentId = UUID.randomUUID().toString();
    host = "chist-" + agentId.substring(0, 8);
    token = admin.enroll(VigiaTestSession.fleetKey(), agentId, host);
    base = Math.floorDiv(System.currentTimeMillis(), HOUR) * HOUR - 3 * HOUR;
    String tag = agentId.replace("-", "");
    web = ("a" + tag + tag).substring(0, 64);
    db = ("b" + tag + tag).substring(0, 64);
    gone = ("c" + tag + tag).substring(0, 64);
  }

  private static ContainerInfo container(String id, String name, double cpu, long memMib) {
    return ContainerInfo.basic(id, name, "vigia-it:1", "running", cpu, memMib * MIB, 1024 * MIB);
  }

  private void ingest(long ts, ContainerInfo... containers) {
    Batch b =
        MonitorApi.withContainers(MonitorApi.batch(agentId, host, ts, 5), ts, List.of(containers));
    HttpResponse<String> r = admin.ingest(token, b);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  /**
   * Minute 0: web at 10/20/60 % and 100/200/300 MiB, db at 1 % twice, a third container once;
   * minute 1: web at 40 %, 400 MiB; the next hour: web at 0 %, db at 3 %.
   */
  private void seed() {
    ingest(
        base + 5 * SECOND,
        container(web, "web-" + host, 10, 100),
        container(db, "db-" + host, 1, 500),
        container(gone, "gone-" + host, 90, 50));
    ingest(base + 25 * SECOND, container(web, "web-" + host, 20, 200));
    ingest(
        base + 45 * SECOND,
        container(web, "web-" + host, 60, 300),
        container(db, "db-" + host, 1, 500));
    ingest(base + MINUTE + 5 * SECOND, container(web, "web-" + host, 40, 400));
    ingest(
        base + HOUR + 30 * SECOND,
        container(web, "web-" + host, 0, 100),
        container(db, "db-" + host, 3, 600));
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

  /** n, then cpu min/avg/max, then memory used min/avg/max, of one container's rollup row. */
  private double[] rollup(String table, String containerId, long bucket) throws SQLException {
    try (Connection c = TestDatabase.connect(VigiaTestSession.database());
        PreparedStatement s =
            c.prepareStatement(
                "SELECT n, cpu_pct_min, cpu_pct_avg, cpu_pct_max, mem_used_min, mem_used_avg,"
                    + " mem_used_max FROM "
                    + table
                    + " r JOIN host h ON h.id = r.host_id"
                    + " WHERE h.name = ? AND r.container_id = ? AND r.bucket_ms = ?")) {
      s.setString(1, host);
      s.setString(2, containerId);
      s.setLong(3, bucket);
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).as(table + " row of " + containerId + " at " + bucket).isTrue();
        double[] row = new double[7];
        for (int i = 0; i < 7; i++) {
          row[i] = rs.getDouble(i + 1);
        }
        return row;
      }
    }
  }

  private long rows(String table) throws SQLException {
    return Deployments.count(
        "SELECT COUNT(*) FROM " + table + " r JOIN host h ON h.id = r.host_id WHERE h.name = ?",
        host);
  }

  @Test
  void storesEveryBatchsFiguresAndRollsThemUpWithTheHost() throws SQLException {
    seed();

    maintain(System.currentTimeMillis(), base);

    assertThat(rows("container_raw")).isEqualTo(9);
    double[] web0 = rollup("container_1m", web, base);
    assertThat(web0[0]).isEqualTo(3);
    assertThat(web0[1]).isEqualTo(10.0);
    assertThat(web0[2]).isCloseTo(30.0, within(1e-9));
    assertThat(web0[3]).isEqualTo(60.0);
    assertThat(web0[4]).isEqualTo(100.0 * MIB);
    assertThat(web0[5]).isCloseTo(200.0 * MIB, within(1.0));
    assertThat(web0[6]).isEqualTo(300.0 * MIB);
    assertThat(rollup("container_1m", db, base)[0]).isEqualTo(2);
    assertThat(rollup("container_1m", gone, base)[0]).isEqualTo(1);
    // 3 minutes of web, 2 of db, 1 of gone; web and db again in the next hour.
    assertThat(rows("container_1m")).isEqualTo(6);

    double[] webHour = rollup("container_1h", web, base);
    assertThat(webHour[0]).isEqualTo(4);
    assertThat(webHour[2]).isCloseTo((10 + 20 + 60 + 40) / 4.0, within(1e-9));
    assertThat(webHour[3]).isEqualTo(60.0);
    assertThat(webHour[6]).isEqualTo(400.0 * MIB);
    assertThat(rollup("container_1h", db, base + HOUR)[2]).isEqualTo(3.0);
    assertThat(rows("container_1h")).isEqualTo(5);

    maintain(System.currentTimeMillis(), base);
    assertThat(rows("container_1m")).as("rolling up again changes nothing").isEqualTo(6);
    assertThat(rollup("container_1h", web, base)[0]).isEqualTo(4);
  }

  private JsonObject series(String container, String query) {
    HttpResponse<String> r =
        admin.get("api/v1/hosts/" + host + "/containers/" + container + "/series?" + query);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return MonitorApi.parse(r.body()).asJsonObject();
  }

  @Test
  void answersAContainersSeriesLikeAHostsFromTheLevelTheRangeNeeds() {
    seed();
    maintain(System.currentTimeMillis(), base);

    JsonObject raw =
        series(web, "metric=cpu&from=" + base + "&to=" + (base + MINUTE) + "&points=60");
    assertThat(raw.getString("resolution")).isEqualTo("raw");
    assertThat(raw.getString("container")).isEqualTo(web);
    assertThat(raw.getString("host")).isEqualTo(host);
    assertThat(raw.getJsonArray("points")).hasSize(3);

    JsonObject minutes =
        series(web, "metric=cpu&from=" + base + "&to=" + (base + 2 * MINUTE) + "&points=2");
    assertThat(minutes.getString("resolution")).isEqualTo("1m");
    JsonArray points = minutes.getJsonArray("points");
    assertThat(points).hasSize(2);
    JsonObject m0 = points.getJsonObject(0);
    assertThat(m0.getJsonNumber("min").doubleValue()).isEqualTo(10.0);
    assertThat(m0.getJsonNumber("avg").doubleValue()).isCloseTo(30.0, within(1e-9));
    assertThat(m0.getJsonNumber("max").doubleValue()).isEqualTo(60.0);

    // By the name it runs under now, and its memory; hours when the range is wide.
    JsonObject hours =
        series("db-" + host, "metric=mem&from=" + base + "&to=" + (base + 2 * HOUR) + "&points=2");
    assertThat(hours.getString("resolution")).isEqualTo("1h");
    assertThat(hours.getString("container")).isEqualTo(db);
    assertThat(hours.getJsonArray("points"))
        .extracting(p -> p.asJsonObject().getJsonNumber("max").doubleValue())
        .containsExactly(500.0 * MIB, 600.0 * MIB);

    HttpResponse<String> csv =
        admin.get(
            "api/v1/hosts/"
                + host
                + "/containers/"
                + web
                + "/series?metric=cpu&format=csv&from="
                + base
                + "&to="
                + (base + 2 * MINUTE)
                + "&points=2");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.body()).startsWith("t,min,avg,max\n").contains(",10.0,30.0,60.0\n");
  }

  @Test
  void refusesBadContainerSeriesRequests() {
    String path = "api/v1/hosts/" + host + "/containers/" + web + "/series?";

    for (String bad :
        new String[] {"metric=ram", "", "metric=cpu&points=0", "metric=cpu&from=2000&to=1000"}) {
      HttpResponse<String> r = admin.get(path + bad);
      assertThat(r.statusCode()).as(bad + ": " + r.body()).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }
    assertThat(
            admin
                .get("api/v1/hosts/no-such-host/containers/" + web + "/series?metric=cpu")
                .statusCode())
        .isEqualTo(404);
    assertThat(admin.anonymous().get(path + "metric=cpu").statusCode()).isEqualTo(401);
  }

  @Test
  void purgesContainerHistoryAtTheHostsAges() throws SQLException {
    seed();
    maintain(System.currentTimeMillis(), base);
    long snapshots = rows("container_sample");
    assertThat(snapshots).as("the minute snapshots").isPositive();
    long lastMinuteEnd = base + HOUR + MINUTE;

    JsonObject kept = maintain(lastMinuteEnd + 48 * HOUR - 1, null).getJsonObject("retention");
    assertThat(rows("container_raw")).as("the last batch's two").isEqualTo(2);

    JsonObject purged = maintain(lastMinuteEnd + 48 * HOUR, null).getJsonObject("retention");

    assertThat(rows("container_raw")).isZero();
    assertThat(rows("container_sample")).isZero();
    assertThat(rows("container_1m")).as("minutes are kept 30 days").isEqualTo(6);
    assertThat(rows("container_1h")).isEqualTo(5);
    assertThat(
            kept.getJsonNumber("containerRowsDeleted").longValue()
                + purged.getJsonNumber("containerRowsDeleted").longValue())
        .as("this host's; other hosts' old rows may go too")
        .isGreaterThanOrEqualTo(9 + snapshots);
  }

  @Test
  void ranksTheFleetsBusiestContainersOverTheLastDayFromTheRollups() {
    seed();
    maintain(System.currentTimeMillis(), base);

    List<JsonObject> byCpu = top("cpu");
    assertThat(byCpu)
        .extracting(c -> c.getString("id"))
        .containsExactly(gone, web, db); // means 90, 26, 5/3
    JsonObject w = byCpu.get(1);
    assertThat(w.getString("name")).isEqualTo("web-" + host);
    assertThat(w.getString("state")).isEqualTo("running");
    assertThat(w.getJsonNumber("cpuPct").doubleValue()).isCloseTo(130.0 / 5, within(1e-9));
    assertThat(w.getJsonNumber("cpuPctMax").doubleValue()).isEqualTo(60.0);
    assertThat(w.getJsonNumber("samples").longValue()).isEqualTo(5);
    JsonObject g = byCpu.get(0);
    assertThat(g.getString("state")).isEqualTo("gone");
    assertThat(g.getString("name")).as("from its minute snapshot").isEqualTo("gone-" + host);

    assertThat(top("memory")).extracting(c -> c.getString("id")).containsExactly(db, web, gone);
    HttpResponse<String> bad = admin.get("api/v1/containers/top?over=yesterday");
    assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
    assertThat(admin.get("api/v1/containers/top?over=P401D").statusCode()).isEqualTo(400);
  }

  private List<JsonObject> top(String sort) {
    HttpResponse<String> r = admin.get("api/v1/containers/top?over=P1D&limit=1000&sort=" + sort);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return MonitorApi.parse(r.body()).asJsonArray().stream()
        .map(JsonValue::asJsonObject)
        .filter(c -> c.getString("host").equals(host))
        .toList();
  }
}
