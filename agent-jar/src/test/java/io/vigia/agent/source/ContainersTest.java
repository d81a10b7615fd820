package io.vigia.agent.source;

import static io.vigia.agent.source.CgroupContainersTest.IDLE;
import static io.vigia.agent.source.CgroupContainersTest.WEB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigia.wire.ContainerInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainersTest {

  private static final String EXITED =
      "5881e745aefdbd9243a782d1e64032c3fa4d6956fa0083e0c5030a4368c5fb56";
  private static final long SECOND = 1_000_000_000L;

  @TempDir Path cgroup;
  @TempDir Path run;

  @BeforeEach
  void copyTheV1Capture() throws Exception {
    Path from = Fixtures.resource("/cgroup/v1");
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path to = cgroup.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(to);
        } else {
          Files.copy(f, to);
        }
      }
    }
  }

  private void setCpuacctUsage(String id, long ns) throws Exception {
    Files.writeString(cgroup.resolve("cpuacct/docker/" + id + "/cpuacct.usage"), ns + "\n");
  }

  private static final long HOST_RAM = 8L << 30;

  private static Containers containers(Path cgroup, Path socket) {
    return new Containers(cgroup, socket, false);
  }

  private static List<ContainerInfo> next(Containers c, long nowNs) {
    return c.next(nowNs, HOST_RAM, 2);
  }

  @Test
  void withoutDockerContainersComeFromCgroupsAsRunningWithoutNames() {
    List<ContainerInfo> list = next(containers(cgroup, run.resolve("docker.sock")), SECOND);

    assertThat(list).extracting(ContainerInfo::id).containsExactly(IDLE, WEB);
    assertThat(list).extracting(ContainerInfo::name).containsOnlyNulls();
    assertThat(list).extracting(ContainerInfo::state).containsOnly("running");
    assertThat(list).extracting(ContainerInfo::memUsedBytes).containsExactly(327680L, 331776L);
    assertThat(list)
        .as("no limit is the host's RAM, as docker stats shows it")
        .extracting(ContainerInfo::memLimitBytes)
        .containsExactly(HOST_RAM, 67108864L);
    assertThat(list).extracting(ContainerInfo::cpuLimitCores).containsOnly(2.0);
  }

  @Test
  void withNoEngineConfiguredContainersStillComeFromCgroupsAndThatIsSaidOnce() throws Exception {
    try (LogCapture log = new LogCapture(Containers.class)) {
      Containers c = containers(cgroup, null);
      next(c, SECOND);
      List<ContainerInfo> list = next(c, 2 * SECOND);

      assertThat(list).extracting(ContainerInfo::id).containsExactly(IDLE, WEB);
      assertThat(log.records).hasSize(1);
    }
  }

  @Test
  void dockerGivesNamesImagesAndStatesAndListsStoppedContainersToo() throws Exception {
    try (FakeDockerDaemon dockerd = new FakeDockerDaemon(run.resolve("docker.sock"))) {
      dockerd.answer(FakeDockerDaemon.capture("/docker/containers-json-v1.41.json"));

      List<ContainerInfo> list = next(containers(cgroup, dockerd.socket), SECOND);

      assertThat(list).extracting(ContainerInfo::id).containsExactly(EXITED, IDLE, WEB);
      assertThat(list)
          .extracting(ContainerInfo::name)
          .containsExactly("exited-job", "idle-one", "web-1");
      assertThat(list)
          .extracting(ContainerInfo::state)
          .containsExactly("exited", "running", "running");
      assertThat(list).extracting(ContainerInfo::image).containsOnly("vigia/busybox:1");
      assertThat(list)
          .extracting(ContainerInfo::createdMs)
          .containsExactly(1795389218000L, 1795389218000L, 1795389216000L);
      assertThat(list.get(0).memUsedBytes()).as("an exited container has no cgroup").isNull();
      assertThat(list.get(0).memLimitBytes()).isNull();
      assertThat(list.get(2).memLimitBytes()).isEqualTo(67108864L);
      assertThat(dockerd.apiRequests())
          .as("one list, then an inspect of each (404 here: the list's data stays)")
          .hasSize(4);
    }
  }

  @Test
  void inspectFillsExitCodeRestartsStartTimeAndOom() throws Exception {
    try (FakeDockerDaemon dockerd = new FakeDockerDaemon(run.resolve("docker.sock"))) {
      dockerd.answer(FakeDockerDaemon.capture("/docker/containers-json-v1.41.json"));
      String inspect =
          "{\"Id\":\""
              + EXITED
              + "\",\"Name\":\"/exited-job\",\"RestartCount\":3,"
              + "\"Created\":\"2026-11-20T10:00:00Z\",\"Config\":{\"Image\":\"vigia/busybox:1\","
              + "\"Labels\":{\"vigia.class\":\"low\"}},\"State\":{\"Status\":\"exited\","
              + "\"ExitCode\":137,\"OOMKilled\":true,\"StartedAt\":\"2026-11-20T10:00:01Z\"}}";
      dockerd.route(
          "GET /v1.41/containers/" + EXITED + "/json",
          FakeDockerDaemon.ok(inspect.getBytes(StandardCharsets.UTF_8)));

      ContainerInfo c = next(containers(cgroup, dockerd.socket), SECOND).get(0);

      assertThat(c.exitCode()).isEqualTo(137);
      assertThat(c.oomKilled()).isTrue();
      assertThat(c.restartCount()).isEqualTo(3);
      assertThat(c.labels()).containsEntry("vigia.class", "low");
      assertThat(c.startedMs())
          .isEqualTo(java.time.Instant.parse("2026-11-20T10:00:01Z").toEpochMilli());
    }
  }

  @Test
  void memoryUsedIsUsageLessInactiveFileAndCpuLimitComesFromTheCfsQuota() {
    // hybrid layout captured on this machine: burn (--cpus 0.5), fill3 (-m 64m, 40 MiB in shm)
    Containers c = containers(Fixtures.resource("/cgroup/hybrid"), null);
    List<ContainerInfo> list = next(c, SECOND);

    ContainerInfo burn = list.stream().filter(i -> i.id().startsWith("afead677")).findFirst().get();
    ContainerInfo fill = list.stream().filter(i -> i.id().startsWith("c9879ea3")).findFirst().get();
    assertThat(burn.cpuLimitCores()).isEqualTo(0.5);
    assertThat(fill.cpuLimitCores()).as("no quota: the host's cores").isEqualTo(2.0);
    assertThat(fill.memLimitBytes()).isEqualTo(64L << 20);
    assertThat(fill.memUsedBytes()).isBetween(40L << 20, 41L << 20);
  }

  @Test
  void cpuPercentComesFromTheUsageDeltaOverElapsedTime() throws Exception {
    Containers containers = containers(cgroup, run.resolve("docker.sock"));
    setCpuacctUsage(WEB, 5_000_000_000L);
    next(containers, 10 * SECOND);
    setCpuacctUsage(WEB, 6_500_000_000L); // 1.5 s of CPU in 2 s

    List<ContainerInfo> list = next(containers, 12 * SECOND);

    assertThat(list.get(1).id()).isEqualTo(WEB);
    assertThat(list.get(1).cpuPct()).isCloseTo(75.0, within(1e-9));
    assertThat(list.get(1).cpuPctOfLimit()).as("of 2 cores").isCloseTo(37.5, within(1e-9));
    assertThat(list.get(0).cpuPct()).isZero();
  }

  @Test
  void aFailingDockerIsLoggedOnceAndContainersAreStillListed() throws Exception {
    try (FakeDockerDaemon dockerd = new FakeDockerDaemon(run.resolve("docker.sock"));
        LogCapture log = new LogCapture(Containers.class)) {
      dockerd.answerRaw(
          "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      Containers containers = containers(cgroup, dockerd.socket);

      List<ContainerInfo> list = List.of();
      for (int i = 1; i <= 4; i++) {
        list = next(containers, i * 3 * SECOND); // every 3 s: asked again after 5 s
      }

      assertThat(list).extracting(ContainerInfo::id).containsExactly(IDLE, WEB);
      assertThat(list).extracting(ContainerInfo::name).containsOnlyNulls();
      assertThat(dockerd.requests).hasSizeGreaterThan(1);
      assertThat(log.at(Level.WARNING)).hasSize(1);
      assertThat(log.at(Level.WARNING).get(0).getMessage()).contains("500");
    }
  }

  @Test
  void dockerIsNotAskedAgainWhileNothingChanges() throws Exception {
    try (FakeDockerDaemon dockerd = new FakeDockerDaemon(run.resolve("docker.sock"))) {
      dockerd.answer(FakeDockerDaemon.capture("/docker/containers-json-v1.41.json"));
      Containers containers = containers(cgroup, dockerd.socket);

      next(containers, SECOND);
      int first = dockerd.apiRequests().size(); // the list and one inspect each
      next(containers, 2 * SECOND);
      assertThat(dockerd.apiRequests()).hasSize(first);

      Files.createDirectories(cgroup.resolve("memory/docker/" + "f".repeat(64)));
      List<ContainerInfo> list = next(containers, 3 * SECOND);

      assertThat(dockerd.apiRequests())
          .as("a new container cgroup: listed again")
          .contains("GET /v1.41/containers/json?all=1 HTTP/1.1")
          .hasSizeGreaterThan(first);
      assertThat(list).extracting(ContainerInfo::id).contains("f".repeat(64));
    }
  }

  @Test
  void theHostSamplerCarriesContainersFromTheConfiguredCgroupRootAndSocket(@TempDir Path proc)
      throws Exception {
    try (FakeDockerDaemon dockerd = new FakeDockerDaemon(run.resolve("docker.sock"))) {
      dockerd.answer(FakeDockerDaemon.capture("/docker/containers-json-v1.41.json"));
      new FakeProc(proc).host("this-machine", "100.00");
      HostSampler sampler =
          new HostSampler(
              new ProcRoot(proc),
              java.time.Clock.systemUTC(),
              SourceSettings.DEFAULTS
                  .withCgroupRoot(cgroup)
                  .withDockerSocket(dockerd.socket)
                  .withPasswdFile(run.resolve("passwd")));

      List<ContainerInfo> list = sampler.sample("a", "h", 1).containers();

      assertThat(list)
          .extracting(ContainerInfo::name)
          .containsExactly("exited-job", "idle-one", "web-1");
    }
  }
}
