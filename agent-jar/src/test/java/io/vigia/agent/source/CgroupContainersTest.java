package io.vigia.agent.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupContainersTest {

  static final String WEB = "904254a5c3b26bbfb2af1c999196ec3843a9b5886237280a0a13da2eada80aaa";
  static final String IDLE = "2341bee57364f2f29b73aa05bf37c289d9c76eb7bf9396c65b59cf60c23e9037";

  @Test
  void readsV1MemoryUsageLimitAndCpuacctUsagePerContainer() {
    // captured from dockerd 20.10 (cgroupfs driver) on this machine's cgroup v1
    var found = new CgroupContainers(Fixtures.resource("/cgroup/v1")).read();

    assertThat(found).containsOnlyKeys(IDLE, WEB);
    assertThat(found.get(WEB))
        .isEqualTo(new CgroupContainers.Reading(WEB, 331776L, 67108864L, 5783377340L));
  }

  @Test
  void theV1NoLimitValueMeansNoLimit() {
    // memory.limit_in_bytes 9223372036854771712
    var found = new CgroupContainers(Fixtures.resource("/cgroup/v1")).read();

    assertThat(found.get(IDLE).memLimitBytes()).isNull();
    assertThat(found.get(IDLE).memUsedBytes()).isEqualTo(327680L);
    assertThat(found.get(IDLE).cpuNs()).isEqualTo(21988108L);
  }

  @Test
  void readsV2ScopesWithMemoryCurrentMaxAndCpuStatUsage() {
    var found = new CgroupContainers(Fixtures.resource("/cgroup/v2")).read();

    assertThat(found).containsOnlyKeys(IDLE, WEB); // ssh.service is not a container
    assertThat(found.get(WEB))
        .isEqualTo(new CgroupContainers.Reading(WEB, 331776L, 67108864L, 5783377000L));
    assertThat(found.get(IDLE).memLimitBytes()).as("memory.max 'max'").isNull();
  }

  @Test
  void readsV1ScopesOfDockersSystemdDriver(@TempDir Path root) throws Exception {
    Path mem = root.resolve("memory/system.slice/docker-" + WEB + ".scope");
    Path cpu = root.resolve("cpu,cpuacct/system.slice/docker-" + WEB + ".scope");
    java.nio.file.Files.createDirectories(mem);
    java.nio.file.Files.createDirectories(cpu);
    java.nio.file.Files.createDirectories(root.resolve("memory/system.slice/ssh.service"));
    java.nio.file.Files.writeString(mem.resolve("memory.usage_in_bytes"), "331776\n");
    java.nio.file.Files.writeString(mem.resolve("memory.limit_in_bytes"), "67108864\n");
    java.nio.file.Files.writeString(cpu.resolve("cpuacct.usage"), "5783377340\n");

    assertThat(new CgroupContainers(root).read())
        .containsExactly(
            java.util.Map.entry(
                WEB, new CgroupContainers.Reading(WEB, 331776L, 67108864L, 5783377340L)));
  }

  @Test
  void noCgroupfsMeansNoContainers(@TempDir Path empty) {
    assertThat(new CgroupContainers(empty).read()).isEmpty();
    assertThat(new CgroupContainers(empty.resolve("absent")).read()).isEmpty();
  }

  @Test
  void cpuStatUsageIsInMicroseconds() {
    assertThat(CgroupContainers.parseCpuStat(List.of("usage_usec 5783377", "user_usec 1")))
        .isEqualTo(OptionalLong.of(5783377));
    assertThat(CgroupContainers.parseCpuStat(List.of("usage_usec"))).isEmpty();
  }
}
