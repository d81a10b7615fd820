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
        .isEqualTo(new CgroupContainers.Reading(WEB, 331776L, 67108864L, 5783377340L, null));
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
        .isEqualTo(new CgroupContainers.Reading(WEB, 331776L, 67108864L, 5783377000L, null));
    assertThat(found.get(IDLE).memLimitBytes()).as("memory.max 'max'").isNull();
    assertThat(found.get(IDLE).memUsedBytes())
        .as("memory.current 327680 less inactive_file 122880")
        .isEqualTo(204800L);
    assertThat(found.get(IDLE).cpuLimitCores()).as("cpu.max 150000 100000").isEqualTo(1.5);
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
                WEB, new CgroupContainers.Reading(WEB, 331776L, 67108864L, 5783377340L, null)));
  }

  @Test
  void readsLimitsAgainEveryTenthReadAndUsageEveryRead(@TempDir Path root) throws Exception {
    Path mem = root.resolve("memory/docker/" + WEB);
    Path cpu = root.resolve("cpu,cpuacct/docker/" + WEB);
    java.nio.file.Files.createDirectories(mem);
    java.nio.file.Files.createDirectories(cpu);
    java.nio.file.Files.writeString(mem.resolve("memory.usage_in_bytes"), "1000\n");
    java.nio.file.Files.writeString(mem.resolve("memory.limit_in_bytes"), "67108864\n");
    java.nio.file.Files.writeString(
        mem.resolve("memory.stat"), "total_inactive_file_x 7\ntotal_inactive_file 400\n");
    java.nio.file.Files.writeString(cpu.resolve("cpuacct.usage"), "5\n");
    CgroupContainers cgroups = new CgroupContainers(root);
    assertThat(cgroups.read().get(WEB))
        .isEqualTo(new CgroupContainers.Reading(WEB, 600L, 67108864L, 5L, null));

    // docker update -m 128m, and the container works on
    java.nio.file.Files.writeString(mem.resolve("memory.limit_in_bytes"), "134217728\n");
    java.nio.file.Files.writeString(mem.resolve("memory.usage_in_bytes"), "2000\n");
    java.nio.file.Files.writeString(cpu.resolve("cpuacct.usage"), "9\n");
    for (int i = 1; i < CgroupContainers.LIMITS_EVERY; i++) {
      CgroupContainers.Reading r = cgroups.read().get(WEB);
      assertThat(r.memUsedBytes()).isEqualTo(1600L);
      assertThat(r.cpuNs()).isEqualTo(9L);
      assertThat(r.memLimitBytes()).as("read " + i).isEqualTo(67108864L);
    }
    assertThat(cgroups.read().get(WEB).memLimitBytes()).isEqualTo(134217728L);
  }

  @Test
  void memoryStatIsReadAgainWhenTheUsageMovesAndOtherwiseEveryFifthRead(@TempDir Path root)
      throws Exception {
    Path mem = root.resolve("memory/docker/" + WEB);
    java.nio.file.Files.createDirectories(mem);
    java.nio.file.Files.createDirectories(root.resolve("cpuacct/docker/" + WEB));
    java.nio.file.Files.writeString(mem.resolve("memory.usage_in_bytes"), "1000\n");
    java.nio.file.Files.writeString(mem.resolve("memory.stat"), "total_inactive_file 400\n");
    CgroupContainers cgroups = new CgroupContainers(root);
    assertThat(cgroups.read().get(WEB).memUsedBytes()).isEqualTo(600L);

    // pages go active while the usage stands still: seen within MEMORY_STAT_EVERY reads
    java.nio.file.Files.writeString(mem.resolve("memory.stat"), "total_inactive_file 100\n");
    for (int i = 1; i < CgroupContainers.MEMORY_STAT_EVERY; i++) {
      assertThat(cgroups.read().get(WEB).memUsedBytes()).as("read " + i).isEqualTo(600L);
    }
    assertThat(cgroups.read().get(WEB).memUsedBytes()).isEqualTo(900L);

    // the usage moves: memory.stat is read with it
    java.nio.file.Files.writeString(mem.resolve("memory.usage_in_bytes"), "2000\n");
    java.nio.file.Files.writeString(mem.resolve("memory.stat"), "total_inactive_file 500\n");
    assertThat(cgroups.read().get(WEB).memUsedBytes()).isEqualTo(1500L);
    cgroups.close();
  }

  @Test
  void aGoneContainersFilesAreClosed(@TempDir Path root) throws Exception {
    Path mem = root.resolve("memory/docker/" + WEB);
    java.nio.file.Files.createDirectories(mem);
    java.nio.file.Files.writeString(mem.resolve("memory.usage_in_bytes"), "1000\n");
    java.nio.file.Files.writeString(mem.resolve("memory.stat"), "total_inactive_file 400\n");
    CgroupContainers cgroups = new CgroupContainers(root);
    assertThat(cgroups.read()).containsOnlyKeys(WEB);
    assertThat(openBelow(root)).as("usage and memory.stat kept open").isEqualTo(2);

    for (String f : List.of("memory.usage_in_bytes", "memory.stat")) {
      java.nio.file.Files.delete(mem.resolve(f));
    }
    java.nio.file.Files.delete(mem);
    assertThat(cgroups.read()).isEmpty();
    assertThat(openBelow(root)).isZero();
  }

  /** This process's open descriptors on files below {@code dir} (deleted ones included). */
  private static long openBelow(Path dir) throws java.io.IOException {
    try (var fds = java.nio.file.Files.list(Path.of("/proc/self/fd"))) {
      return fds.map(
              fd -> {
                try {
                  return java.nio.file.Files.readSymbolicLink(fd).toString();
                } catch (java.io.IOException closedMeanwhile) {
                  return "";
                }
              })
          .filter(target -> target.startsWith(dir.toString()))
          .count();
    }
  }

  @Test
  void noCgroupfsMeansNoContainers(@TempDir Path empty) {
    assertThat(new CgroupContainers(empty).read()).isEmpty();
    assertThat(new CgroupContainers(empty.resolve("absent")).read()).isEmpty();
  }

  @Test
  void cpuStatUsageIsInMicroseconds() {
    assertThat(CgroupContainers.statValue(bytes("usage_usec 5783377\nuser_usec 1\n"), "usage_usec"))
        .isEqualTo(OptionalLong.of(5783377));
    assertThat(CgroupContainers.statValue(bytes("usage_usec\n"), "usage_usec")).isEmpty();
    assertThat(CgroupContainers.statValue(bytes("usage_usec 5 6\n"), "usage_usec")).isEmpty();
    assertThat(CgroupContainers.statValue(bytes("  user_usec 1\n  usage_usec 7"), "usage_usec"))
        .as("indented, no final newline")
        .isEqualTo(OptionalLong.of(7));
  }

  @Test
  void oneNumberFilesParseWithoutStrings() {
    assertThat(CgroupContainers.number(bytes("331776\n"))).isEqualTo(331776L);
    assertThat(CgroupContainers.number(bytes("9223372036854771712\n")))
        .isEqualTo(9223372036854771712L);
    assertThat(CgroupContainers.number(bytes("99999999999999999999\n"))).as("too big").isNull();
    assertThat(CgroupContainers.number(bytes("-1\n"))).isNull();
    assertThat(CgroupContainers.number(bytes("max\n"))).isNull();
    assertThat(CgroupContainers.number(bytes(""))).isNull();
  }

  private static java.nio.ByteBuffer bytes(String s) {
    return java.nio.ByteBuffer.wrap(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  @Test
  void theHybridLayoutIsReadAsV1WithInactiveFileAndCfsQuota() {
    // captured on this machine: v1 controllers plus an empty unified/ v2 tree
    var found = new CgroupContainers(Fixtures.resource("/cgroup/hybrid")).read();

    var burn = found.get("afead677c5f9e96ee10e11574a052aaf623186fd8525041210e7deb5ffbee6d3");
    assertThat(burn.cpuLimitCores()).as("--cpus 0.5: quota 50000 / period 100000").isEqualTo(0.5);
    assertThat(burn.memLimitBytes()).isNull();
  }

  @Test
  void cpuLimitsParse() {
    assertThat(CgroupContainers.cpuMaxV2("max 100000")).isNull();
    assertThat(CgroupContainers.cpuMaxV2("50000 100000")).isEqualTo(0.5);
    assertThat(CgroupContainers.cpuMaxV2("garbage")).isNull();
    assertThat(CgroupContainers.cfsLimit(-1L, 100000L)).isNull();
    assertThat(CgroupContainers.cfsLimit(200000L, 100000L)).isEqualTo(2.0);
  }
}
