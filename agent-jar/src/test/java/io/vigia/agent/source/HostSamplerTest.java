package io.vigia.agent.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vigia.wire.Batch;
import io.vigia.wire.Load;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostSamplerTest {

  private static final Instant NOW = Instant.parse("2026-11-22T22:50:00.123Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir Path proc;

  /** Puts one fixture folder's files in {@link #proc}, as if /proc had moved on. */
  private void showFixture(String name) throws IOException {
    for (String file : new String[] {"meminfo", "stat", "loadavg"}) {
      Files.copy(
          Fixtures.resource("/proc/" + name + "/" + file),
          proc.resolve(file),
          StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Test
  void firstSampleHasNullCpuPercentButCountsCores() {
    Batch b = new HostSampler(Fixtures.proc("this-machine"), CLOCK).sample("agent-1", "web-1", 7);

    assertThat(b.cpu().pct()).isNull();
    assertThat(b.cpu().cores()).isEqualTo(2);
  }

  @Test
  void sampleCarriesIdentityAndTheClocksTime() {
    Batch b = new HostSampler(Fixtures.proc("this-machine"), CLOCK).sample("agent-1", "web-1", 7);

    assertThat(b.agentId()).isEqualTo("agent-1");
    assertThat(b.host()).isEqualTo("web-1");
    assertThat(b.seq()).isEqualTo(7L);
    assertThat(b.ts()).isEqualTo(NOW.toEpochMilli());
  }

  @Test
  void sampleCarriesMemoryAndLoadFromProc() {
    Batch b = new HostSampler(Fixtures.proc("this-machine"), CLOCK).sample("agent-1", "web-1", 7);

    assertThat(b.memory().totalKb()).isEqualTo(24683656L);
    assertThat(b.memory().availableKb()).isEqualTo(23263276L);
    assertThat(b.load()).isEqualTo(new Load(1.53, 1.57, 1.06));
  }

  @Test
  void secondSampleOfABusyMachineGivesItsCpuPercent() throws IOException {
    HostSampler sampler = new HostSampler(new ProcRoot(proc), CLOCK);
    showFixture("busy/t0");
    sampler.sample("agent-1", "web-1", 1);
    showFixture("busy/t1");

    Batch b = sampler.sample("agent-1", "web-1", 2);

    // Host line, t0 -> t1: total 391096 -> 391899, idle+iowait 269740 -> 269741
    // (803 - 1) / 803 = 99.875 % with two sha256sum keeping both cores busy
    assertThat(b.cpu().pct()).isGreaterThan(50).isCloseTo(99.875, within(0.001));
    assertThat(b.cpu().cores()).isEqualTo(2);
  }

  @Test
  void cpuPercentIsNullWhenNoTimePassedBetweenSamples() {
    HostSampler sampler = new HostSampler(Fixtures.proc("this-machine"), CLOCK);
    sampler.sample("agent-1", "web-1", 1);

    assertThat(sampler.sample("agent-1", "web-1", 2).cpu().pct()).isNull();
  }

  @Test
  void cpuPercentIsNullWhenCountersGoBackwards() throws IOException {
    HostSampler sampler = new HostSampler(new ProcRoot(proc), CLOCK);
    showFixture("busy/t1");
    sampler.sample("agent-1", "web-1", 1);
    showFixture("busy/t0");

    Batch b = sampler.sample("agent-1", "web-1", 2);

    assertThat(b.cpu().pct()).isNull();
    assertThat(b.cpu().cores()).isEqualTo(2);
  }

  @Test
  void countsSixtyFourCoresOnAManyCpuBox() {
    Batch b = new HostSampler(Fixtures.proc("many-cpus"), CLOCK).sample("agent-1", "db-1", 1);

    assertThat(b.cpu().cores()).isEqualTo(64);
    assertThat(b.memory().totalKb()).isEqualTo(528216604L);
    assertThat(b.load()).isEqualTo(new Load(38.12, 35.40, 30.07));
  }

  @Test
  void truncatedProcGivesAbsentValuesNeverZeros() {
    HostSampler sampler = new HostSampler(Fixtures.proc("truncated"), CLOCK);
    sampler.sample("agent-1", "web-1", 1);

    Batch b = sampler.sample("agent-1", "web-1", 2);

    assertThat(b.cpu().pct()).isNull();
    assertThat(b.cpu().cores()).isNull();
    assertThat(b.memory().totalKb()).isEqualTo(24683656L);
    assertThat(b.memory().availableKb()).isNull();
    assertThat(b.memory().usedPct()).isNull();
    assertThat(b.load()).isNull();
  }

  @Test
  void coresAreAbsentWhenStatIsCutAfterTheHostLine() throws IOException {
    showFixture("this-machine");
    Files.writeString(proc.resolve("stat"), "cpu  103645 0 17176 268840 900 0 272 60 0 0\n");

    Batch b = new HostSampler(new ProcRoot(proc), CLOCK).sample("agent-1", "web-1", 1);

    assertThat(b.cpu().cores()).isNull();
  }

  @Test
  void missingProcFileIsReportedNotHidden() throws IOException {
    showFixture("this-machine");
    Files.delete(proc.resolve("meminfo"));
    HostSampler sampler = new HostSampler(new ProcRoot(proc), CLOCK);

    assertThatThrownBy(() -> sampler.sample("agent-1", "web-1", 1))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("/proc");
  }
}
