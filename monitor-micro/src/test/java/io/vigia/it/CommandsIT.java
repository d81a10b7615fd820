package io.vigia.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.testsupport.MonitorApi;
import io.vigia.testsupport.VigiaTestSession;
import io.vigia.wire.CommandResult;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
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

/**
 * The monitor's half of a command: queued by an operator, handed over in the reply to the host's
 * next push (once), its result taken from a later push and shown with who asked.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CommandsIT {

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
    host = "cmd-" + agentId.substring(0, 8);
    token = admin.enroll(VigiaTestSession.fleetKey(), agentId, host);
  }

  private long queueKill(String hostName, int pid, long startTicks) {
    HttpResponse<String> r =
        admin.post(
            "api/v1/hosts/" + hostName + "/commands",
            null,
            "{\"type\":\"kill\",\"pid\":"
                + pid
                + ",\"startTicks\":"
                + startTicks
                + ",\"reason\":\"test\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    JsonObject c = MonitorApi.parse(r.body()).asJsonObject();
    assertThat(c.getString("state")).isEqualTo("queued");
    assertThat(c.getString("requestedBy")).isEqualTo("admin");
    return c.getJsonNumber("id").longValue();
  }

  private JsonObject push(long seq, List<CommandResult> results) {
    HttpResponse<String> r =
        admin.ingest(token, MonitorApi.batch(agentId, host, seq, 5, results, null));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return MonitorApi.parse(r.body()).asJsonObject();
  }

  private JsonObject command(long id) {
    HttpResponse<String> r = admin.get("api/v1/commands/" + id);
    assertThat(r.statusCode()).isEqualTo(200);
    return MonitorApi.parse(r.body()).asJsonObject();
  }

  @Test
  void deliversAQueuedKillOnceAndRecordsItsResult() {
    long id = queueKill(host, 4242, 777);

    JsonArray delivered = push(1, null).getJsonArray("commands");
    assertThat(delivered).hasSize(1);
    JsonObject kill = delivered.getJsonObject(0);
    assertThat(kill.getJsonNumber("id").longValue()).isEqualTo(id);
    assertThat(kill.getString("type")).isEqualTo("kill");
    assertThat(kill.getInt("pid")).isEqualTo(4242);
    assertThat(kill.getJsonNumber("startTicks").longValue()).isEqualTo(777);
    assertThat(command(id).getString("state")).isEqualTo("sent");

    JsonObject next = push(2, List.of(new CommandResult(id, "done", "SIGKILL sent")));

    assertThat(next.getJsonArray("commands")).isEmpty();
    JsonObject done = command(id);
    assertThat(done.getString("state")).isEqualTo("done");
    assertThat(done.getString("detail")).isEqualTo("SIGKILL sent");
    assertThat(done.isNull("finished")).isFalse();
    assertThat(admin.get("api/v1/hosts/" + host + "/commands").body()).contains("\"done\"");
  }

  @Test
  void ignoresResultsForAnotherHostsCommand() {
    String otherAgent = UUID.randomUUID().toString();
    String other = "cmd-" + otherAgent.substring(0, 8);
    admin.enroll(VigiaTestSession.fleetKey(), otherAgent, other);
    long theirs = queueKill(other, 1234, 1);

    push(1, List.of(new CommandResult(theirs, "done", "forged")));

    assertThat(command(theirs).getString("state")).isEqualTo("queued");
  }

  @Test
  void recordsARefusalWithItsReason() {
    long id = queueKill(host, 4242, 777);
    push(1, null);

    push(2, List.of(new CommandResult(id, "refused", "pid reused")));

    JsonObject c = command(id);
    assertThat(c.getString("state")).isEqualTo("refused");
    assertThat(c.getString("detail")).isEqualTo("pid reused");
  }

  @Test
  void refusesAKillWithoutStartTime() {
    HttpResponse<String> r =
        admin.post("api/v1/hosts/" + host + "/commands", null, "{\"type\":\"kill\",\"pid\":4242}");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("startTicks");
  }

  @Test
  void answers404ForAnUnknownHost() {
    HttpResponse<String> r =
        admin.post(
            "api/v1/hosts/no-such-host/commands",
            null,
            "{\"type\":\"kill\",\"pid\":1,\"startTicks\":1}");

    assertThat(r.statusCode()).isEqualTo(404);
  }
}
