package io.vigia.agent.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigia.wire.Batch;
import io.vigia.wire.Memory;
import io.vigia.wire.ProcessCounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same moment read through the kernel module and through plain /proc: the QEMU test captured
 * vigia_ram, vigia_cpu, /proc/meminfo and /proc/stat one right after the other in one guest.
 */
class HostSourcesAgreeTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-22T23:00:00Z"), ZoneOffset.UTC);

  @TempDir Path proc;
  @TempDir Path elsewhere;

  /** A proc root holding one capture: "" for the quiet one, "-busy" for the 3,000-process one. */
  private void showCapture(String suffix) throws Exception {
    copy("vigia_ram" + suffix + ".json", "vigia_ram");
    copy("vigia_cpu" + suffix + ".json", "vigia_cpu");
    copy("meminfo" + suffix + ".txt", "meminfo");
    copy("stat" + suffix + ".txt", "stat");
    Files.copy(Fixtures.resource("/proc/this-machine/loadavg"), proc.resolve("loadavg"));
  }

  private void copy(String capture, String as) throws Exception {
    Files.copy(
        Fixtures.resource("/kernel-module/" + capture),
        proc.resolve(as),
        StandardCopyOption.REPLACE_EXISTING);
  }

  private SourceSettings settings() {
    return SourceSettings.DEFAULTS
        .withCgroupRoot(elsewhere)
        .withDockerSocket(elsewhere.resolve("docker.sock"))
        .withPasswdFile(elsewhere.resolve("passwd"));
  }

  private Batch fromModule() {
    return new HostSampler(new ProcRoot(proc), CLOCK, settings()).sample("a", "h", 1);
  }

  private Batch fromProc() throws Exception {
    Files.delete(proc.resolve("vigia_ram"));
    Files.delete(proc.resolve("vigia_cpu"));
    return new HostSampler(new ProcRoot(proc), CLOCK, settings()).sample("a", "h", 1);
  }

  @ParameterizedTest(name = "capture \"{0}\"")
  @ValueSource(strings = {"", "-busy"})
  void memoryAgreesToTheKilobyteWithSwapTotalTakenFromMeminfo(String capture) throws Exception {
    showCapture(capture);

    Batch module = fromModule();
    Batch plain = fromProc();

    assertThat(module.source()).isEqualTo("module");
    assertThat(plain.source()).isEqualTo("proc");
    Memory m = module.memory();
    Memory p = plain.memory();
    assertThat(m.swapTotalKb()).as("the module cannot know it: from meminfo").isEqualTo(0L);
    for (long[] pair :
        new long[][] {
          {m.totalKb(), p.totalKb()},
          {m.freeKb(), p.freeKb()},
          {m.availableKb(), p.availableKb()},
          {m.buffersKb(), p.buffersKb()},
          {m.cachedKb(), p.cachedKb()},
          {m.swapFreeKb(), p.swapFreeKb()}
        }) {
      assertThat(pair[0]).isBetween(pair[1] - 4, pair[1] + 4);
    }
  }

  @ParameterizedTest(name = "capture \"{0}\"")
  @ValueSource(strings = {"", "-busy"})
  void cpuCountersAreEqualInClockTicksUpToTheTicksBetweenTheTwoReads(String capture)
      throws Exception {
    showCapture(capture);
    ModuleCpu.Reading module = new ModuleCpu(new ProcRoot(proc), "vigia_cpu").read();
    CpuStat.Reading plain = new CpuStat(new ProcRoot(proc)).read().orElseThrow();
    // /proc/stat was read right after the module, so it may be ahead by the few ticks that passed
    // (the busy capture's module read listed 3,207 tasks first); never behind.
    long slack = capture.isEmpty() ? 1 : 5;

    assertThat(module.cores()).hasSameSizeAs(plain.cores());
    assertAgree(module.total(), plain.total(), slack * module.cpus());
    for (int i = 0; i < plain.cores().size(); i++) {
      assertAgree(module.cores().get(i), plain.cores().get(i), slack);
    }
  }

  private static void assertAgree(CpuTimes ns, CpuTimes ticks, long slack) {
    long[] m = fields(ns);
    long[] p = fields(ticks);
    for (int i = 0; i < m.length; i++) {
      long converted = m[i] / Task.NANOS_PER_TICK; // nsec_to_clock_t rounds down
      assertThat(p[i])
          .as("field %d: %d ns vs %d ticks", i, m[i], p[i])
          .isBetween(converted, converted + slack);
    }
  }

  private static long[] fields(CpuTimes t) {
    return new long[] {
      t.user(), t.nice(), t.system(), t.idle(), t.iowait(), t.irq(), t.softirq(), t.steal()
    };
  }

  @ParameterizedTest(name = "capture \"{0}\"")
  @ValueSource(strings = {"", "-busy"})
  void countsAreConsistentWithTheTaskListAndWithProcStat(String capture) throws Exception {
    showCapture(capture);

    Batch module = fromModule();
    ProcessCounts counts = module.processes().counts();
    ProcessCounts fromList =
        ProcessList.count(new ModuleCpu(new ProcRoot(proc), "vigia_cpu").read().tasks());

    assertThat(module.processes().list()).hasSize(counts.total());
    assertThat(fromList.total()).isEqualTo(counts.total());
    // the header is counted when the read starts, the list as it goes: a task may have changed
    // state or a kernel worker come and gone in between (kernel-module/README.md)
    assertThat(fromList.running()).isCloseTo(counts.running(), within(1));
    assertThat(fromList.sleeping()).isCloseTo(counts.sleeping(), within(1));
    assertThat(fromList.idle()).isCloseTo(counts.idle(), within(1));
    assertThat(fromList.zombie()).isEqualTo(counts.zombie());
    assertThat(fromList.stopped()).isEqualTo(counts.stopped());
    long procsRunning =
        Fixtures.lines("/kernel-module/stat" + capture + ".txt").stream()
            .filter(l -> l.startsWith("procs_running "))
            .mapToLong(l -> Long.parseLong(l.substring(14).trim()))
            .findFirst()
            .orElseThrow();
    assertThat(Math.abs(procsRunning - counts.running())).isLessThanOrEqualTo(1);
  }

  @ParameterizedTest(name = "capture \"{0}\"")
  @ValueSource(strings = {"", "-busy"})
  void bothSourcesCountTheSameCores(String capture) throws Exception {
    showCapture(capture);

    assertThat(fromModule().cpu().cores()).isEqualTo(2);
    assertThat(fromProc().cpu().cores()).isEqualTo(2);
  }

  @org.junit.jupiter.api.Test
  void theSameProcessGetsTheSameStartTicksFromEitherSource() throws Exception {
    showCapture("");
    // What /proc/[pid]/stat of the guest printed for two processes (the QEMU check compared every
    // process this way): field 22 = nsec_to_clock_t(start_boottime) = start_ns / 10^7.
    FakeProc fake = new FakeProc(proc);
    fake.process(1, "vigia-probe", 'S', 0, 0, 40, 44, 33, 4L, "/init\0");
    fake.process(102, "worker", 'S', 99, 1234, 60, 16, 177, 120L, "worker\0");
    List<Long> viaModule =
        fromModule().processes().list().stream()
            .filter(p -> p.pid() == 1 || p.pid() == 102)
            .map(p -> p.startTicks())
            .collect(Collectors.toList());
    List<Long> viaProc =
        new PidTable(new ProcRoot(proc)).read().stream().map(Task::startTicks).toList();

    assertThat(viaModule).containsExactlyElementsOf(viaProc).containsExactly(33L, 177L);
  }
}
