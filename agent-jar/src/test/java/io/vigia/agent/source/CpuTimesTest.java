package io.vigia.agent.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CpuTimesTest {

  private static CpuTimes host(String fixture) {
    return CpuStat.parse(Fixtures.lines(fixture)).orElseThrow().total();
  }

  @Test
  void cpuPercentOfTwoCoresUnderFullLoadIsHigh() {
    // busy/t0: cpu  103846 0 17178 268840 900 0 272 60 0 0 -> total 391096, idle+iowait 269740
    // busy/t1: cpu  104641 0 17185 268841 900 0 272 60 0 0 -> total 391899, idle+iowait 269741
    // 4 s apart with two sha256sum on two cores: (803 - 1) / 803 = 99.875 %
    CpuTimes t0 = host("/proc/busy/t0/stat");
    CpuTimes t1 = host("/proc/busy/t1/stat");

    assertThat(t1.busyPctSince(t0))
        .hasValueSatisfying(
            pct -> assertThat(pct).isGreaterThan(50).isCloseTo(99.875, within(0.001)));
  }

  @Test
  void cpuPercentOfOneCoreComesFromItsOwnLine() {
    // cpu1 t0: 52352 0 9564 132866 765 0 186 34 -> total 195767, idle+iowait 133631
    // cpu1 t1: 52749 0 9568 132867 765 0 186 34 -> total 196169, idle+iowait 133632
    // (402 - 1) / 402 = 99.751 %
    CpuTimes t0 = CpuStat.parse(Fixtures.lines("/proc/busy/t0/stat")).orElseThrow().cores().get(1);
    CpuTimes t1 = CpuStat.parse(Fixtures.lines("/proc/busy/t1/stat")).orElseThrow().cores().get(1);

    assertThat(t1.busyPctSince(t0))
        .hasValueSatisfying(pct -> assertThat(pct).isCloseTo(99.751, within(0.001)));
  }

  @Test
  void cpuPercentBetweenTheKernelModuleTeamsIdleAndBusyCaptures() {
    // stat.txt:      cpu  45 0 260 338 0 0 1 0 0 0 -> total 644,  idle+iowait 338
    // stat-busy.txt: cpu  59 0 509 588 0 0 1 0 0 0 -> total 1157, idle+iowait 588
    // (513 - 250) / 513 = 51.267 %
    CpuTimes idle = host("/kernel-module/stat.txt");
    CpuTimes busy = host("/kernel-module/stat-busy.txt");

    assertThat(busy.busyPctSince(idle))
        .hasValueSatisfying(pct -> assertThat(pct).isCloseTo(51.267, within(0.001)));
  }

  @Test
  void cpuPercentIsEmptyWhenCountersGoBackwards() {
    CpuTimes t0 = host("/proc/busy/t0/stat");
    CpuTimes t1 = host("/proc/busy/t1/stat");

    assertThat(t0.busyPctSince(t1)).isEmpty();
  }

  @Test
  void cpuPercentIsEmptyWhenReadingsComeFromDifferentHosts() {
    // The 64-core box's counters are far ahead of this machine's: a mix-up, not a percentage.
    assertThat(host("/proc/this-machine/stat").busyPctSince(host("/proc/many-cpus/stat")))
        .isEmpty();
  }

  @Test
  void cpuPercentIsEmptyWhenNoTimePassed() {
    CpuTimes t = host("/proc/this-machine/stat");

    assertThat(t.busyPctSince(t)).isEmpty();
  }

  @Test
  void cpuPercentIsEmptyWhenIdleGrowsMoreThanTotal() {
    CpuTimes earlier = new CpuTimes(100, 0, 50, 1000, 10, 0, 0, 0);
    CpuTimes later = new CpuTimes(90, 0, 50, 1020, 10, 0, 0, 0); // total +10, idle +20

    assertThat(later.busyPctSince(earlier)).isEmpty();
  }

  @Test
  void cpuPercentIsEmptyWhenIowaitGoesBackwards() {
    CpuTimes earlier = new CpuTimes(100, 0, 50, 1000, 10, 0, 0, 0);
    CpuTimes later = new CpuTimes(200, 0, 50, 1000, 5, 0, 0, 0); // total +95, idle+iowait -5

    assertThat(later.busyPctSince(earlier)).isEmpty();
  }

  @Test
  void fullyIdleIntervalIsARealZeroPercent() {
    CpuTimes earlier = new CpuTimes(100, 0, 50, 1000, 10, 0, 0, 0);
    CpuTimes later = new CpuTimes(100, 0, 50, 1090, 20, 0, 0, 0);

    assertThat(later.busyPctSince(earlier)).contains(0.0);
  }

  @Test
  void fullyBusyIntervalIsHundredPercentCountingIrqSoftirqAndSteal() {
    CpuTimes earlier = new CpuTimes(100, 5, 50, 1000, 10, 1, 2, 3);
    CpuTimes later = new CpuTimes(160, 15, 70, 1000, 10, 4, 6, 8); // +60 +10 +20 +3 +4 +5

    assertThat(later.busyPctSince(earlier)).contains(100.0);
  }

  @Test
  void readsAllTenColumnsButLeavesGuestOutOfTheTotal() {
    // user nice system idle iowait irq softirq steal guest guest_nice
    CpuTimes t = CpuTimes.of("cpu 10 20 30 40 50 60 70 80 90 100".split(" ")).orElseThrow();

    assertThat(t).isEqualTo(new CpuTimes(10, 20, 30, 40, 50, 60, 70, 80));
    // guest (90) and guest_nice (100) are already inside user and nice
    assertThat(t.total()).isEqualTo(360);
    assertThat(t.idleAll()).isEqualTo(90);
  }

  @Test
  void readsALineWithOnlyFourNumbersFromAnOldKernel() {
    // Before 2.5.41 a line stopped after idle: no iowait, irq, softirq, steal or guest columns.
    CpuTimes t = CpuTimes.of("cpu 10 2 30 400".split(" ")).orElseThrow();

    assertThat(t).isEqualTo(new CpuTimes(10, 2, 30, 400, 0, 0, 0, 0));
    assertThat(t.total()).isEqualTo(442);
  }

  @Test
  void lineWithFewerThanFourNumbersIsNotATime() {
    assertThat(CpuTimes.of("cpu 10 2 30".split(" "))).isEmpty();
    assertThat(CpuTimes.of(new String[] {"cpu"})).isEmpty();
  }

  @Test
  void lineWithANonNumericFieldIsNotATime() {
    assertThat(CpuTimes.of("cpu 10 2 thirty 400".split(" "))).isEmpty();
  }
}
