package io.vigia.agent.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigia.wire.Batch;
import io.vigia.wire.ProcessCounts;
import io.vigia.wire.ProcessInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process list read from a fake /proc tree through {@link HostSampler}. */
class ProcessesFromProcTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-22T23:00:00Z"), ZoneOffset.UTC);
  private static final long MEM_TOTAL_KB = 24683656L; // proc/this-machine/meminfo

  @TempDir Path proc;
  @TempDir Path etc;
  @TempDir Path cgroup;
  private FakeProc fake;
  private SourceSettings settings;

  @BeforeEach
  void hostWithOddProcesses() throws Exception {
    fake = new FakeProc(proc).host("this-machine", "1000.00");
    Files.writeString(
        etc.resolve("passwd"),
        "root:x:0:0:root:/root:/bin/bash\nwww-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\n");
    settings =
        SourceSettings.DEFAULTS
            .withPasswdFile(etc.resolve("passwd"))
            .withCgroupRoot(cgroup)
            .withDockerSocket(cgroup.resolve("no-docker.sock"));
    fake.process(1, "systemd", 'S', 0, 0, 100, 50, 1, 12000L, "/sbin/init\0splash\0")
        .process(2, "kthreadd", 'S', 0, 0, 0, 3, 1, null, "")
        .process(15, "kworker/0:1-events", 'I', 2, 0, 0, 40, 3, null, "")
        .process(
            300,
            "Web Content",
            'R',
            1,
            33,
            500,
            100,
            5000,
            246840L,
            "/usr/lib/firefox\0-contentproc\0")
        .process(301, "a) R 1 (b", 'S', 1, 33, 0, 0, 5001, 1024L, "./a) R 1 (b\0")
        .process(302, "q\"uo\\te", 'T', 1, 1234, 1, 1, 5002, 56L, "q\"uo\\te\0--x=\"y\"\0")
        .process(303, "café-😀", 'D', 1, 0, 0, 0, 5003, 52L, "café-😀\0")
        .process(304, "defunct", 'Z', 300, 33, 2, 2, 5004, null, "");
  }

  private HostSampler sampler() {
    return new HostSampler(fake.procRoot(), CLOCK, settings);
  }

  private static Map<Integer, ProcessInfo> byPid(Batch b) {
    return b.processes().list().stream()
        .collect(Collectors.toMap(ProcessInfo::pid, Function.identity()));
  }

  @Test
  void listsEveryProcessByPidWithItsExactName() {
    Batch b = sampler().sample("a", "h", 1);

    assertThat(b.source()).isEqualTo("proc");
    assertThat(b.processes().list())
        .extracting(ProcessInfo::pid)
        .containsExactly(1, 2, 15, 300, 301, 302, 303, 304);
    assertThat(b.processes().list())
        .extracting(ProcessInfo::name)
        .containsExactly(
            "systemd",
            "kthreadd",
            "kworker/0:1-events",
            "Web Content",
            "a) R 1 (b",
            "q\"uo\\te",
            "café-😀",
            "defunct");
  }

  @Test
  void carriesParentStateStartTimeAndCommandLine() {
    ProcessInfo p = byPid(sampler().sample("a", "h", 1)).get(302);

    assertThat(p.ppid()).isEqualTo(1);
    assertThat(p.state()).isEqualTo("T");
    assertThat(p.startTicks()).isEqualTo(5002L);
    assertThat(p.command()).isEqualTo("q\"uo\\te --x=\"y\"");
  }

  @Test
  void kernelThreadsAndZombiesHaveNoCommandAndNoMemory() {
    Map<Integer, ProcessInfo> p = byPid(sampler().sample("a", "h", 1));

    assertThat(p.get(2).command()).isNull();
    assertThat(p.get(2).rssKb()).isZero();
    assertThat(p.get(304).state()).isEqualTo("Z");
    assertThat(p.get(304).command()).isNull();
    assertThat(p.get(304).rssKb()).isZero();
  }

  @Test
  void namesUsersFromPasswdAndShowsUnknownUidsAsNumbers() {
    Map<Integer, ProcessInfo> p = byPid(sampler().sample("a", "h", 1));

    assertThat(p.get(1).user()).isEqualTo("root");
    assertThat(p.get(300).user()).isEqualTo("www-data");
    assertThat(p.get(300).uid()).isEqualTo(33);
    assertThat(p.get(302).user()).isEqualTo("1234");
  }

  @Test
  void ramPercentIsResidentSetOverMemTotal() {
    ProcessInfo p = byPid(sampler().sample("a", "h", 1)).get(300);

    assertThat(p.rssKb()).isEqualTo(246840L);
    assertThat(p.ramPct()).isCloseTo(100.0 * 246840 / MEM_TOTAL_KB, within(1e-9));
  }

  @Test
  void countsProcessesByState() {
    ProcessCounts c = sampler().sample("a", "h", 1).processes().counts();

    // S: 1, 2, 301; I: 15; R: 300; T: 302; D: 303; Z: 304
    assertThat(c).isEqualTo(new ProcessCounts(8, 1, 3, 1, 1, 1, 1));
  }

  @Test
  void cpuPercentIsNullOnAProcesssFirstSampleThenComesFromTheDelta() {
    HostSampler sampler = sampler();
    Batch first = sampler.sample("a", "h", 1);
    assertThat(first.processes().list()).allSatisfy(p -> assertThat(p.cpuPct()).isNull());

    // 2 s of uptime later, Web Content used 40 + 10 ticks = 0.5 s: 25 % of one core
    fake.uptime("1002.00")
        .process(300, "Web Content", 'R', 1, 33, 540, 110, 5000, 246840L, "/usr/lib/firefox\0")
        .process(305, "newcomer", 'S', 1, 0, 9, 9, 5100, 10L, "newcomer\0");
    Map<Integer, ProcessInfo> p = byPid(sampler.sample("a", "h", 2));

    assertThat(p.get(300).cpuPct()).isCloseTo(25.0, within(1e-9));
    assertThat(p.get(1).cpuPct()).isZero();
    assertThat(p.get(305).cpuPct()).as("first sample of a new process").isNull();
  }

  @Test
  void aReusedPidIsANewProcessWithoutCpuPercent() {
    HostSampler sampler = sampler();
    sampler.sample("a", "h", 1);
    fake.uptime("1002.00").process(301, "reborn", 'S', 1, 0, 0, 0, 5190, 10L, "reborn\0");

    ProcessInfo p = byPid(sampler.sample("a", "h", 2)).get(301);

    assertThat(p.name()).isEqualTo("reborn");
    assertThat(p.startTicks()).isEqualTo(5190L);
    assertThat(p.cpuPct()).isNull();
  }

  @Test
  void aProcessThatChangesItsUserIsSeenWithinAFewSamples() {
    HostSampler sampler = sampler();
    sampler.sample("a", "h", 1);
    // a daemon dropping root for www-data after its first sample
    fake.process(1, "systemd", 'S', 0, 33, 100, 50, 1, 12000L, "/sbin/init\0splash\0");

    String user = null;
    for (int i = 2; i <= 1 + PidTable.OWNER_REFRESH_PASSES; i++) {
      user = byPid(sampler.sample("a", "h", i)).get(1).user();
    }

    assertThat(user).isEqualTo("www-data");
  }

  @Test
  void aProcessThatExitsMidReadIsSkipped() throws Exception {
    // listed by readdir, gone before its files are read: an empty folder, or stat without status
    Files.createDirectories(proc.resolve("400"));
    Files.createDirectories(proc.resolve("401"));
    Files.write(
        proc.resolve("401/stat"),
        FakeProc.stat(401, "x".getBytes(StandardCharsets.UTF_8), 'S', 1, 0, 0, 9));

    List<ProcessInfo> list = sampler().sample("a", "h", 1).processes().list();

    assertThat(list).extracting(ProcessInfo::pid).doesNotContain(400, 401).hasSize(8);
  }

  /** How long it takes is bench/agent-jmh's to say: a timed assertion fails on a busy machine. */
  @Test
  void readsTenThousandProcessesWithTheirNamesAndCommands() {
    for (int pid = 1000; pid < 11000; pid++) {
      fake.process(
          pid,
          "worker " + pid,
          'S',
          1,
          pid % 2 == 0 ? 0 : 33,
          pid,
          1,
          6000 + pid,
          100L,
          "worker\0--id=" + pid + "\0");
    }
    HostSampler sampler = sampler();
    sampler.sample("a", "h", 1);
    fake.uptime("1001.00");

    Batch b = sampler.sample("a", "h", 2);

    assertThat(b.processes().list()).hasSize(10_008);
    assertThat(b.processes().counts().total()).isEqualTo(10_008);
    assertThat(byPid(b).get(10999).name()).isEqualTo("worker 10999");
    assertThat(byPid(b).get(10999).command()).isEqualTo("worker --id=10999");
    assertThat(byPid(b).get(10999).cpuPct()).isZero();
  }
}
