package io.vigia.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.testsupport.VigiaTestSession;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Processes a test starts — the real {@code vigia-agent.jar}, enrolled with the fleet key under a
 * host name and pushing, among them; {@link #close()} (in {@code @AfterEach}) stops every one.
 */
final class TestProcesses implements AutoCloseable {

  private final List<Process> started = new ArrayList<>();

  /**
   * Enrols {@code host} (state in {@code state}) and starts its agent pushing every 500 ms, with
   * {@code more} arguments; its output goes to {@code state/agent.log}.
   */
  Process enrolAndRunAgent(URI server, Path state, String host, String... more) throws Exception {
    Process enroll =
        start(
            Deployments.agent(
                "enroll",
                "--server=" + server,
                "--key=" + VigiaTestSession.fleetKey(),
                "--state.dir=" + state,
                "--host=" + host));
    assertThat(enroll.waitFor(60, TimeUnit.SECONDS)).as("enrolment within 60 s").isTrue();
    assertThat(enroll.exitValue()).as("enrolment's exit code").isZero();
    List<String> args =
        new ArrayList<>(
            List.of(
                "--server=" + server,
                "--state.dir=" + state,
                "--host=" + host,
                "--interval.ms=500"));
    args.addAll(List.of(more));
    state.toFile().mkdirs();
    return start(
        Deployments.agent(args.toArray(String[]::new))
            .redirectOutput(state.resolve("agent.log").toFile()));
  }

  Process start(ProcessBuilder pb) throws Exception {
    Process p = pb.start();
    started.add(p);
    return p;
  }

  @Override
  public void close() throws InterruptedException {
    for (Process p : started) {
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    started.clear();
  }
}
