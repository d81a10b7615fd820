package io.vigia.agent.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CpuStatTest {

  @Test
  void readsHostTotalAndOneEntryPerCoreFromStat() throws Exception {
    CpuStat.Reading r = new CpuStat(Fixtures.proc("this-machine")).read().orElseThrow();

    // cpu  103645 0 17176 268840 900 0 272 60 0 0
    assertThat(r.total()).isEqualTo(new CpuTimes(103645, 0, 17176, 268840, 900, 0, 272, 60));
    assertThat(r.cores()).hasSize(2);
    // cpu0 51393 0 7613 135973 135 0 85 26 0 0
    assertThat(r.cores().get(0)).isEqualTo(new CpuTimes(51393, 0, 7613, 135973, 135, 0, 85, 26));
    // cpu1 52252 0 9563 132866 765 0 186 34 0 0
    assertThat(r.cores().get(1)).isEqualTo(new CpuTimes(52252, 0, 9563, 132866, 765, 0, 186, 34));
  }

  @Test
  void numberOfCoresIsTheNumberOfCpuNLines() throws Exception {
    CpuStat.Reading r = new CpuStat(Fixtures.proc("many-cpus")).read().orElseThrow();

    assertThat(r.cores()).hasSize(64);
    assertThat(r.total())
        .isEqualTo(new CpuTimes(79964704, 9696, 17235808, 567736416, 226272, 0, 382496, 0));
    // cpu63 1498897 183 288619 8741763 4071 0 6953 0 0 0: the last core, in the kernel's order
    assertThat(r.cores().get(63))
        .isEqualTo(new CpuTimes(1498897, 183, 288619, 8741763, 4071, 0, 6953, 0));
  }

  @Test
  void readsTheKernelModuleTeamsQemuGuest() {
    CpuStat.Reading r = CpuStat.parse(Fixtures.lines("/kernel-module/stat.txt")).orElseThrow();

    assertThat(r.total()).isEqualTo(new CpuTimes(45, 0, 260, 338, 0, 0, 1, 0));
    assertThat(r.cores())
        .containsExactly(
            new CpuTimes(20, 0, 155, 150, 0, 0, 1, 0), new CpuTimes(25, 0, 105, 187, 0, 0, 0, 0));
  }

  @Test
  void partialCpuLineGivesNoReading() throws Exception {
    // The file is "cpu  103645 0 171": cut inside the third number, no idle column at all.
    assertThat(new CpuStat(Fixtures.proc("truncated")).read()).isEmpty();
  }

  @Test
  void emptyFileGivesNoReading() {
    assertThat(CpuStat.parse(List.of())).isEmpty();
  }

  @Test
  void coreLinesWithoutTheHostLineGiveNoReading() {
    assertThat(CpuStat.parse(List.of("cpu0 10 0 5 100 1 0 0 0 0 0", "ctxt 1578"))).isEmpty();
  }

  @Test
  void readsStatOfAnOldKernelWithOnlyFourNumbersPerLine() {
    CpuStat.Reading r =
        CpuStat.parse(
                List.of(
                    "cpu  4705 356 584 3699",
                    "cpu0 1393 280 290 1949",
                    "cpu1 3312 76 294 1750",
                    "page 5741 1808",
                    "intr 1462898",
                    "ctxt 115315",
                    "btime 769041601",
                    "processes 86031"))
            .orElseThrow();

    assertThat(r.total()).isEqualTo(new CpuTimes(4705, 356, 584, 3699, 0, 0, 0, 0));
    assertThat(r.cores()).hasSize(2);
  }

  @Test
  void linesThatAreNotCpuLinesAreIgnored() {
    CpuStat.Reading r =
        CpuStat.parse(
                List.of(
                    "intr 1616 72 9 0",
                    "cpu  45 0 260 338 0 0 1 0 0 0",
                    "ctxt 1578",
                    "softirq 723 0 114 0 0 0 0 1 314 0 294"))
            .orElseThrow();

    assertThat(r.total()).isEqualTo(new CpuTimes(45, 0, 260, 338, 0, 0, 1, 0));
    assertThat(r.cores()).isEmpty();
  }
}
