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
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code vigia-agent.jar}, enrolled with the fleet key and run against the deployed
 * monitor for a few seconds: this host shows up online with sane values, in the API and the page.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AgentEndToEndIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.builtWar();
  }

  @ArquillianResource private URL url;
  @TempDir Path state;
  private Process agent;

  @AfterEach
  void stopAgent() throws InterruptedException {
    if (agent != null && agent.isAlive()) {
      agent.destroy();
      if (!agent.waitFor(10, TimeUnit.SECONDS)) {
        agent.destroyForcibly();
      }
    }
  }

  @Test
  void agentMakesThisHostAppearLiveWithSaneValues() throws Exception {
    URI server = Deployments.loopback(url);
    String hostName = "e2e-" + ProcessHandle.current().pid();

    Process enroll =
        Deployments.agent(
                "enroll",
                "--server=" + server,
                "--key=" + VigiaTestSession.fleetKey(),
                "--state.dir=" + state,
                "--host=" + hostName)
            .start();
    assertThat(enroll.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(enroll.exitValue()).as(output(enroll)).isZero();
    assertThat(Files.getPosixFilePermissions(state.resolve("token")))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    agent =
        Deployments.agent(
                "--server=" + server,
                "--state.dir=" + state,
                "--host=" + hostName,
                "--interval.ms=500")
            .redirectOutput(state.resolve("agent.log").toFile())
            .start();

    MonitorApi api = new MonitorApi(server).as("admin", VigiaTestSession.adminPassword());
    JsonObject seen = awaitHost(api, hostName, Duration.ofSeconds(30));
    assertThat(seen.getBoolean("online")).isTrue();
    double cpu = seen.getJsonNumber("cpuPct").doubleValue();
    double ram = seen.getJsonNumber("ramUsedPct").doubleValue();
    assertThat(cpu).isBetween(0.0, 100.0);
    assertThat(ram).isGreaterThan(0.0).isLessThan(100.0);

    // Several batches, stored once each, with increasing seq and this machine's real RAM size.
    Thread.sleep(1_500); // let a few more half-second batches arrive; nothing to await on
    assertThat(Deployments.samplesOf(hostName)).isGreaterThanOrEqualTo(2);
    long memTotalKb =
        Long.parseLong(Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\D+", ""));
    assertThat(
            Deployments.count(
                "SELECT COUNT(*) FROM sample s JOIN host h ON h.id = s.host_id"
                    + " WHERE h.name = ? AND s.mem_total_kb = ?",
                hostName,
                memTotalKb))
        .isGreaterThanOrEqualTo(2);

    HttpResponse<String> page = api.get("");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains(hostName).contains("online");
  }

  private static JsonObject awaitHost(MonitorApi api, String name, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<JsonObject> h = api.host(name);
      if (h.isPresent() && h.get().getBoolean("online") && !h.get().isNull("cpuPct")) {
        return h.get();
      }
      Thread.sleep(250);
    }
    throw new AssertionError(name + " did not appear online with a CPU % within " + timeout);
  }

  private static String output(Process p) throws java.io.IOException {
    return new String(p.getInputStream().readAllBytes());
  }
}
