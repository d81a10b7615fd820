package io.vigia.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.testsupport.MonitorApi;
import io.vigia.testsupport.VigiaTestSession;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The real agent on this machine, enrolled under a new host name and pushing every second, for the
 * browser tests that need a host reporting live; stopped by {@link #close()}.
 */
final class RunningAgent implements AutoCloseable {

  private final String host;
  private final Process process;

  private RunningAgent(String host, Process process) {
    this.host = host;
    this.process = process;
  }

  /**
   * Enrols a host named {@code prefix} plus a random part with the fleet key, starts its agent
   * (state and log in {@code dir}) and returns once the monitor lists the host online.
   */
  static RunningAgent start(MonitorApi admin, Path dir, String prefix) throws Exception {
    URI server = admin.base();
    String host = prefix + UUID.randomUUID().toString().substring(0, 8);
    Process enroll =
        Deployments.agent(
                "enroll",
                "--server=" + server,
                "--key=" + VigiaTestSession.fleetKey(),
                "--state.dir=" + dir.resolve("state"),
                "--host=" + host)
            .start();
    assertThat(enroll.waitFor(60, TimeUnit.SECONDS)).as("enrolment ends").isTrue();
    assertThat(enroll.exitValue()).isZero();
    RunningAgent agent =
        new RunningAgent(
            host,
            Deployments.agent(
                    "--server=" + server,
                    "--state.dir=" + dir.resolve("state"),
                    "--host=" + host,
                    "--interval.ms=1000")
                .redirectOutput(dir.resolve("agent.log").toFile())
                .start());
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (admin.host(host).map(h -> !h.getBoolean("online")).orElse(true)) {
      assertThat(System.nanoTime()).as("the agent's host to come online").isLessThan(deadline);
      Thread.sleep(250);
    }
    return agent;
  }

  String host() {
    return host;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
