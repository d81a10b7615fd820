package io.vigia.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.testsupport.MonitorApi;
import io.vigia.testsupport.VigiaTestSession;
import io.vigia.wire.Batch;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /api/v1/ingest} and {@code GET /api/v1/hosts} on Payara Micro with MariaDB. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class IngestIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.builtWar();
  }

  @ArquillianResource private URL url;

  private MonitorApi api;
  private String agentId;
  private String host;
  private String token;

  @BeforeEach
  void enrollFreshHost() {
    api = new MonitorApi(Deployments.loopback(url)).as("admin", VigiaTestSession.adminPassword());
    agentId = UUID.randomUUID().toString();
    host = "it-" + agentId.substring(0, 8);
    token = api.enroll(VigiaTestSession.fleetKey(), agentId, host);
  }

  @Test
  void storesGoodBatchAndListsHostOnline() throws Exception {
    HttpResponse<String> r = api.ingest(token, MonitorApi.batch(agentId, host, 1, 42.5));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(MonitorApi.parse(r.body()).asJsonObject().getBoolean("stored")).isTrue();
    assertThat(Deployments.samplesOf(host)).isEqualTo(1);
    JsonObject listed = api.host(host).orElseThrow();
    assertThat(listed.getBoolean("online")).isTrue();
    assertThat(listed.getJsonNumber("cpuPct").doubleValue()).isEqualTo(42.5);
    // total 8,000,000 kB, available 6,000,000 kB -> 25 % used
    assertThat(listed.getJsonNumber("ramUsedPct").doubleValue()).isEqualTo(25.0);
    Instant lastSeen = Instant.parse(listed.getString("lastSeen"));
    assertThat(lastSeen).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(5));
  }

  @Test
  void storesDuplicateBatchOnce() throws Exception {
    Batch batch = MonitorApi.batch(agentId, host, 7, 10);

    HttpResponse<String> first = api.ingest(token, batch);
    HttpResponse<String> again = api.ingest(token, batch);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(MonitorApi.parse(again.body()).asJsonObject().getBoolean("stored")).isFalse();
    assertThat(Deployments.samplesOf(host)).isEqualTo(1);
  }

  @Test
  void keepsLatestValuesWhenAnOlderBatchArrivesLate() throws Exception {
    api.ingest(token, MonitorApi.batch(agentId, host, 20, 80));
    api.ingest(token, MonitorApi.batch(agentId, host, 19, 5));

    assertThat(Deployments.samplesOf(host)).isEqualTo(2);
    assertThat(api.host(host).orElseThrow().getJsonNumber("cpuPct").doubleValue()).isEqualTo(80);
  }

  @Test
  void storesConcurrentPushesOfManyHostsExactlyOnce() throws Exception {
    // Pushes of several hosts at once end up in shared group commits; every batch is sent twice
    // from different threads, in a shuffled order, so duplicates meet in one group and across
    // groups. Each batch must be stored once and reported stored exactly once.
    int hosts = 6;
    int seqs = 20;
    String[] ids = new String[hosts];
    String[] names = new String[hosts];
    String[] tokens = new String[hosts];
    for (int h = 0; h < hosts; h++) {
      ids[h] = UUID.randomUUID().toString();
      names[h] = "it-many-" + ids[h].substring(0, 8);
      tokens[h] = api.enroll(VigiaTestSession.fleetKey(), ids[h], names[h]);
    }
    List<int[]> pushes = new ArrayList<>();
    for (int h = 0; h < hosts; h++) {
      for (int seq = 1; seq <= seqs; seq++) {
        pushes.add(new int[] {h, seq});
        pushes.add(new int[] {h, seq});
      }
    }
    Collections.shuffle(pushes, new Random(42));
    ExecutorService pool = Executors.newFixedThreadPool(16);
    Map<String, Integer> storedTimes = new ConcurrentHashMap<>();
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int[] p : pushes) {
        answers.add(
            pool.submit(
                () -> {
                  HttpResponse<String> r =
                      api.ingest(
                          tokens[p[0]], MonitorApi.batch(ids[p[0]], names[p[0]], p[1], p[1]));
                  if (r.statusCode() == 200
                      && MonitorApi.parse(r.body()).asJsonObject().getBoolean("stored")) {
                    storedTimes.merge(p[0] + "/" + p[1], 1, Integer::sum);
                  }
                  return r.statusCode();
                }));
      }
      for (Future<Integer> a : answers) {
        assertThat(a.get(60, TimeUnit.SECONDS)).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(storedTimes)
        .hasSize(hosts * seqs)
        .allSatisfy((key, times) -> assertThat(times).isOne());
    for (int h = 0; h < hosts; h++) {
      assertThat(Deployments.samplesOf(names[h])).isEqualTo(seqs);
      // The newest batch (seq 20, cpu 20 %) wins whatever order the pushes landed in.
      assertThat(api.host(names[h]).orElseThrow().getJsonNumber("cpuPct").doubleValue())
          .isEqualTo(seqs);
    }
  }

  @Test
  void writesTheHostRowBehindThePushes() throws Exception {
    // Pushes do not write host rows; a background thread does, every second. Other nodes of a
    // cluster (and the fleet page after a restart) read them, so they must arrive.
    long before = System.currentTimeMillis();
    api.ingest(token, MonitorApi.batch(agentId, host, 3, 61.5));
    api.ingest(token, MonitorApi.batch(agentId, host, 2, 7)); // older: must not win

    long deadline = System.currentTimeMillis() + 15_000;
    while (Deployments.count(
                "SELECT COUNT(*) FROM host WHERE name = ? AND last_seq = 3 AND cpu_pct = 61.5"
                    + " AND last_seen_ms >= ?",
                host,
                before)
            == 0
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    assertThat(
            Deployments.count(
                "SELECT COUNT(*) FROM host WHERE name = ? AND last_seq = 3 AND cpu_pct = 61.5"
                    + " AND last_seen_ms >= ?",
                host,
                before))
        .isOne();
  }

  @Test
  void rejectsMalformedJsonWithProblemDetail() throws Exception {
    HttpResponse<String> r = api.post("api/v1/ingest", token, "{\"agentId\": \"" + agentId + "\",");

    assertProblem(r, 400);
    assertThat(Deployments.samplesOf(host)).isZero();
  }

  @Test
  void rejectsWrongTypes() throws Exception {
    String json =
        MonitorApi.json(MonitorApi.batch(agentId, host, 3, 10))
            .replaceFirst("\"seq\":3", "\"seq\":\"three\"");
    assertThat(json).contains("\"seq\":\"three\"");

    assertProblem(api.post("api/v1/ingest", token, json), 400);
    assertThat(Deployments.samplesOf(host)).isZero();
  }

  @Test
  void rejectsMissingAndOutOfRangeFieldsListingEach() throws Exception {
    String json =
        "{\"agentId\":\""
            + agentId
            + "\",\"host\":\""
            + host
            + "\",\"ts\":1,"
            + "\"cpu\":{\"pct\":250}}";

    HttpResponse<String> r = api.post("api/v1/ingest", token, json);

    JsonObject problem = assertProblem(r, 400);
    assertThat(problem.getJsonArray("errors").toString()).contains("seq").contains("cpu.pct");
    assertThat(Deployments.samplesOf(host)).isZero();
  }

  @Test
  void rejectsBatchWithoutToken() throws Exception {
    HttpResponse<String> r =
        api.post("api/v1/ingest", null, MonitorApi.json(MonitorApi.batch(agentId, host, 1, 1)));

    assertProblem(r, 401);
    assertThat(r.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(Deployments.samplesOf(host)).isZero();
  }

  @Test
  void rejectsBatchWithWrongToken() throws Exception {
    HttpResponse<String> r = api.ingest("not-" + token, MonitorApi.batch(agentId, host, 1, 1));

    assertProblem(r, 401);
    assertThat(Deployments.samplesOf(host)).isZero();
  }

  @Test
  void refusesToWriteAnotherHostsData() throws Exception {
    String otherAgent = UUID.randomUUID().toString();
    String otherHost = "it-" + otherAgent.substring(0, 8);
    api.enroll(VigiaTestSession.fleetKey(), otherAgent, otherHost);

    HttpResponse<String> r = api.ingest(token, MonitorApi.batch(otherAgent, otherHost, 1, 1));

    assertProblem(r, 403);
    assertThat(Deployments.samplesOf(otherHost)).isZero();
  }

  @Test
  void rejectsBodyOverOneMebibyte() throws Exception {
    String padding = "x".repeat(1024 * 1024);
    String json =
        MonitorApi.json(MonitorApi.batch(agentId, host, 1, 1))
            .replaceFirst("\\{", "{\"padding\":\"" + padding + "\",");

    assertProblem(api.post("api/v1/ingest", token, json), 413);
    assertThat(Deployments.samplesOf(host)).isZero();
  }

  @Test
  void rejectsTimestampsFarInTheFuture() throws Exception {
    Batch b = MonitorApi.batch(agentId, host, 1, 1);
    Batch future =
        Batch.ofHost(
            b.agentId(),
            b.host(),
            b.seq(),
            b.ts() + 86_400_000L,
            "proc",
            b.cpu(),
            b.memory(),
            b.load());

    assertProblem(api.ingest(token, future), 400);
    assertThat(Deployments.samplesOf(host)).isZero();
  }

  @Test
  void rejectsTimestampsOlderThanRawHistoryKeeps() throws Exception {
    Batch b = MonitorApi.batch(agentId, host, 1, 1);
    Batch ancient =
        Batch.ofHost(
            b.agentId(),
            b.host(),
            b.seq(),
            b.ts() - 3 * 86_400_000L,
            "proc",
            b.cpu(),
            b.memory(),
            b.load());

    assertProblem(api.ingest(token, ancient), 400);
    assertThat(Deployments.samplesOf(host)).isZero();
  }

  @Test
  void countsBatchesInPrometheusMetrics() {
    api.ingest(token, MonitorApi.batch(agentId, host, 1, 1));

    HttpResponse<String> r = api.get("api/v1/metrics");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("vigia_ingest_batches_total")
        .contains("vigia_ingest_latency_seconds_bucket")
        .contains("vigia_sample_rows_written_total");
  }

  @Test
  void refusesEnrolmentWithWrongFleetKey() throws Exception {
    HttpResponse<String> r =
        api.post("api/v1/enroll", "wrong-key", "{\"agentId\":\"a1\",\"host\":\"intruder\"}");

    assertProblem(r, 401);
    assertThat(Deployments.count("SELECT COUNT(*) FROM host WHERE name = 'intruder'")).isZero();
  }

  @Test
  void reportsReadyWhenTheDatabaseAnswers() {
    HttpResponse<String> r = api.get("health/ready");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"database\"").contains("\"UP\"");
  }

  private static JsonObject assertProblem(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    JsonObject problem = MonitorApi.parse(r.body()).asJsonObject();
    assertThat(problem.getInt("status")).isEqualTo(status);
    assertThat(problem.getString("title")).isNotBlank();
    assertThat(problem.getString("detail")).isNotBlank();
    return problem;
  }
}
