package io.vigia.agent.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigia.wire.Batch;
import io.vigia.wire.ContainerClass;
import io.vigia.wire.ContainerEvent;
import io.vigia.wire.ContainerInfo;
import io.vigia.wire.ContainerPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The real agent jar against a real Docker Engine (Debian's docker.io on a private socket, started
 * and stopped by PID here) and the real cgroups of this machine; the monitor is a stand-in that
 * records batches and hands out the prune policy. Each test makes its own containers with their own
 * names and labels and does not depend on another's.
 */
@TestMethodOrder(MethodOrderer.MethodName.class) // only for a readable log; none needs another
class DockerEngineIT {

  private static final Duration INTERVAL = Duration.ofMillis(1000);
  private static Path dir;
  private static PrivateDockerd dockerd;
  private static FakeMonitor monitor;
  private static Process agent;

  @BeforeAll
  static void startEngineMonitorAndAgent() throws Exception {
    boolean ci = "true".equals(System.getenv("CI"));
    if (!ci) {
      assumeTrue(PrivateDockerd.available(), "dockerd and busybox-static not installed");
    }
    dir = Files.createTempDirectory(Path.of("/tmp"), "vigia-dockerd-");
    dockerd = new PrivateDockerd(dir).start();
    dockerd.importBusybox();
    monitor = new FakeMonitor();
    Path state = Files.createDirectories(dir.resolve("state"));
    Path token = state.resolve("token");
    Files.writeString(token, "test-token");
    Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-jar",
                System.getProperty("vigia.agent.jar", "target/vigia-agent.jar"),
                "--server=" + monitor.url(),
                "--state.dir=" + state,
                "--host=engine-it",
                "--interval.ms=" + INTERVAL.toMillis())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("agent.log").toFile());
    pb.environment().put("DOCKER_HOST", dockerd.dockerHost());
    agent = pb.start();
    await("the agent's first batches", Duration.ofSeconds(60), () -> monitor.batches.size() >= 2);
  }

  @AfterAll
  static void stopAll() throws Exception {
    if (agent != null) {
      agent.destroy();
      agent.waitFor(10, TimeUnit.SECONDS);
    }
    if (monitor != null) {
      monitor.close();
    }
    if (dockerd != null) {
      dockerd.close();
    }
  }

  @Test
  void aBurnerLimitedToHalfACoreShowsAboutFiftyPercent() throws Exception {
    String id =
        run("--name", "it-burner", "--cpus", "0.5", IMAGE, "sh", "-c", "while :; do :; done");
    waitForSamplesOf(id, 3);
    int from = monitor.batches.size();
    await("10 more samples", Duration.ofSeconds(60), () -> samplesOf(id, from).size() >= 10);

    List<ContainerInfo> samples = samplesOf(id, from);
    double cpu = samples.stream().mapToDouble(ContainerInfo::cpuPct).average().orElseThrow();
    double ofLimit =
        samples.stream().mapToDouble(ContainerInfo::cpuPctOfLimit).average().orElseThrow();
    assertThat(samples.get(0).name()).isEqualTo("it-burner");
    assertThat(samples.get(0).cpuLimitCores()).isEqualTo(0.5);
    assertThat(cpu).as("share of one core").isCloseTo(50.0, within(8.0));
    assertThat(ofLimit).as("share of its --cpus 0.5").isCloseTo(100.0, within(16.0));
    dockerd.must("rm", "-f", id);
  }

  @Test
  void aFillerShowsItsUsageAgainstItsLimitAsDockerStatsDoes() throws Exception {
    String id =
        run(
            "--name",
            "it-filler",
            "-m",
            "64m",
            IMAGE,
            "sh",
            "-c",
            "head -c 40m /dev/zero > /dev/shm/fill; exec sleep 3600");
    await(
        "the filler at 40 MiB",
        Duration.ofSeconds(30),
        () ->
            latest(id)
                .map(c -> c.memUsedBytes() != null && c.memUsedBytes() >= 40L << 20)
                .orElse(false));

    ContainerInfo c = latest(id).orElseThrow();
    assertThat(c.name()).isEqualTo("it-filler");
    assertThat(c.memLimitBytes()).isEqualTo(64L << 20);
    assertThat(c.memUsedBytes()).isBetween(40L << 20, 42L << 20);
    String stats = dockerd.must("stats", "--no-stream", "--format", "{{.MemUsage}}", id);
    assertThat(stats).as("docker stats agrees").matches("4[01]\\.\\d+MiB / 64MiB");
    dockerd.must("rm", "-f", id);
  }

  @Test
  void anOomKillIsSeenAndLogged() throws Exception {
    String id =
        run("--name", "it-oom", "-m", "16m", IMAGE, "sh", "-c", "a=$(yes | head -c 64000000)");

    ContainerEvent oom = awaitEvent(e -> e.containerId().equals(id) && e.action().equals("oom"));
    ContainerEvent die = awaitEvent(e -> e.containerId().equals(id) && e.action().equals("die"));
    await(
        "the container listed as OOM killed",
        Duration.ofSeconds(30),
        () -> latest(id).map(c -> Boolean.TRUE.equals(c.oomKilled())).orElse(false));

    assertThat(oom.name()).isEqualTo("it-oom");
    assertThat(die.exitCode()).isEqualTo(137);
    assertThat(latest(id).orElseThrow().exitCode()).isEqualTo(137);
    dockerd.must("rm", "-f", id);
  }

  @Test
  void aContainerCreatedAndRemovedWithinOneIntervalIsStillLogged() throws Exception {
    dockerd.must("run", "--rm", "--name", "it-blink", IMAGE, "true");

    ContainerEvent destroy =
        awaitEvent(e -> "it-blink".equals(e.name()) && e.action().equals("destroy"));
    List<String> actions =
        events().stream()
            .filter(e -> e.containerId().equals(destroy.containerId()))
            .map(ContainerEvent::action)
            .toList();
    assertThat(actions).containsSubsequence("create", "start", "die", "destroy");
    assertThat(samplesOf(destroy.containerId(), 0)).as("never in a sample").isEmpty();
  }

  @Test
  void thePolicyKeepsKPerClassRemovesTheRestAndNeverTouchesProtectedOrUnselected()
      throws Exception {
    List<String> low = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      low.add(run("--name", "it-low-" + i, "--label", "it.class=low", IMAGE, "sleep", "3600"));
    }
    String hot1 = run("--name", "it-hot-0", "--label", "it.class=hot", IMAGE, "sleep", "3600");
    String hot2 = run("--name", "it-hot-1", "--label", "it.class=hot", IMAGE, "sleep", "3600");
    String guarded =
        run(
            "--name",
            "it-low-protected",
            "--label",
            "it.class=low",
            "--label",
            "vigia.protect=true",
            IMAGE,
            "sleep",
            "3600");
    String other = run("--name", "it-other", IMAGE, "sleep", "3600");
    waitForSamplesOf(other, 1);
    List<ContainerClass> classes =
        List.of(
            new ContainerClass("low", "it.class=low", null, 2, "newest"),
            new ContainerClass("hot", "it.class", "vigia/busybox:*", 1, "newest"));

    // dry run first: said, nothing touched
    monitor.policy(new ContainerPolicy("it-dry", true, classes));
    List<ContainerEvent> dry =
        awaitEvents(e -> e.action().equals("prune-dry-run"), 3); // 2 low + 1 hot
    assertThat(dry)
        .extracting(ContainerEvent::containerId)
        .containsExactlyInAnyOrder(low.get(0), low.get(1), hot1);
    int after = monitor.batches.size();
    await("two more batches", Duration.ofSeconds(10), () -> monitor.batches.size() >= after + 2);
    assertThat(running()).contains(low.get(0), low.get(1), hot1);

    // then for real
    monitor.policy(new ContainerPolicy("it-real", false, classes));
    List<ContainerEvent> pruned = awaitEvents(e -> e.action().equals("prune"), 3);
    await(
        "the pruned containers gone",
        Duration.ofSeconds(60),
        () ->
            !running().contains(low.get(0))
                && !running().contains(low.get(1))
                && !running().contains(hot1));

    assertThat(pruned)
        .extracting(ContainerEvent::containerId)
        .containsExactlyInAnyOrder(low.get(0), low.get(1), hot1);
    for (ContainerEvent e : pruned) {
      assertThat(e.policyClass()).isIn("low", "hot");
      assertThat(e.policyRule())
          .startsWith(e.policyClass().equals("low") ? "keep 2 newest" : "keep 1 newest");
      assertThat(e.name()).startsWith("it-");
      assertThat(e.memUsedBytes()).as("its last figures").isNotNull();
      assertThat(e.detail()).contains("removed");
    }
    assertThat(running()).contains(low.get(2), low.get(3), hot2, guarded, other);
    monitor.policy(ContainerPolicy.NONE);
    dockerd.must("rm", "-f", low.get(2), low.get(3), hot2, guarded, other);
  }

  @Test
  void zEngineRestartedMidRunDoesNotStopTheAgent() throws Exception {
    dockerd.stop();
    int during = monitor.batches.size();
    await(
        "batches while the engine is down",
        Duration.ofSeconds(15),
        () -> monitor.batches.size() >= during + 3);
    assertThat(agent.isAlive()).isTrue();

    dockerd.start();
    String id = run("--name", "it-after-restart", IMAGE, "sleep", "3600");
    ContainerEvent start =
        awaitEvent(e -> e.containerId().equals(id) && e.action().equals("start"));
    assertThat(start.name()).isEqualTo("it-after-restart");
    waitForSamplesOf(id, 1);
    assertThat(latest(id).orElseThrow().name()).isEqualTo("it-after-restart");
    assertThat(agent.isAlive()).isTrue();
    dockerd.must("rm", "-f", id);
  }

  // ---------------------------------------------------------------------------------------------

  private static final String IMAGE = PrivateDockerd.IMAGE;

  private static String run(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("run", "-d", "--init"));
    cmd.addAll(List.of(args));
    return dockerd.must(cmd.toArray(String[]::new));
  }

  private static List<String> running() {
    try {
      return List.of(dockerd.must("ps", "-aq", "--no-trunc").split("\\s+"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<ContainerEvent> events() {
    return monitor.batches.stream()
        .map(Batch::containerEvents)
        .filter(Objects::nonNull)
        .flatMap(List::stream)
        .toList();
  }

  private static ContainerEvent awaitEvent(Predicate<ContainerEvent> p) throws Exception {
    return awaitEvents(p, 1).get(0);
  }

  private static List<ContainerEvent> awaitEvents(Predicate<ContainerEvent> p, int n)
      throws Exception {
    await(
        n + " matching events",
        Duration.ofSeconds(60),
        () -> events().stream().filter(p).count() >= n);
    return events().stream().filter(p).toList();
  }

  private static List<ContainerInfo> samplesOf(String id, int fromBatch) {
    List<ContainerInfo> out = new ArrayList<>();
    List<Batch> all = monitor.batches;
    for (int i = fromBatch; i < all.size(); i++) {
      List<ContainerInfo> cs = all.get(i).containers();
      if (cs != null) {
        cs.stream().filter(c -> c.id().equals(id) && c.cpuPct() != null).forEach(out::add);
      }
    }
    return out;
  }

  private static Optional<ContainerInfo> latest(String id) {
    Batch b = monitor.last();
    return b == null || b.containers() == null
        ? Optional.empty()
        : b.containers().stream().filter(c -> c.id().equals(id)).findFirst();
  }

  private static void waitForSamplesOf(String id, int n) throws Exception {
    await(n + " samples of " + id, Duration.ofSeconds(60), () -> samplesOf(id, 0).size() >= n);
  }

  /** Polls a condition until it holds, failing after {@code limit}. */
  static void await(String what, Duration limit, BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + limit + ": " + what + "; see " + dir);
      }
      Thread.sleep(200);
    }
  }
}
