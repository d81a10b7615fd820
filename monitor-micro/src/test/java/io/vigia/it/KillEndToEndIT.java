package io.vigia.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.testsupport.MonitorApi;
import io.vigia.testsupport.VigiaTestSession;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kill path end to end: an operator asks the monitor to kill a throwaway process, the real
 * agent picks the command up with its next push, kills exactly that process, and the result is
 * recorded; a kill naming the right pid with another start time (PID reuse) is refused.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class KillEndToEndIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.builtWar();
  }

  @ArquillianResource private URL url;
  @TempDir Path state;
  private final TestProcesses processes = new TestProcesses();
  private MonitorApi operator;
  private String hostName;

  @BeforeEach
  void startAgent() throws Exception {
    URI server = Deployments.loopback(url);
    MonitorApi admin = new MonitorApi(server).as("admin", VigiaTestSession.adminPassword());
    String user = "op-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    String password = "kill-test-password-" + System.nanoTime();
    HttpResponse<String> added =
        admin.post(
            "api/v1/users",
            null,
            "{\"username\":\""
                + user
                + "\",\"password\":\""
                + password
                + "\",\"role\":\"operator\"}");
    assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    operator = admin.as(user, password);

    hostName = "kill-" + System.nanoTime();
    processes.enrolAndRunAgent(server, state, hostName);
  }

  @AfterEach
  void stopEverything() throws InterruptedException {
    processes.close();
  }

  @Test
  void killsTheThrowawayProcessAndRecordsIt() throws Exception {
    Process victim = start(new ProcessBuilder("sleep", "300"));
    long pid = victim.pid();

    long id = queueKill(pid, startTicks(pid));
    JsonObject result = awaitFinal(id);

    assertThat(result.getString("state")).as(result.toString()).isEqualTo("done");
    assertThat(victim.waitFor(10, TimeUnit.SECONDS)).as("process gone").isTrue();
    assertThat(result.getString("requestedBy")).startsWith("op-");
  }

  @Test
  void refusesWhenThePidNowBelongsToAnotherProcess() throws Exception {
    Process victim = start(new ProcessBuilder("sleep", "300"));
    long pid = victim.pid();

    long id = queueKill(pid, startTicks(pid) - 1); // the operator saw an older process
    JsonObject result = awaitFinal(id);

    assertThat(result.getString("state")).isEqualTo("refused");
    assertThat(result.getString("detail")).contains("reused");
    assertThat(victim.isAlive()).as("the other process is untouched").isTrue();
  }

  @Test
  void refusesToKillInit() throws Exception {
    long id = queueKill(1, startTicks(1));

    JsonObject result = awaitFinal(id);

    assertThat(result.getString("state")).isEqualTo("refused");
  }

  private long queueKill(long pid, long startTicks) {
    HttpResponse<String> r =
        operator.post(
            "api/v1/hosts/" + hostName + "/commands",
            null,
            "{\"type\":\"kill\",\"pid\":"
                + pid
                + ",\"startTicks\":"
                + startTicks
                + ",\"reason\":\"end-to-end test\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    return MonitorApi.parse(r.body()).asJsonObject().getJsonNumber("id").longValue();
  }

  private JsonObject awaitFinal(long id) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonObject c = null;
    while (System.nanoTime() < deadline) {
      c = MonitorApi.parse(operator.get("api/v1/commands/" + id).body()).asJsonObject();
      if (!List.of("queued", "sent").contains(c.getString("state"))) {
        return c;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("command " + id + " still " + c + " after 30 s");
  }

  /** Field 22 of /proc/[pid]/stat, counted after the command name's closing parenthesis. */
  private static long startTicks(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(after[19]);
  }

  private Process start(ProcessBuilder pb) throws Exception {
    return processes.start(pb);
  }
}
