package io.vigia.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.vigia.testsupport.MonitorApi;
import io.vigia.testsupport.VigiaTestSession;
import io.vigia.wire.Batch;
import io.vigia.wire.ContainerInfo;
import io.vigia.wire.Cpu;
import io.vigia.wire.Load;
import io.vigia.wire.Memory;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Alert rules and their evaluation, driven through {@code POST /api/v1/alerts/evaluate?now=} with
 * samples stamped explicitly, so no test waits for the 5-second timer. The timer still runs on the
 * real clock; every rule here covers only the test's own host (or is deleted by its test), and
 * every assertion holds whichever of the two evaluated first.
 *
 * <p>Container rules are judged from the batches each evaluation finds as the host's latest, on the
 * batches' clock: the tests push a batch and evaluate, 5 s of batch time apart, as the timer would.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AlertsIT {

  private static final String PASSWORD = "correct horse battery staple";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.builtWar();
  }

  @ArquillianResource private URL url;
  private MonitorApi anonymous;
  private MonitorApi admin;
  private MonitorApi viewer;
  private String viewerName;
  private String agentId;
  private String host;
  private String token;
  private long seq;

  @BeforeEach
  void adminViewerAndAHost() {
    anonymous = new MonitorApi(Deployments.loopback(url));
    admin = anonymous.as("admin", VigiaTestSession.adminPassword());
    viewerName = "viewer-" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> u =
        admin.post(
            "api/v1/users",
            null,
            "{\"username\":\""
                + viewerName
                + "\",\"password\":\""
                + PASSWORD
                + "\",\"role\":\"viewer\"}");
    assertThat(u.statusCode()).as(u.body()).isEqualTo(201);
    viewer = anonymous.as(viewerName, PASSWORD);
    agentId = UUID.randomUUID().toString();
    host = "alert-" + agentId.substring(0, 8);
    token = admin.enroll(VigiaTestSession.fleetKey(), agentId, host);
    seq = 0;
  }

  private void ingestAt(long ts, double cpuPct) {
    Batch b =
        Batch.ofHost(
            agentId,
            host,
            ++seq,
            ts,
            "proc",
            Cpu.total(cpuPct, 4),
            new Memory(8_000_000L, 1_000_000L, 6_000_000L, 100_000L, 2_000_000L, 0L, 0L),
            new Load(0.5, 0.4, 0.3));
    HttpResponse<String> r = admin.ingest(token, b);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  /** CPU samples every 5 s from {@code agoMs} before {@code now} up to {@code now}. */
  private void cpuHistory(long now, long agoMs, double cpuPct) {
    for (long ts = now - agoMs; ts <= now; ts += 5_000) {
      ingestAt(ts, cpuPct);
    }
  }

  private long createRule(String json) {
    HttpResponse<String> r = admin.post("api/v1/alert-rules", null, json);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    assertThat(r.headers().firstValue("Location")).isPresent();
    return MonitorApi.parse(r.body()).asJsonObject().getJsonNumber("id").longValue();
  }

  private String cpuRule(String name) {
    return "{\"name\":\""
        + name
        + "\",\"metric\":\"cpu_pct\",\"operator\":\">\",\"threshold\":90,\"durationS\":60,"
        + "\"host\":\""
        + host
        + "\"}";
  }

  private JsonArray evaluate(long now) {
    HttpResponse<String> r = admin.post("api/v1/alerts/evaluate?now=" + now, null, "");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return MonitorApi.parse(r.body()).asJsonArray();
  }

  private List<JsonObject> activeAlertsOfHost() {
    HttpResponse<String> r = viewer.get("api/v1/alerts?active=true");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return MonitorApi.parse(r.body()).asJsonArray().stream()
        .map(JsonValue::asJsonObject)
        .filter(a -> host.equals(a.getString("host", null)))
        .toList();
  }

  private List<JsonObject> eventsOfHost(String kind) {
    HttpResponse<String> r =
        viewer.get("api/v1/events?host=" + host + (kind == null ? "" : "&kind=" + kind));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return MonitorApi.parse(r.body()).asJsonObject().getJsonArray("items").stream()
        .map(JsonValue::asJsonObject)
        .toList();
  }

  private static List<JsonObject> changesOf(JsonArray changes, String hostName) {
    return changes.stream()
        .map(JsonValue::asJsonObject)
        .filter(c -> c.getString("host").equals(hostName))
        .toList();
  }

  @Test
  void raisesWhenCpuStaysAbove90ForAMinuteAndClearsWhenItDrops() throws Exception {
    long now = System.currentTimeMillis();
    cpuHistory(now, 120_000, 95);
    createRule(cpuRule("cpu hot " + host));

    evaluate(now);
    evaluate(now); // idempotent: a second run at the same time raises nothing more

    List<JsonObject> active = activeAlertsOfHost();
    assertThat(active).hasSize(1);
    assertThat(active.get(0).getString("rule")).isEqualTo("cpu hot " + host);
    assertThat(active.get(0).getString("metric")).isEqualTo("cpu_pct");
    assertThat(active.get(0).getJsonNumber("value").doubleValue()).isEqualTo(95.0);
    assertThat(eventsOfHost("alert_raised"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getString("actor")).isEqualTo("system");
              assertThat(e.getString("message")).contains("cpu hot " + host);
              assertThat(e.getString("detail")).contains("cpu_pct > 90.0 for 60 s");
            });
    assertThat(alertRows()).isEqualTo(1);

    long later = System.currentTimeMillis();
    ingestAt(later, 20);
    evaluate(later);

    assertThat(activeAlertsOfHost()).isEmpty();
    assertThat(eventsOfHost("alert_cleared")).hasSize(1);
    assertThat(alertRows()).isEqualTo(1);
    assertThat(
            Deployments.count(
                "SELECT COUNT(*) FROM alert a JOIN host h ON h.id = a.host_id"
                    + " WHERE h.name = ? AND a.cleared_ms IS NOT NULL",
                host))
        .isEqualTo(1);
  }

  private long alertRows() throws Exception {
    return Deployments.count(
        "SELECT COUNT(*) FROM alert a JOIN host h ON h.id = a.host_id WHERE h.name = ?", host);
  }

  @Test
  void raisesNothingBeforeTheDurationIsReached() {
    long now = System.currentTimeMillis();
    cpuHistory(now, 30_000, 95);
    createRule(cpuRule("cpu hot " + host));

    assertThat(changesOf(evaluate(now), host)).isEmpty();

    assertThat(activeAlertsOfHost()).isEmpty();
    assertThat(eventsOfHost("alert_raised")).isEmpty();
  }

  @Test
  void logsAHostGoingOfflineAndComingBackAndRaisesItsOfflineRule() {
    long seen = System.currentTimeMillis();
    ingestAt(seen, 5);
    createRule(
        "{\"name\":\"gone " + host + "\",\"metric\":\"host_offline\",\"host\":\"" + host + "\"}");
    evaluate(seen + 500);

    List<JsonObject> raised = changesOf(evaluate(seen + 10_000), host);

    assertThat(raised)
        .singleElement()
        .satisfies(c -> assertThat(c.getString("state")).isEqualTo("raised"));
    assertThat(eventsOfHost("host_offline")).isNotEmpty();
    assertThat(eventsOfHost("host_offline").get(0).getString("actor")).isEqualTo("system");

    long back = System.currentTimeMillis();
    ingestAt(back, 5);
    evaluate(back + 500);

    // Events are ordered by the evaluation's time, and this one ran "earlier" than the offline
    // one; the ids tell which was logged last.
    assertThat(maxId(eventsOfHost("host_online")))
        .isGreaterThan(maxId(eventsOfHost("host_offline")));
    assertThat(eventsOfHost("alert_cleared")).isNotEmpty();
    assertThat(activeAlertsOfHost()).isEmpty();
  }

  private static long maxId(List<JsonObject> events) {
    return events.stream().mapToLong(e -> e.getJsonNumber("id").longValue()).max().orElse(-1);
  }

  @Test
  void postsEachChangeToTheRulesWebhook() throws IOException, InterruptedException {
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hook.createContext(
        "/hook",
        exchange -> {
          received.add(
              exchange.getRequestMethod()
                  + " "
                  + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    hook.start();
    try {
      long seen = System.currentTimeMillis();
      ingestAt(seen, 5);
      createRule(
          "{\"name\":\"gone "
              + host
              + "\",\"metric\":\"host_offline\",\"host\":\""
              + host
              + "\",\"webhookUrl\":\"http://127.0.0.1:"
              + hook.getAddress().getPort()
              + "/hook\"}");

      evaluate(seen + 10_000);
      String first = received.poll(20, TimeUnit.SECONDS);
      evaluate(seen + 500);
      String second = received.poll(20, TimeUnit.SECONDS);

      assertThat(first).startsWith("POST ");
      JsonObject raised = MonitorApi.parse(first.substring(5)).asJsonObject();
      assertThat(raised.getString("rule")).isEqualTo("gone " + host);
      assertThat(raised.getString("host")).isEqualTo(host);
      assertThat(raised.getString("state")).isEqualTo("raised");
      assertThat(raised.getJsonNumber("value").doubleValue()).isGreaterThan(5.0);
      assertThat(raised.getString("at")).endsWith("Z");
      assertThat(second).isNotNull();
      assertThat(MonitorApi.parse(second.substring(5)).asJsonObject().getString("state"))
          .isEqualTo("cleared");
    } finally {
      hook.stop(0);
    }
  }

  @Test
  void showsAWebhookUrlWholeToAdminsOnly() {
    String hook = "https://hooks.example.com/services/T0/B0/s3cr3tT0ken?channel=ops";
    HttpResponse<String> created =
        admin.post(
            "api/v1/alert-rules",
            null,
            "{\"name\":\"hooked "
                + host
                + "\",\"metric\":\"host_offline\",\"host\":\""
                + host
                + "\",\"enabled\":false,\"webhookUrl\":\""
                + hook
                + "\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    long id = MonitorApi.parse(created.body()).asJsonObject().getJsonNumber("id").longValue();

    assertThat(admin.get("api/v1/alert-rules/" + id).body()).contains(hook);
    for (String path : new String[] {"api/v1/alert-rules/" + id, "api/v1/alert-rules"}) {
      HttpResponse<String> seen = viewer.get(path);
      assertThat(seen.statusCode()).isEqualTo(200);
      assertThat(seen.body())
          .as("a viewer reads %s", path)
          .contains("https://hooks.example.com/…")
          .doesNotContain("s3cr3tT0ken")
          .doesNotContain("services/T0");
    }
  }

  @Test
  void refusesInvalidRulesListingEachBadField() {
    HttpResponse<String> r =
        admin.post(
            "api/v1/alert-rules",
            null,
            "{\"name\":\"bad\",\"metric\":\"cpu_pct\",\"operator\":\">\",\"threshold\":150,"
                + "\"durationS\":-1,\"webhookUrl\":\"ftp://example.com/x\",\"host\":\"no-such\"}");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
    assertThat(r.body()).contains("threshold", "durationS", "webhookUrl", "host");
    assertThat(admin.post("api/v1/alert-rules", null, "{\"metric\":").statusCode()).isEqualTo(400);
    assertThat(
            admin
                .post("api/v1/alert-rules", null, "{\"name\":\"x\",\"metric\":\"disk\"}")
                .statusCode())
        .isEqualTo(400);
    assertThat(admin.post("api/v1/alerts/evaluate?now=soon", null, "").statusCode()).isEqualTo(400);
    assertThat(viewer.get("api/v1/alerts?active=maybe").statusCode()).isEqualTo(400);
  }

  private HttpResponse<String> call(
      String user, String password, String method, String path, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(admin.base().resolve(path))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (user != null) {
      b.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    return admin.send(b);
  }

  @Test
  void letsViewersReadAndOnlyAdminsChangeRulesOrEvaluate() {
    String rule =
        "{\"name\":\"roles "
            + host
            + "\",\"metric\":\"ram_used_pct\",\"operator\":\">\",\"threshold\":85,"
            + "\"host\":\""
            + host
            + "\",\"enabled\":false}";
    long id = createRule(rule);
    String one = "api/v1/alert-rules/" + id;
    String adminPw = VigiaTestSession.adminPassword();

    for (String[] read :
        new String[][] {
          {"GET", "api/v1/alert-rules"}, {"GET", one}, {"GET", "api/v1/alerts?active=true"}
        }) {
      assertThat(call(null, null, read[0], read[1], null).statusCode()).as(read[1]).isEqualTo(401);
      assertThat(call(viewerName, PASSWORD, read[0], read[1], null).statusCode())
          .as(read[1])
          .isEqualTo(200);
      assertThat(call("admin", adminPw, read[0], read[1], null).statusCode())
          .as(read[1])
          .isEqualTo(200);
    }
    assertThat(call(null, null, "POST", "api/v1/alert-rules", rule).statusCode()).isEqualTo(401);
    assertThat(call(viewerName, PASSWORD, "POST", "api/v1/alert-rules", rule).statusCode())
        .isEqualTo(403);
    assertThat(call(null, null, "PUT", one, rule).statusCode()).isEqualTo(401);
    assertThat(call(viewerName, PASSWORD, "PUT", one, rule).statusCode()).isEqualTo(403);
    assertThat(call(null, null, "DELETE", one, null).statusCode()).isEqualTo(401);
    assertThat(call(viewerName, PASSWORD, "DELETE", one, null).statusCode()).isEqualTo(403);
    assertThat(call(null, null, "POST", "api/v1/alerts/evaluate", "").statusCode()).isEqualTo(401);
    assertThat(call(viewerName, PASSWORD, "POST", "api/v1/alerts/evaluate", "").statusCode())
        .isEqualTo(403);

    HttpResponse<String> changed =
        call("admin", adminPw, "PUT", one, rule.replace("\"threshold\":85", "\"threshold\":80"));
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    JsonObject view = MonitorApi.parse(changed.body()).asJsonObject();
    assertThat(view.getJsonNumber("threshold").doubleValue()).isEqualTo(80.0);
    assertThat(view.getString("host")).isEqualTo(host);
    assertThat(view.getBoolean("enabled")).isFalse();
    assertThat(call("admin", adminPw, "POST", "api/v1/alerts/evaluate", "").statusCode())
        .isEqualTo(200);
    assertThat(call("admin", adminPw, "DELETE", one, null).statusCode()).isEqualTo(204);
    assertThat(call("admin", adminPw, "GET", one, null).statusCode()).isEqualTo(404);
    assertThat(call("admin", adminPw, "DELETE", one, null).statusCode()).isEqualTo(404);
  }

  // --- container memory ----------------------------------------------------------------------

  private static final long MB = 1L << 20;

  /** A running container using {@code usedMb} of {@code limitMb} (null: no limit). */
  private static ContainerInfo container(String id, String name, long usedMb, Long limitMb) {
    return ContainerInfo.basic(
        id, name, "busybox", "running", 1.0, usedMb * MB, limitMb == null ? null : limitMb * MB);
  }

  private void ingestContainersAt(long ts, ContainerInfo... containers) {
    Batch b =
        new Batch(
            agentId,
            host,
            ++seq,
            ts,
            "proc",
            Cpu.total(5.0, 4),
            new Memory(8_000_000L, 1_000_000L, 6_000_000L, 100_000L, 2_000_000L, 0L, 0L),
            new Load(0.5, 0.4, 0.3),
            null,
            List.of(containers),
            null,
            null,
            null);
    HttpResponse<String> r = admin.ingest(token, b);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  /**
   * Pushes a batch at each of {@code from}, {@code from} + 5 s, ... {@code to}, evaluating after
   * each.
   */
  private void containersEvery5s(long from, long to, ContainerInfo... containers) {
    for (long ts = from; ts <= to; ts += 5_000) {
      ingestContainersAt(ts, containers);
      evaluate(ts);
    }
  }

  /** Active alerts of the host by container. */
  private Map<String, JsonObject> activeByContainer() {
    return activeAlertsOfHost().stream()
        .collect(Collectors.toMap(a -> a.getString("container"), a -> a));
  }

  private String containerRule(String name, String extra) {
    return "{\"name\":\""
        + name
        + "\",\"metric\":\"container_mem_pct\",\"operator\":\">\",\"threshold\":90,"
        + "\"durationS\":60"
        + extra
        + "}";
  }

  @Test
  void raisesOneAlertPerContainerNearItsLimitAndClearsEachOnItsOwn() throws Exception {
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hook.createContext(
        "/hook",
        exchange -> {
          received.add(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    hook.start();
    try {
      createRule(
          containerRule(
              "mem " + host,
              ",\"host\":\""
                  + host
                  + "\",\"webhookUrl\":\"http://127.0.0.1:"
                  + hook.getAddress().getPort()
                  + "/hook\""));
      long t0 = System.currentTimeMillis() - 600_000;
      ContainerInfo webHot = container("c-web", "web", 950, 1000L);
      ContainerInfo dbCool = container("c-db", "db", 500, 1000L);
      ContainerInfo unlimited = container("c-free", "free", 50_000, null);

      // 55 s at 95 %: not yet a minute.
      containersEvery5s(t0, t0 + 55_000, webHot, dbCool, unlimited);
      assertThat(activeAlertsOfHost()).isEmpty();

      containersEvery5s(t0 + 60_000, t0 + 60_000, webHot, dbCool, unlimited);
      assertThat(activeByContainer()).containsOnlyKeys("web");
      JsonObject web = activeByContainer().get("web");
      assertThat(web.getString("metric")).isEqualTo("container_mem_pct");
      assertThat(web.getJsonNumber("value").doubleValue()).isEqualTo(95.0);
      assertThat(eventsOfHost("alert_raised"))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.getString("message")).contains("mem " + host, "container web");
                assertThat(e.getString("detail")).contains("container_mem_pct > 90.0 for 60 s");
              });
      JsonObject raised = MonitorApi.parse(received.poll(20, TimeUnit.SECONDS)).asJsonObject();
      assertThat(raised.getString("container")).isEqualTo("web");
      assertThat(raised.getString("state")).isEqualTo("raised");
      assertThat(raised.getString("host")).isEqualTo(host);

      // db climbs to 96 % too: a second alert on the same rule and host, one per container.
      ContainerInfo dbHot = container("c-db", "db", 960, 1000L);
      containersEvery5s(t0 + 65_000, t0 + 125_000, webHot, dbHot, unlimited);
      assertThat(activeByContainer()).containsOnlyKeys("web", "db");
      assertThat(
              Deployments.count(
                  "SELECT COUNT(*) FROM alert a JOIN host h ON h.id = a.host_id"
                      + " WHERE h.name = ? AND a.cleared_ms IS NULL",
                  host))
          .isEqualTo(2);

      // web drops below and db stops: each cleared, with why.
      ContainerInfo dbStopped =
          ContainerInfo.basic("c-db", "db", "busybox", "exited", null, null, 1000 * MB);
      containersEvery5s(
          t0 + 130_000, t0 + 130_000, container("c-web", "web", 400, 1000L), dbStopped, unlimited);
      assertThat(activeAlertsOfHost()).isEmpty();
      List<String> cleared =
          eventsOfHost("alert_cleared").stream().map(e -> e.getString("message")).toList();
      assertThat(cleared).hasSize(2);
      assertThat(cleared).anySatisfy(m -> assertThat(m).contains("container web", "value 40.0"));
      assertThat(cleared)
          .anySatisfy(m -> assertThat(m).contains("container db", "container stopped or gone"));
      List<String> hookStates = new ArrayList<>();
      while (hookStates.size() < 3) {
        String body = received.poll(20, TimeUnit.SECONDS);
        assertThat(body).as("webhook POSTs after %s", hookStates).isNotNull();
        JsonObject o = MonitorApi.parse(body).asJsonObject();
        hookStates.add(o.getString("container") + " " + o.getString("state"));
      }
      assertThat(hookStates).containsExactlyInAnyOrder("db raised", "web cleared", "db cleared");
    } finally {
      hook.stop(0);
    }
  }

  @Test
  void startsCountingAgainAfterAGapInTheReadings() {
    createRule(containerRule("mem gap " + host, ",\"host\":\"" + host + "\""));
    long t0 = System.currentTimeMillis() - 600_000;
    ContainerInfo hot = container("c-web", "web", 950, 1000L);

    containersEvery5s(t0, t0 + 30_000, hot);
    // 20 s without a batch (more than max-sample-gap plus one evaluation period): nobody saw.
    containersEvery5s(t0 + 50_000, t0 + 105_000, hot);
    assertThat(activeAlertsOfHost()).isEmpty();

    containersEvery5s(t0 + 110_000, t0 + 110_000, hot);
    assertThat(activeByContainer()).containsOnlyKeys("web");
  }

  @Test
  void aFleetWideRuleWatchesEveryHostsContainersNamedOrNot() {
    long id =
        createRule(
            "{\"name\":\"fleet mem "
                + host
                + "\",\"metric\":\"container_mem_pct\",\"operator\":\">\",\"threshold\":80,"
                + "\"durationS\":10}");
    try {
      String bare = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
      long t0 = System.currentTimeMillis() - 600_000;

      containersEvery5s(t0, t0 + 10_000, container(bare, null, 850, 1000L));

      List<JsonObject> active = activeAlertsOfHost();
      assertThat(active).singleElement();
      assertThat(active.get(0).getString("container")).isEqualTo("0123456789ab");
      assertThat(active.get(0).getString("rule")).isEqualTo("fleet mem " + host);
    } finally {
      HttpResponse<String> deleted =
          call(
              "admin",
              VigiaTestSession.adminPassword(),
              "DELETE",
              "api/v1/alert-rules/" + id,
              null);
      assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
    }
    assertThat(activeAlertsOfHost()).isEmpty();
  }
}
