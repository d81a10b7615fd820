package io.vigia.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.testsupport.MonitorApi;
import io.vigia.testsupport.VigiaTestSession;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
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
 * Revoking a host's agent tokens ({@code POST /api/v1/hosts/{name}/token/revoke}): refused from the
 * very next push although the monitor remembers checked tokens, logged with the admin's name, and
 * undone by enrolling again with the fleet key.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TokenRevocationIT {

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
  private long seq;

  @BeforeEach
  void enrolAHost() {
    anonymous = new MonitorApi(Deployments.loopback(url));
    admin = anonymous.as("admin", VigiaTestSession.adminPassword());
    agentId = UUID.randomUUID().toString();
    host = "revoke-" + agentId.substring(0, 8);
    token = anonymous.enroll(VigiaTestSession.fleetKey(), agentId, host);
    seq = System.currentTimeMillis();
  }

  private HttpResponse<String> push(String withToken) {
    return anonymous.ingest(withToken, MonitorApi.batch(agentId, host, ++seq, 12.5));
  }

  private HttpResponse<String> revoke(MonitorApi as, String hostName) {
    return as.post("api/v1/hosts/" + hostName + "/token/revoke", null, "");
  }

  private List<JsonObject> tokens() {
    HttpResponse<String> r = admin.get("api/v1/hosts/" + host + "/tokens");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return MonitorApi.parse(r.body()).asJsonArray().stream().map(JsonValue::asJsonObject).toList();
  }

  private JsonObject revocationEvents() {
    HttpResponse<String> r = admin.get("api/v1/events?kind=token_revoked&host=" + host);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return MonitorApi.parse(r.body()).asJsonObject();
  }

  @Test
  void refusesTheVeryNextPushAndTakesTheHostBackOnReEnrolment() throws Exception {
    // Pushed twice: the second check is answered from the monitor's token cache.
    assertThat(push(token).statusCode()).isEqualTo(200);
    assertThat(push(token).statusCode()).isEqualTo(200);

    HttpResponse<String> revoked = revoke(admin, host);

    assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
    JsonObject answer = MonitorApi.parse(revoked.body()).asJsonObject();
    assertThat(answer.getString("host")).isEqualTo(host);
    assertThat(answer.getInt("revoked")).isEqualTo(1);
    assertThat(answer.getString("at")).isNotBlank();

    HttpResponse<String> refused = push(token);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    assertThat(refused.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(Deployments.samplesOf(host)).isEqualTo(2);

    // Enrolled again with the fleet key (the agent's enroll command), the host is back.
    String fresh = anonymous.enroll(VigiaTestSession.fleetKey(), agentId, host);

    assertThat(fresh).isNotEqualTo(token);
    assertThat(push(fresh).statusCode()).isEqualTo(200);
    assertThat(push(token).statusCode()).isEqualTo(401);
    assertThat(Deployments.samplesOf(host)).isEqualTo(3);
  }

  @Test
  void revokesEveryLiveTokenAndListsThemWithoutSecrets() throws Exception {
    String second = anonymous.enroll(VigiaTestSession.fleetKey(), agentId, host);
    assertThat(push(second).statusCode()).isEqualTo(200);

    HttpResponse<String> listed = admin.get("api/v1/hosts/" + host + "/tokens");
    assertThat(listed.body()).doesNotContain(token, second, sha256(token), sha256(second));
    assertThat(tokens()).hasSize(2).allSatisfy(t -> assertThat(t.getBoolean("live")).isTrue());

    JsonObject answer = MonitorApi.parse(revoke(admin, host).body()).asJsonObject();

    assertThat(answer.getInt("revoked")).isEqualTo(2);
    assertThat(tokens())
        .hasSize(2)
        .allSatisfy(
            t -> {
              assertThat(t.getBoolean("live")).isFalse();
              assertThat(t.getString("revoked")).isNotBlank();
              assertThat(t.getString("created")).isNotBlank();
            });
    assertThat(push(token).statusCode()).isEqualTo(401);
    assertThat(push(second).statusCode()).isEqualTo(401);

    // Nothing left to revoke: answered, and nothing more is logged.
    HttpResponse<String> again = revoke(admin, host);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(MonitorApi.parse(again.body()).asJsonObject().getInt("revoked")).isZero();
    assertThat(revocationEvents().getJsonNumber("total").longValue()).isEqualTo(1);
  }

  @Test
  void logsTheRevocationWithTheAdminWhoDidIt() {
    String name = "admin-" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> added =
        admin.post(
            "api/v1/users",
            null,
            "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"admin\"}");
    assertThat(added.statusCode()).as(added.body()).isEqualTo(201);

    assertThat(revoke(anonymous.as(name, PASSWORD), host).statusCode()).isEqualTo(200);

    JsonObject page = revocationEvents();
    assertThat(page.getJsonNumber("total").longValue()).isEqualTo(1);
    JsonObject event = page.getJsonArray("items").getJsonObject(0);
    assertThat(event.getString("kind")).isEqualTo("token_revoked");
    assertThat(event.getString("host")).isEqualTo(host);
    assertThat(event.getString("actor")).isEqualTo(name);
    assertThat(event.getString("severity")).isEqualTo("warning");
    assertThat(event.getString("message")).contains("revoked 1 host token").contains(host);
  }

  @Test
  void answersNotFoundForAnUnknownHost() {
    HttpResponse<String> r = revoke(admin, "no-such-host-" + UUID.randomUUID());

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    assertThat(admin.get("api/v1/hosts/no-such-host/tokens").statusCode()).isEqualTo(404);
  }

  private static String sha256(String s) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }
}
