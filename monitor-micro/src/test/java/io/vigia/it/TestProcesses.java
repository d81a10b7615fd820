package io.vigia.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.testsupport.VigiaTestSession;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Processes a test starts — the real {@code vigia-agent.jar}, enrolled with the fleet key under a
 * host name and pushing, among them; {@link #close()} (in {@code @AfterEach}) stops every one. And
 * the wait for what they bring about.
 */
final class TestProcesses implements AutoCloseable {

  private final List<Process> started = new ArrayList<>();

  /**
   * Enrols {@code host} (state in {@code state}) and starts its agent pushing every 500 ms, with
   * {@code more} arguments; its output goes to {@code state/agent.log}.
   */
  Process enrolAndRunAgent(URI server, Path state, String host, String... more) throws Exception {
    enrol(server, state, host);
    return runAgent(server, state, host, more);
  }

  /** Enrols {@code host} with the fleet key, its state (the host token) in {@code state}. */
  void enrol(URI server, Path state, String host) throws Exception {
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
  }

  /**
   * Starts the agent of a host {@link #enrol}led in {@code state}, pushing every 500 ms unless
   * {@code more} says otherwise ({@code --interval.ms=1000}); its output goes to {@code
   * state/agent.log}.
   */
  Process runAgent(URI server, Path state, String host, String... more) throws Exception {
    List<String> args =
        new ArrayList<>(List.of("--server=" + server, "--state.dir=" + state, "--host=" + host));
    if (Arrays.stream(more).noneMatch(a -> a.startsWith("--interval.ms="))) {
      args.add("--interval.ms=500");
    }
    args.addAll(List.of(more));
    state.toFile().mkdirs();
    return start(
        Deployments.agent(args.toArray(String[]::new))
            .redirectOutput(state.resolve("agent.log").toFile()));
  }

  /**
   * Waits, polling, until {@code condition} holds; fails saying {@code what} after {@code atMost}.
   */
  static void await(Duration atMost, BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited " + atMost + " for " + what);
      }
      Thread.sleep(200);
    }
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
