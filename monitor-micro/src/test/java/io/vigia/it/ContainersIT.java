package io.vigia.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.testsupport.ContainerEvents;
import io.vigia.testsupport.MonitorApi;
import io.vigia.testsupport.VigiaTestSession;
import io.vigia.wire.Batch;
import io.vigia.wire.CommandResult;
import io.vigia.wire.ContainerEvent;
import io.vigia.wire.ContainerInfo;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * The monitor's half of containers: actions queued by operators and handed over on the host's next
 * push, the prune policy (stored, validated, sent to an agent only when its version differs), the
 * agents' container events in the log, and the fleet's busiest containers.
 *
 * <p>The database is shared with every other test class of the run, so each test works on hosts of
 * its own; the one test that writes the fleet-wide policy removes it again, and selects by a label
 * no real container carries.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ContainersIT {

  private static final String CONTAINER =
      "4f1c0de5a7e9b8c6d2f3a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0";
  private static final String POLICY =
      "{\"dryRun\":false,\"classes\":["
          + "{\"name\":\"high-cpu\",\"label\":\"vigia-it.class=high-cpu\",\"keep\":2,"
          + "\"keepBy\":\"newest\"},"
          + "{\"name\":\"low\",\"image\":\"vigia-it-idle:*\",\"keep\":1,"
          + "\"keepBy\":\"least-memory\"}]}";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.builtWar();
  }

  @ArquillianResource private URL url;
  private MonitorApi admin;
  private String agentId;
  private String host;
  private String token;

  @BeforeEach
  void enrollHost() {
    admin = new MonitorApi(Deployments.loopback(url)).as("admin", VigiaTestSession.adminPassword());
    agentId = UUID.randomUUID().toString();
    host = "ctr-" + agentId.substring(0, 8);
    token = admin.enroll(VigiaTestSession.fleetKey(), agentId, host);
  }

  private JsonObject push(Batch b) {
    HttpResponse<String> r = admin.ingest(token, b);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return MonitorApi.parse(r.body()).asJsonObject();
  }

  /** A batch of this test's host with the given extras (null: none). */
  private Batch batch(
      long seq,
      List<ContainerInfo> containers,
      List<CommandResult> results,
      List<ContainerEvent> events,
      String policyVersion) {
    return MonitorApi.batch(agentId, host, seq, 5, containers, results, events, policyVersion);
  }

  private static void assertProblem(HttpResponse<String> r, int status, String mentions) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(r.body()).contains(mentions);
  }

  private long policyRowsOfThisHost() throws SQLException {
    return Deployments.count(
        "SELECT COUNT(*) FROM container_policy p JOIN host h ON h.id = p.host_id WHERE h.name = ?",
        host);
  }

  // --- actions -----------------------------------------------------------------------------

  @Test
  void deliversAQueuedContainerStopOnTheNextPushAndRecordsItsResult() {
    HttpResponse<String> q =
        admin.post(
            "api/v1/hosts/" + host + "/containers/" + CONTAINER + "/actions",
            null,
            "{\"action\":\"stop\",\"timeoutS\":7,\"reason\":\"too hot\"}");
    assertThat(q.statusCode()).as(q.body()).isEqualTo(202);
    JsonObject queued = MonitorApi.parse(q.body()).asJsonObject();
    long id = queued.getJsonNumber("id").longValue();
    assertThat(queued.getString("type")).isEqualTo("container-stop");
    assertThat(queued.getString("containerId")).isEqualTo(CONTAINER);
    assertThat(queued.getInt("timeoutS")).isEqualTo(7);
    assertThat(queued.getString("state")).isEqualTo("queued");

    JsonArray delivered = push(batch(1, null, null, null, null)).getJsonArray("commands");

    assertThat(delivered).hasSize(1);
    JsonObject stop = delivered.getJsonObject(0);
    assertThat(stop.getJsonNumber("id").longValue()).isEqualTo(id);
    assertThat(stop.getString("type")).isEqualTo("container-stop");
    assertThat(stop.getString("containerId")).isEqualTo(CONTAINER);
    assertThat(stop.getInt("timeoutS")).isEqualTo(7);
    assertThat(push(batch(2, null, null, null, null)).getJsonArray("commands"))
        .as("handed over once")
        .isEmpty();

    push(batch(3, null, List.of(new CommandResult(id, "done", "stopped")), null, null));

    JsonObject done = MonitorApi.parse(admin.get("api/v1/commands/" + id).body()).asJsonObject();
    assertThat(done.getString("state")).isEqualTo("done");
    assertThat(done.getString("detail")).isEqualTo("stopped");
    assertThat(done.getString("requestedBy")).isEqualTo("admin");
    JsonObject event =
        events("command_queued").stream()
            .filter(e -> e.getString("message").contains(CONTAINER))
            .findFirst()
            .orElseThrow();
    assertThat(event.getString("message")).contains("container-stop");
    assertThat(event.getString("detail")).isEqualTo("too hot");
  }

  @Test
  void deliversARefusalOfAnAgentWithActionsDisabledAsRefused() {
    long id =
        MonitorApi.parse(
                admin
                    .post(
                        "api/v1/hosts/" + host + "/containers/web-1/actions",
                        null,
                        "{\"action\":\"remove\"}")
                    .body())
            .asJsonObject()
            .getJsonNumber("id")
            .longValue();
    JsonObject remove =
        push(batch(1, null, null, null, null)).getJsonArray("commands").get(0).asJsonObject();
    assertThat(remove.getString("type")).isEqualTo("container-remove");
    assertThat(remove.getString("containerId")).isEqualTo("web-1");
    assertThat(!remove.containsKey("timeoutS") || remove.isNull("timeoutS")).isTrue();

    push(
        batch(
            2,
            null,
            List.of(new CommandResult(id, "refused", "containers.actions.enabled=false")),
            null,
            null));

    JsonObject c = MonitorApi.parse(admin.get("api/v1/commands/" + id).body()).asJsonObject();
    assertThat(c.getString("state")).isEqualTo("refused");
    assertThat(c.getString("detail")).isEqualTo("containers.actions.enabled=false");
  }

  @Test
  void refusesABadContainerActionAndQueuesNothing() throws SQLException {
    String actions = "api/v1/hosts/" + host + "/containers/" + CONTAINER + "/actions";

    assertProblem(admin.post(actions, null, "{\"action\":\"pause\"}"), 400, "action");
    assertProblem(admin.post(actions, null, "{\"timeoutS\":5}"), 400, "action");
    assertProblem(
        admin.post(actions, null, "{\"action\":\"stop\",\"timeoutS\":-1}"), 400, "timeoutS");
    assertProblem(admin.post(actions, null, "{\"action\":"), 400, "JSON");
    assertProblem(
        admin.post(
            "api/v1/hosts/" + host + "/containers/-rf/actions", null, "{\"action\":\"kill\"}"),
        400,
        "container");
    assertProblem(
        admin.post(
            "api/v1/hosts/no-such-host/containers/" + CONTAINER + "/actions",
            null,
            "{\"action\":\"kill\"}"),
        404,
        "no-such-host");

    assertThat(
            Deployments.count(
                "SELECT COUNT(*) FROM command c JOIN host h ON h.id = c.host_id WHERE h.name = ?",
                host))
        .isZero();
  }

  // --- the policy ----------------------------------------------------------------------------

  @Test
  void storesTheFleetsPolicyShowsItToViewersAndRemovesIt() {
    MonitorApi viewer = newUser("viewer");
    try {
      HttpResponse<String> put = admin.put("api/v1/container-policy", POLICY);
      assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
      JsonObject stored = MonitorApi.parse(put.body()).asJsonObject();
      assertThat(stored.getString("scope")).isEqualTo("fleet");
      assertThat(stored.isNull("host")).isTrue();
      assertThat(stored.getString("updatedBy")).isEqualTo("admin");
      assertThat(stored.getBoolean("dryRun")).isFalse();

      HttpResponse<String> get = viewer.get("api/v1/container-policy");
      assertThat(get.statusCode()).as(get.body()).isEqualTo(200);
      JsonObject read = MonitorApi.parse(get.body()).asJsonObject();
      assertThat(read.getString("version")).isEqualTo(stored.getString("version"));
      JsonArray classes = read.getJsonArray("classes");
      assertThat(classes).hasSize(2);
      JsonObject highCpu = classes.getJsonObject(0);
      assertThat(highCpu.getString("name")).isEqualTo("high-cpu");
      assertThat(highCpu.getString("label")).isEqualTo("vigia-it.class=high-cpu");
      assertThat(highCpu.getInt("keep")).isEqualTo(2);
      assertThat(highCpu.getString("keepBy")).isEqualTo("newest");
      assertThat(classes.getJsonObject(1).getString("image")).isEqualTo("vigia-it-idle:*");
      // A host with no override of its own follows the fleet's.
      HttpResponse<String> ofHost = viewer.get("api/v1/hosts/" + host + "/container-policy");
      assertThat(ofHost.statusCode()).isEqualTo(200);
      assertThat(MonitorApi.parse(ofHost.body()).asJsonObject().getString("scope"))
          .isEqualTo("fleet");

      assertThat(admin.delete("api/v1/container-policy").statusCode()).isEqualTo(204);
      assertProblem(viewer.get("api/v1/container-policy"), 404, "policy");
      assertProblem(admin.delete("api/v1/container-policy"), 404, "policy");
    } finally {
      admin.delete("api/v1/container-policy");
    }
  }

  @Test
  void letsViewersReadThePolicyButOnlyAdminsWriteIt() throws SQLException {
    MonitorApi anonymous = admin.anonymous();
    MonitorApi viewer = newUser("viewer");
    MonitorApi operator = newUser("operator");
    String mine = "api/v1/hosts/" + host + "/container-policy";

    for (MonitorApi notAdmin : new MonitorApi[] {viewer, operator}) {
      assertThat(notAdmin.put(mine, POLICY).statusCode()).isEqualTo(403);
      assertThat(notAdmin.put("api/v1/container-policy", POLICY).statusCode()).isEqualTo(403);
      assertThat(notAdmin.delete("api/v1/container-policy").statusCode()).isEqualTo(403);
    }
    assertThat(anonymous.put(mine, POLICY).statusCode()).isEqualTo(401);
    assertThat(anonymous.get(mine).statusCode()).isEqualTo(401);
    assertThat(policyRowsOfThisHost()).isZero();

    assertThat(admin.put(mine, POLICY).statusCode()).isEqualTo(200);
    for (MonitorApi reader : new MonitorApi[] {viewer, operator, admin}) {
      HttpResponse<String> r = reader.get(mine);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonObject p = MonitorApi.parse(r.body()).asJsonObject();
      assertThat(p.getString("scope")).startsWith("host:");
      assertThat(p.getString("host")).isEqualTo(host);
    }
    assertThat(viewer.delete(mine).statusCode()).isEqualTo(403);
    assertThat(admin.delete(mine).statusCode()).isEqualTo(204);
    assertThat(policyRowsOfThisHost()).isZero();
    assertThat(admin.delete(mine).statusCode()).isEqualTo(404);
  }

  @Test
  void refusesABadPolicyWithAProblemDetailAndStoresNothing() throws SQLException {
    String mine = "api/v1/hosts/" + host + "/container-policy";
    String longName = "x".repeat(65);

    assertProblem(admin.put(mine, "{\"dryRun\":true}"), 400, "classes");
    assertProblem(admin.put(mine, "{\"classes\":[{"), 400, "JSON");
    assertProblem(admin.put(mine, ""), 400, "empty");
    assertProblem(
        admin.put(mine, klass("\"name\":\"a\",\"label\":\"k\",\"keep\":1")), 400, "keepBy");
    assertProblem(
        admin.put(mine, klass("\"name\":\"a\",\"label\":\"k\",\"keep\":1,\"keepBy\":\"oldest\"")),
        400,
        "keepBy");
    assertProblem(
        admin.put(mine, klass("\"name\":\"a\",\"label\":\"k\",\"keep\":-1,\"keepBy\":\"newest\"")),
        400,
        "keep");
    assertProblem(
        admin.put(mine, klass("\"label\":\"k\",\"keep\":1,\"keepBy\":\"newest\"")), 400, "name");
    assertProblem(
        admin.put(
            mine,
            klass(
                "\"name\":\"" + longName + "\",\"label\":\"k\",\"keep\":1,\"keepBy\":\"newest\"")),
        400,
        "name");
    assertProblem(
        admin.put(mine, klass("\"name\":\"a\",\"keep\":1,\"keepBy\":\"newest\"")),
        400,
        "label or image");
    assertProblem(
        admin.put(
            mine,
            "{\"classes\":[{\"name\":\"a\",\"label\":\"k\",\"keep\":1,\"keepBy\":\"newest\"},"
                + "{\"name\":\"a\",\"image\":\"i*\",\"keep\":1,\"keepBy\":\"newest\"}]}"),
        400,
        "twice");
    assertProblem(admin.put(mine, "{\"classes\":[null]}"), 400, "classes");
    assertProblem(admin.put("api/v1/hosts/no-such-host/container-policy", POLICY), 404, "host");

    assertThat(policyRowsOfThisHost()).isZero();
  }

  private static String klass(String fields) {
    return "{\"dryRun\":false,\"classes\":[{" + fields + "}]}";
  }

  /** A running container of this test with labels, creation time, CPU and memory. */
  private static ContainerInfo labelled(
      String name, Map<String, String> labels, String image, long created, double cpu) {
    return new ContainerInfo(
        name + "-0123456789abcdef",
        name,
        image,
        "running",
        cpu,
        (long) (cpu + 1) << 20,
        1L << 30,
        labels,
        0,
        0,
        created,
        created,
        false,
        1.0,
        cpu);
  }

  @Test
  void previewsWhatAPolicyWouldDoToTheContainersAHostReportedAndStoresNothing()
      throws SQLException {
    long now = System.currentTimeMillis();
    var hot = Map.of("vigia-it.class", "high-cpu");
    push(
        batch(
            1,
            List.of(
                labelled("hot-1", hot, "x", now - 3_000, 90),
                labelled("hot-2", hot, "x", now - 2_000, 10),
                labelled("hot-3", hot, "x", now - 1_000, 50),
                labelled("idle-a", Map.of(), "vigia-it-idle:1", now, 4),
                labelled("idle-b", Map.of(), "vigia-it-idle:2", now, 2),
                labelled(
                    "guarded",
                    Map.of("vigia-it.class", "high-cpu", "vigia.protect", "true"),
                    "x",
                    now,
                    99),
                labelled("db", Map.of(), "mysql:8.4", now, 3)),
            null,
            null,
            null));
    MonitorApi viewer = newUser("viewer");
    String preview = "api/v1/hosts/" + host + "/container-policy/preview";

    HttpResponse<String> r = viewer.post(preview, null, POLICY);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonObject answer = MonitorApi.parse(r.body()).asJsonObject();
    assertThat(answer.getString("scope")).startsWith("host:");
    assertThat(answer.getJsonArray("hosts")).hasSize(1);
    JsonObject mine = answer.getJsonArray("hosts").getJsonObject(0);
    assertThat(mine.getString("host")).isEqualTo(host);
    assertThat(mine.getInt("keep")).isEqualTo(3);
    assertThat(mine.getInt("remove")).isEqualTo(2);
    assertThat(mine.getInt("untouched")).isEqualTo(2);
    Map<String, String> fates = new HashMap<>();
    for (JsonValue v : mine.getJsonArray("containers")) {
      fates.put(v.asJsonObject().getString("name"), v.asJsonObject().getString("fate"));
    }
    assertThat(fates)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "hot-3", "keep",
                "hot-2", "keep",
                "hot-1", "remove",
                "idle-b", "keep",
                "idle-a", "remove",
                "guarded", "protected",
                "db", "unselected"));
    JsonObject oldest =
        mine.getJsonArray("containers").stream()
            .map(JsonValue::asJsonObject)
            .filter(c -> c.getString("name").equals("hot-1"))
            .findFirst()
            .orElseThrow();
    assertThat(oldest.getString("className")).isEqualTo("high-cpu");
    assertThat(oldest.getString("rule"))
        .isEqualTo("keep 2 newest of label vigia-it.class=high-cpu");
    assertThat(oldest.getInt("rank")).isEqualTo(3);
    assertThat(oldest.getInt("selected")).isEqualTo(3);
    assertThat(oldest.getJsonNumber("cpuPct").doubleValue()).isEqualTo(90.0);
    assertThat(oldest.getJsonNumber("memUsedBytes").longValue()).isEqualTo(91L << 20);

    assertProblem(
        viewer.post(preview, null, klass("\"name\":\"a\",\"keep\":1,\"keepBy\":\"newest\"")),
        400,
        "label or image");
    assertProblem(
        viewer.post("api/v1/hosts/no-such-host/container-policy/preview", null, POLICY),
        404,
        "host");
    assertThat(policyRowsOfThisHost()).as("a preview stores nothing").isZero();

    // As the fleet's, it applies here until the host has an override of its own.
    JsonObject fleet =
        MonitorApi.parse(viewer.post("api/v1/container-policy/preview", null, POLICY).body())
            .asJsonObject();
    assertThat(fleet.getString("scope")).isEqualTo("fleet");
    assertThat(fleet.getJsonArray("hosts").stream().map(h -> h.asJsonObject().getString("host")))
        .contains(host);
    assertThat(admin.put("api/v1/hosts/" + host + "/container-policy", POLICY).statusCode())
        .isEqualTo(200);
    fleet =
        MonitorApi.parse(viewer.post("api/v1/container-policy/preview", null, POLICY).body())
            .asJsonObject();
    assertThat(fleet.getJsonArray("hosts").stream().map(h -> h.asJsonObject().getString("host")))
        .doesNotContain(host);
    assertThat(fleet.getJsonArray("overridden").getValuesAs(JsonString::getString)).contains(host);
    assertThat(admin.delete("api/v1/hosts/" + host + "/container-policy").statusCode())
        .isEqualTo(204);
  }

  @Test
  void sendsThePolicyToAnAgentOnlyWhenItsVersionDiffers() {
    String mine = "api/v1/hosts/" + host + "/container-policy";
    JsonObject stored = MonitorApi.parse(admin.put(mine, POLICY).body()).asJsonObject();
    String v1 = stored.getString("version");

    JsonObject first = push(batch(1, null, null, null, null)).getJsonObject("policy");
    assertThat(first).as("an agent holding no policy gets it").isNotNull();
    assertThat(first.getString("version")).isEqualTo(v1);
    assertThat(first.getBoolean("dryRun")).isFalse();
    assertThat(first.getJsonArray("classes")).hasSize(2);
    assertThat(first.getJsonArray("classes").getJsonObject(1).getString("keepBy"))
        .isEqualTo("least-memory");
    JsonObject again = push(batch(2, null, null, null, v1));
    assertThat(!again.containsKey("policy") || again.isNull("policy"))
        .as("an agent holding it gets nothing: " + again)
        .isTrue();

    String dryRun = POLICY.replace("\"dryRun\":false", "\"dryRun\":true");
    String v2 =
        MonitorApi.parse(admin.put(mine, dryRun).body()).asJsonObject().getString("version");
    assertThat(v2).isNotEqualTo(v1);
    JsonObject changed = push(batch(3, null, null, null, v1)).getJsonObject("policy");
    assertThat(changed.getString("version")).isEqualTo(v2);
    assertThat(changed.getBoolean("dryRun")).isTrue();

    assertThat(admin.delete(mine).statusCode()).isEqualTo(204);
    JsonObject afterDelete = push(batch(4, null, null, null, v2)).getJsonObject("policy");
    assertThat(afterDelete)
        .as("the override removed: the fleet's policy or none, never the old one")
        .isNotNull();
    assertThat(afterDelete.getString("version")).isNotEqualTo(v2);
  }

  // --- events --------------------------------------------------------------------------------

  private List<JsonObject> events(String kind) {
    HttpResponse<String> r = admin.get("api/v1/events?host=" + host + "&kind=" + kind);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return MonitorApi.parse(r.body()).asJsonObject().getJsonArray("items").stream()
        .map(JsonValue::asJsonObject)
        .toList();
  }

  @Test
  void logsTheAgentsContainerEventsOnceEvenWhenABatchComesTwice() {
    long t = System.currentTimeMillis() - 2_000;
    List<ContainerEvent> happened =
        List.of(
            ContainerEvents.oomKilled(
                t, CONTAINER, "filler-1", "vigia-stress:1", 3.5, 67_108_864L, 67_108_864L),
            ContainerEvents.engine(t + 1, CONTAINER, "filler-1", "vigia-stress:1", "die", 137),
            ContainerEvents.pruned(
                t + 2,
                "b".repeat(64),
                "burner-7",
                "vigia-stress:1",
                49.8,
                1_048_576L,
                2_097_152L,
                "high-cpu",
                "keep 2 newest"));
    Batch b = batch(1, null, null, happened, null);

    push(b);
    push(b); // the same batch again: acknowledged, not stored, not logged again

    List<JsonObject> logged = events("container");
    assertThat(logged).hasSize(3);
    JsonObject prune = logged.get(0); // newest first
    assertThat(prune.getString("message"))
        .contains("burner-7", "stopped and removed", "high-cpu", "keep 2 newest");
    assertThat(prune.getString("detail")).contains("last CPU 49.8 %", "last memory 1.0 MiB of 2.0");
    assertThat(prune.getString("severity")).isEqualTo("warning");
    assertThat(prune.getString("actor")).isEqualTo("agent");
    JsonObject die = logged.get(1);
    assertThat(die.getString("message")).contains("filler-1", "die");
    assertThat(die.getString("detail")).contains("exit code 137");
    JsonObject oom = logged.get(2);
    assertThat(oom.getString("message")).contains("filler-1 (4f1c0de5a7e9)", "oom");
    assertThat(oom.getString("detail")).contains("last memory 64.0 MiB of 64.0 MiB");
    assertThat(oom.getString("severity")).isEqualTo("warning");
  }

  // --- the busiest containers ----------------------------------------------------------------

  private static ContainerInfo container(String id, String name, double cpuPct, long memUsed) {
    return ContainerInfo.basic(id, name, "vigia-it:1", "running", cpuPct, memUsed, 1L << 30);
  }

  @Test
  void ranksTheFleetsContainersByCpuOrMemory() {
    String otherAgent = UUID.randomUUID().toString();
    String other = "ctr-" + otherAgent.substring(0, 8);
    String otherToken = admin.enroll(VigiaTestSession.fleetKey(), otherAgent, other);
    String tag = host.substring(4);
    push(
        batch(
            1,
            List.of(
                container("a".repeat(64), "hot-" + tag, 9_000.0, 10L << 20),
                container("c".repeat(64), "idle-" + tag, 0.0, 30L << 20)),
            null,
            null,
            null));
    HttpResponse<String> r =
        admin.ingest(
            otherToken,
            MonitorApi.batch(
                otherAgent,
                other,
                1,
                5,
                List.of(container("d".repeat(64), "fat-" + tag, 50.0, 900L << 20)),
                null,
                null,
                null));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);

    List<JsonObject> byCpu = top("cpu", 1000, tag);
    assertThat(byCpu)
        .extracting(c -> c.getString("name"))
        .containsExactly("hot-" + tag, "fat-" + tag, "idle-" + tag);
    assertThat(byCpu.get(0).getString("host")).isEqualTo(host);
    assertThat(byCpu.get(1).getString("host")).isEqualTo(other);
    assertThat(byCpu.get(1).getJsonNumber("memUsedBytes").longValue()).isEqualTo(900L << 20);
    assertThat(top("memory", 1000, tag))
        .extracting(c -> c.getString("name"))
        .containsExactly("fat-" + tag, "idle-" + tag, "hot-" + tag);
    assertThat(top("cpu", 1, ""))
        .extracting(c -> c.getString("name"))
        .as("the hottest of the fleet, alone")
        .containsExactly("hot-" + tag);

    assertProblem(admin.get("api/v1/containers/top?sort=disk"), 400, "sort");
    assertProblem(admin.get("api/v1/containers/top?limit=0"), 400, "limit");
    assertThat(admin.anonymous().get("api/v1/containers/top").statusCode()).isEqualTo(401);
  }

  private List<JsonObject> top(String sort, int limit, String tag) {
    HttpResponse<String> r = admin.get("api/v1/containers/top?sort=" + sort + "&limit=" + limit);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return MonitorApi.parse(r.body()).asJsonArray().stream()
        .map(JsonValue::asJsonObject)
        .filter(c -> !c.isNull("name") && c.getString("name").endsWith(tag))
        .toList();
  }

  private MonitorApi newUser(String role) {
    String name = role + "-" + UUID.randomUUID().toString().substring(0, 8);
    String password = "correct horse battery staple";
    HttpResponse<String> r = admin.addUser(name, password, role);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return admin.anonymous().as(name, password);
  }
}
