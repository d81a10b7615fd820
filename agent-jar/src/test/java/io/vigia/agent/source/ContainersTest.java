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

  @Test
  void withoutDockerContainersComeFromCgroupsAsRunningWithoutNames() {
    List<ContainerInfo> list = new Containers(cgroup, run.resolve("docker.sock")).next(SECOND);

    assertThat(list)
        .containsExactly(
            new ContainerInfo(IDLE, null, null, "running", null, 327680L, null),
            new ContainerInfo(WEB, null, null, "running", null, 331776L, 67108864L));
  }

  @Test
  void dockerGivesNamesImagesAndStatesAndListsStoppedContainersToo() throws Exception {
    try (FakeDockerDaemon dockerd = new FakeDockerDaemon(run.resolve("docker.sock"))) {
      dockerd.answer(FakeDockerDaemon.capture("/docker/containers-json-v1.41.json"));

      List<ContainerInfo> list = new Containers(cgroup, dockerd.socket).next(SECOND);

      assertThat(list)
          .containsExactly(
              new ContainerInfo(
                  EXITED, "exited-job", "vigia/busybox:1", "exited", null, null, null),
              new ContainerInfo(
                  IDLE, "idle-one", "vigia/busybox:1", "running", null, 327680L, null),
              new ContainerInfo(
                  WEB, "web-1", "vigia/busybox:1", "running", null, 331776L, 67108864L));
    }
  }

  @Test
  void cpuPercentComesFromTheUsageDeltaOverElapsedTime() throws Exception {
    Containers containers = new Containers(cgroup, run.resolve("docker.sock"));
    setCpuacctUsage(WEB, 5_000_000_000L);
    containers.next(10 * SECOND);
    setCpuacctUsage(WEB, 6_500_000_000L); // 1.5 s of CPU in 2 s

    List<ContainerInfo> list = containers.next(12 * SECOND);

    assertThat(list.get(1).id()).isEqualTo(WEB);
    assertThat(list.get(1).cpuPct()).isCloseTo(75.0, within(1e-9));
    assertThat(list.get(0).cpuPct()).isZero();
  }

  @Test
  void aFailingDockerIsLoggedOnceAndContainersAreStillListed() throws Exception {
    try (FakeDockerDaemon dockerd = new FakeDockerDaemon(run.resolve("docker.sock"));
        LogCapture log = new LogCapture(Containers.class)) {
      dockerd.answerRaw(
          "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      Containers containers = new Containers(cgroup, dockerd.socket);

      List<ContainerInfo> list = List.of();
      for (int i = 1; i <= 4; i++) {
        list = containers.next(i * 3 * SECOND); // every 3 s: asked again after 5 s
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
      Containers containers = new Containers(cgroup, dockerd.socket);

      containers.next(SECOND);
      containers.next(2 * SECOND);
      assertThat(dockerd.requests).hasSize(1);

      Files.createDirectories(cgroup.resolve("memory/docker/" + "f".repeat(64)));
      List<ContainerInfo> list = containers.next(3 * SECOND);

      assertThat(dockerd.requests).as("a new container cgroup").hasSize(2);
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
