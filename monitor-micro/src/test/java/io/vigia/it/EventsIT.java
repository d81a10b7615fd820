package io.vigia.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.testsupport.MonitorApi;
import io.vigia.testsupport.VigiaTestSession;
import io.vigia.wire.Batch;
import io.vigia.wire.CommandResult;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The event log through {@code GET /api/v1/events}: who did what and why, filters, paging. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EventsIT {

  private static final String PASSWORD = "correct horse battery staple";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.builtWar();
  }

  @ArquillianResource private URL url;
  private MonitorApi anonymous;
  private MonitorApi admin;
  private MonitorApi viewer;
  private String agentId;
  private String host;
  private String token;

  @BeforeEach
  void adminViewerAndAHost() {
    anonymous = new MonitorApi(Deployments.loopback(url));
    admin = anonymous.as("admin", VigiaTestSession.adminPassword());
    String viewerName = "viewer-" + UUID.randomUUID().toString().substring(0, 8);
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
    host = "event-" + agentId.substring(0, 8);
    token = admin.enroll(VigiaTestSession.fleetKey(), agentId, host);
  }

  private long queueKill(int pid, String reason) {
    HttpResponse<String> r =
        admin.post(
            "api/v1/hosts/" + host + "/commands",
            null,
            "{\"type\":\"kill\",\"pid\":"
                + pid
                + ",\"startTicks\":1,\"reason\":\""
                + reason
                + "\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    return MonitorApi.parse(r.body()).asJsonObject().getJsonNumber("id").longValue();
  }

  private JsonObject page(String query) {
    HttpResponse<String> r = viewer.get("api/v1/events?host=" + host + query);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return MonitorApi.parse(r.body()).asJsonObject();
  }

  private static List<JsonObject> items(JsonObject page) {
    return page.getJsonArray("items").stream().map(JsonValue::asJsonObject).toList();
  }

  @Test
  void logsWhoQueuedACommandAndWhyAndWhatTheAgentAnswered() {
    long id = queueKill(4242, "runaway build");
    Batch b = MonitorApi.batch(agentId, host, 1, 5);
    admin.ingest(token, b); // hands the command over
    Batch answer =
        MonitorApi.batch(
            agentId, host, 2, 5, List.of(new CommandResult(id, "done", "SIGKILL sent")), null);
    assertThat(admin.ingest(token, answer).statusCode()).isEqualTo(200);

    JsonObject queued = items(page("&kind=command_queued")).get(0);
    assertThat(queued.getString("actor")).isEqualTo("admin");
    assertThat(queued.getString("detail")).isEqualTo("runaway build");
    assertThat(queued.getString("message")).contains("kill pid 4242");
    assertThat(queued.getString("host")).isEqualTo(host);
    assertThat(queued.getString("severity")).isEqualTo("info");
    JsonObject result = items(page("&kind=command_result")).get(0);
    assertThat(result.getString("actor")).isEqualTo("agent");
    assertThat(result.getString("message")).contains("done", "asked by admin");
    assertThat(result.getString("detail")).isEqualTo("SIGKILL sent");
  }

  @Test
  void pagesNewestFirstWithTheTotal() {
    for (int pid = 100; pid < 107; pid++) {
      queueKill(pid, "paging");
    }

    List<JsonObject> all = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      JsonObject page = page("&kind=command_queued&size=3&page=" + p);
      assertThat(page.getJsonNumber("total").longValue()).isEqualTo(7);
      assertThat(page.getInt("page")).isEqualTo(p);
      assertThat(page.getInt("size")).isEqualTo(3);
      all.addAll(items(page));
    }

    assertThat(all).hasSize(7);
    Set<Long> ids = new HashSet<>();
    all.forEach(e -> ids.add(e.getJsonNumber("id").longValue()));
    assertThat(ids).hasSize(7);
    for (int i = 1; i < all.size(); i++) {
      Instant newer = Instant.parse(all.get(i - 1).getString("at"));
      Instant older = Instant.parse(all.get(i).getString("at"));
      assertThat(newer).isAfterOrEqualTo(older);
    }
    assertThat(all.get(0).getString("message")).contains("pid 106");
    assertThat(items(page("&kind=command_queued&size=3&page=3"))).isEmpty();
  }

  @Test
  void filtersByTimeSinceInclusiveUntilExclusive() {
    for (int pid = 200; pid < 204; pid++) {
      queueKill(pid, "times");
    }
    List<JsonObject> all = items(page("&kind=command_queued"));
    assertThat(all).hasSize(4);
    Instant pivot = Instant.parse(all.get(1).getString("at"));
    long atOrAfter =
        all.stream().filter(e -> !Instant.parse(e.getString("at")).isBefore(pivot)).count();

    JsonObject since = page("&kind=command_queued&since=" + pivot.toEpochMilli());
    JsonObject until =
        page(
            "&kind=command_queued&until="
                + URLEncoder.encode(pivot.toString(), StandardCharsets.UTF_8));

    assertThat(since.getJsonNumber("total").longValue()).isEqualTo(atOrAfter);
    assertThat(until.getJsonNumber("total").longValue()).isEqualTo(4 - atOrAfter);
    assertThat(
            page("&kind=command_queued&since=" + (pivot.toEpochMilli() + 3_600_000))
                .getJsonNumber("total")
                .longValue())
        .isZero();
  }

  @Test
  void refusesBadFilters() {
    for (String bad :
        new String[] {
          "kind=nope",
          "size=0",
          "size=501",
          "page=-1",
          "page=two",
          "since=yesterday",
          "since=2000&until=1000",
          "until=2026-13-01T00:00:00Z"
        }) {
      HttpResponse<String> r = viewer.get("api/v1/events?" + bad);
      assertThat(r.statusCode()).as(bad + ": " + r.body()).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type"))
          .as(bad)
          .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
    }
    assertThat(viewer.get("api/v1/events?host=no-such-host").statusCode()).isEqualTo(404);
    assertThat(viewer.get("api/v1/events?size=500").statusCode()).isEqualTo(200);
  }

  @Test
  void letsViewersAndAdminsReadAndNobodyElse() {
    assertThat(anonymous.get("api/v1/events").statusCode()).isEqualTo(401);
    assertThat(viewer.get("api/v1/events").statusCode()).isEqualTo(200);
    assertThat(admin.get("api/v1/events").statusCode()).isEqualTo(200);
  }
}
