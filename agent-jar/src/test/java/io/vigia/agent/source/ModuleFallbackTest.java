package io.vigia.agent.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigia.wire.Batch;
import io.vigia.wire.ProcessInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.logging.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kernel module preferred when sound, plain /proc when not, with one warning. */
class ModuleFallbackTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-22T23:00:00Z"), ZoneOffset.UTC);

  @TempDir Path proc;
  @TempDir Path elsewhere;

  @BeforeEach
  void procWithTheModulesQuietCapture() throws Exception {
    new FakeProc(proc).host("this-machine", "3.79");
    module("vigia_ram.json", "vigia_ram");
    module("vigia_cpu.json", "vigia_cpu");
  }

  private void module(String capture, String as) throws Exception {
    Files.copy(
        Fixtures.resource("/kernel-module/" + capture),
        proc.resolve(as),
        StandardCopyOption.REPLACE_EXISTING);
  }

  private HostSampler sampler(SourceSettings settings) {
    return new HostSampler(
        new ProcRoot(proc),
        CLOCK,
        settings
            .withCgroupRoot(elsewhere)
            .withDockerSocket(elsewhere.resolve("docker.sock"))
            .withPasswdFile(elsewhere.resolve("passwd")));
  }

  private HostSampler sampler() {
    return sampler(SourceSettings.DEFAULTS);
  }

  /** Samples three times and returns the last batch and how many warnings the source logged. */
  private int warningsOverThreeSamples(HostSampler sampler, Batch[] last) {
    try (LogCapture log = new LogCapture(ModuleSource.class)) {
      for (int i = 1; i <= 3; i++) {
        last[0] = sampler.sample("a", "h", i);
      }
      return log.at(Level.WARNING).size();
    }
  }

  @Test
  void prefersTheModuleWhenItsFilesAreSound() {
    Batch b = sampler().sample("a", "h", 1);

    assertThat(b.source()).isEqualTo("module");
    assertThat(b.memory().totalKb()).isEqualTo(468168L);
    assertThat(b.processes().list()).hasSize(60);
    assertThat(b.load()).as("the module has no load: from /proc").isNotNull();
  }

  @Test
  void readsRenamedEntries() throws Exception {
    Files.move(proc.resolve("vigia_ram"), proc.resolve("ram_202004725"));
    Files.move(proc.resolve("vigia_cpu"), proc.resolve("cpu_202004725"));

    Batch b =
        sampler(SourceSettings.DEFAULTS.withModuleFiles("ram_202004725", "cpu_202004725"))
            .sample("a", "h", 1);

    assertThat(b.source()).isEqualTo("module");
  }

  @Test
  void aTruncatedModuleFileFallsBackToProcWithExactlyOneWarning() throws Exception {
    byte[] whole = Files.readAllBytes(proc.resolve("vigia_cpu"));
    Files.write(proc.resolve("vigia_cpu"), Arrays.copyOf(whole, whole.length / 2));
    Batch[] last = new Batch[1];

    int warnings = warningsOverThreeSamples(sampler(), last);

    assertThat(warnings).isEqualTo(1);
    assertThat(last[0].source()).isEqualTo("proc");
    assertThat(last[0].memory().totalKb()).as("this-machine's meminfo").isEqualTo(24683656L);
  }

  @Test
  void aGarbageModuleFileFallsBackToProcWithExactlyOneWarning() throws Exception {
    Files.writeString(proc.resolve("vigia_ram"), "\u0000\u0000garbage\n");
    Batch[] last = new Batch[1];

    int warnings = warningsOverThreeSamples(sampler(), last);

    assertThat(warnings).isEqualTo(1);
    assertThat(last[0].source()).isEqualTo("proc");
  }

  @Test
  void aMissingModuleFallsBackToProcWithExactlyOneWarning() throws Exception {
    Files.delete(proc.resolve("vigia_cpu"));
    Batch[] last = new Batch[1];

    int warnings = warningsOverThreeSamples(sampler(), last);

    assertThat(warnings).isEqualTo(1);
    assertThat(last[0].source()).isEqualTo("proc");
  }

  @Test
  void aModuleThatComesBackIsUsedAgain() throws Exception {
    HostSampler sampler = sampler();
    Files.writeString(proc.resolve("vigia_cpu"), "{\"version\":1,", StandardCharsets.UTF_8);
    assertThat(sampler.sample("a", "h", 1).source()).isEqualTo("proc");
    module("vigia_cpu.json", "vigia_cpu");

    assertThat(sampler.sample("a", "h", 2).source()).isEqualTo("module");
  }

  @Test
  void cpuPercentagesComeFromModuleDeltasInNanoseconds() throws Exception {
    HostSampler sampler = sampler();
    sampler.sample("a", "h", 1);
    module("vigia_cpu-busy.json", "vigia_cpu"); // 2.66 s later in the same guest

    Batch b = sampler.sample("a", "h", 2);

    // computed from the two captures' cpu_total and cpu[] (busy = all but idle and iowait)
    assertThat(b.cpu().pct()).isCloseTo(51.33616, within(1e-4));
    assertThat(b.cpu().perCorePct().get(0)).isCloseTo(50.43837, within(1e-4));
    assertThat(b.cpu().perCorePct().get(1)).isCloseTo(52.18901, within(1e-4));
    // pid 86 "sh", same start_ns in both: (cpu_ns delta) / (now_ns delta)
    ProcessInfo sh =
        b.processes().list().stream().filter(p -> p.pid() == 86).findFirst().orElseThrow();
    assertThat(sh.cpuPct()).isCloseTo(2.36286, within(1e-4));
    assertThat(sh.startTicks()).isEqualTo(165L);
  }

  @Test
  void switchingSourcesDoesNotMixTheirCounters() throws Exception {
    HostSampler sampler = sampler();
    sampler.sample("a", "h", 1);
    Files.delete(proc.resolve("vigia_ram"));

    Batch b = sampler.sample("a", "h", 2);

    assertThat(b.source()).isEqualTo("proc");
    assertThat(b.cpu().pct()).isNull();
  }
}
