package io.vigia.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.testsupport.MonitorApi;
import io.vigia.testsupport.VigiaTestSession;
import java.net.URL;
import java.net.http.HttpResponse;
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

/** Who may do what: anonymous, viewer, operator and admin against each user-facing endpoint. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecurityIT {

  private static final String PASSWORD = "correct horse battery staple";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.builtWar();
  }

  @ArquillianResource private URL url;

  private MonitorApi anonymous;
  private MonitorApi admin;
  private MonitorApi viewer;
  private MonitorApi operator;
  private String agentId;
  private String host;
  private String token;

  @BeforeEach
  void usersAndAHost() {
    anonymous = new MonitorApi(Deployments.loopback(url));
    admin = anonymous.as("admin", VigiaTestSession.adminPassword());
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    viewer = addUser("viewer-" + suffix, "viewer");
    operator = addUser("operator-" + suffix, "operator");
    agentId = UUID.randomUUID().toString();
    host = "sec-" + agentId.substring(0, 8);
    token = anonymous.enroll(VigiaTestSession.fleetKey(), agentId, host);
  }

  private MonitorApi addUser(String name, String role) {
    HttpResponse<String> r =
        admin.post(
            "api/v1/users",
            null,
            "{\"username\":\""
                + name
                + "\",\"password\":\""
                + PASSWORD
                + "\",\"role\":\""
                + role
                + "\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return anonymous.as(name, PASSWORD);
  }

  private String kill() {
    return "{\"type\":\"kill\",\"pid\":4242,\"startTicks\":777,\"reason\":\"runaway\"}";
  }

  @Test
  void refusesAnonymousReadsWithABasicChallenge() {
    HttpResponse<String> r = anonymous.get("api/v1/hosts");

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
  }

  @Test
  void refusesAWrongPassword() {
    assertThat(anonymous.as("admin", "wrong").get("api/v1/hosts").statusCode()).isEqualTo(401);
    assertThat(anonymous.as("nobody", PASSWORD).get("api/v1/hosts").statusCode()).isEqualTo(401);
  }

  @Test
  void letsEveryRoleReadHostsAndCommands() {
    for (MonitorApi who : new MonitorApi[] {viewer, operator, admin}) {
      assertThat(who.get("api/v1/hosts").statusCode()).isEqualTo(200);
      assertThat(who.get("api/v1/hosts/" + host + "/commands").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void letsOnlyOperatorsAndAdminsQueueAKill() {
    assertThat(anonymous.post("api/v1/hosts/" + host + "/commands", null, kill()).statusCode())
        .isEqualTo(401);
    assertThat(viewer.post("api/v1/hosts/" + host + "/commands", null, kill()).statusCode())
        .isEqualTo(403);
    assertThat(operator.post("api/v1/hosts/" + host + "/commands", null, kill()).statusCode())
        .isEqualTo(202);
    assertThat(admin.post("api/v1/hosts/" + host + "/commands", null, kill()).statusCode())
        .isEqualTo(202);
  }

  @Test
  void letsOnlyOperatorsAndAdminsActOnContainers() {
    String actions = "api/v1/hosts/" + host + "/containers/web-1/actions";
    String stop = "{\"action\":\"stop\",\"timeoutS\":5}";

    assertThat(anonymous.post(actions, null, stop).statusCode()).isEqualTo(401);
    assertThat(anonymous.post(actions, token, stop).statusCode())
        .as("a host token is no user")
        .isEqualTo(401);
    assertThat(viewer.post(actions, null, stop).statusCode()).isEqualTo(403);
    assertThat(operator.post(actions, null, stop).statusCode()).isEqualTo(202);
    assertThat(admin.post(actions, null, stop).statusCode()).isEqualTo(202);
  }

  @Test
  void letsEveryRoleSeeTheBusiestContainers() {
    assertThat(anonymous.get("api/v1/containers/top").statusCode()).isEqualTo(401);
    for (MonitorApi who : new MonitorApi[] {viewer, operator, admin}) {
      assertThat(who.get("api/v1/containers/top").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void letsEveryRolePreviewAContainerPolicyButOnlyAdminsWriteOne() {
    String policy =
        "{\"dryRun\":true,\"classes\":[{\"name\":\"sec\",\"label\":\"vigia-sec.none\","
            + "\"keep\":1,\"keepBy\":\"newest\"}]}";
    String mine = "api/v1/hosts/" + host + "/container-policy";

    for (String preview : List.of("api/v1/container-policy/preview", mine + "/preview")) {
      assertThat(anonymous.post(preview, null, policy).statusCode()).isEqualTo(401);
      assertThat(anonymous.post(preview, token, policy).statusCode())
          .as("a host token is no user")
          .isEqualTo(401);
      for (MonitorApi who : new MonitorApi[] {viewer, operator, admin}) {
        assertThat(who.post(preview, null, policy).statusCode()).as(preview).isEqualTo(200);
      }
    }
    assertThat(viewer.put(mine, policy).statusCode()).isEqualTo(403);
    assertThat(operator.put(mine, policy).statusCode()).isEqualTo(403);
    assertThat(admin.put(mine, policy).statusCode()).isEqualTo(200);
    assertThat(operator.delete(mine).statusCode()).isEqualTo(403);
    assertThat(admin.delete(mine).statusCode()).isEqualTo(204);
  }

  @Test
  void letsOnlyAdminsAddUsers() {
    String body =
        "{\"username\":\"x-"
            + UUID.randomUUID().toString().substring(0, 8)
            + "\",\"password\":\""
            + PASSWORD
            + "\",\"role\":\"admin\"}";

    assertThat(anonymous.post("api/v1/users", null, body).statusCode()).isEqualTo(401);
    assertThat(viewer.post("api/v1/users", null, body).statusCode()).isEqualTo(403);
    assertThat(operator.post("api/v1/users", null, body).statusCode()).isEqualTo(403);
    assertThat(admin.post("api/v1/users", null, body).statusCode()).isEqualTo(201);
    assertThat(admin.post("api/v1/users", null, body).statusCode()).isEqualTo(409);
  }

  @Test
  void letsOnlyAdminsRevokeAHostsTokens() {
    String revoke = "api/v1/hosts/" + host + "/token/revoke";

    assertThat(anonymous.post(revoke, null, "").statusCode()).isEqualTo(401);
    assertThat(viewer.post(revoke, null, "").statusCode()).isEqualTo(403);
    assertThat(operator.post(revoke, null, "").statusCode()).isEqualTo(403);
    // A host token is no user: it cannot revoke either, not even its own host's.
    assertThat(anonymous.post(revoke, token, "").statusCode()).isEqualTo(401);
    assertThat(push().statusCode()).as("refused attempts revoke nothing").isEqualTo(200);

    assertThat(admin.post(revoke, null, "").statusCode()).isEqualTo(200);
    assertThat(push().statusCode()).isEqualTo(401);
    assertThat(admin.post("api/v1/hosts/no-such-host/token/revoke", null, "").statusCode())
        .isEqualTo(404);
  }

  @Test
  void letsOnlyAdminsListAHostsTokens() {
    String tokens = "api/v1/hosts/" + host + "/tokens";

    assertThat(anonymous.get(tokens).statusCode()).isEqualTo(401);
    assertThat(viewer.get(tokens).statusCode()).isEqualTo(403);
    assertThat(operator.get(tokens).statusCode()).isEqualTo(403);
    assertThat(admin.get(tokens).statusCode()).isEqualTo(200);
    assertThat(admin.get("api/v1/hosts/no-such-host/tokens").statusCode()).isEqualTo(404);
  }

  private HttpResponse<String> push() {
    return anonymous.ingest(
        token, MonitorApi.batch(agentId, host, System.currentTimeMillis(), 1.0));
  }

  @Test
  void refusesAShortPasswordForANewUser() {
    HttpResponse<String> r =
        admin.post(
            "api/v1/users",
            null,
            "{\"username\":\"shorty\",\"password\":\"12345\",\"role\":\"viewer\"}");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("password");
  }

  @Test
  void sendsAnonymousVisitorsOfPagesToTheLoginPage() {
    HttpResponse<String> r = anonymous.get("");

    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(r.headers().firstValue("Location"))
        .hasValueSatisfying(v -> assertThat(v).contains("/login.xhtml?next="));
    assertThat(anonymous.get("login.xhtml").statusCode()).isEqualTo(200);
  }

  @Test
  void keepsHealthOpenForProbes() {
    assertThat(anonymous.get("health/ready").statusCode()).isEqualTo(200);
  }
}
