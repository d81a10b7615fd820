package io.vigia.agent.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigia.wire.Memory;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemInfoTest {

  @Test
  void readsTotalAndAvailableFromMeminfo() throws Exception {
    Memory m = new MemInfo(Fixtures.proc("this-machine")).read();

    assertThat(m.totalKb()).isEqualTo(24683656L);
    assertThat(m.freeKb()).isEqualTo(22152500L);
    assertThat(m.availableKb()).isEqualTo(23263276L);
    assertThat(m.buffersKb()).isEqualTo(6076L);
    assertThat(m.cachedKb()).isEqualTo(1255216L);
  }

  @Test
  void keepsARealZeroSwapAsZeroNotAbsent() throws Exception {
    // This machine has no swap: the kernel prints "SwapTotal: 0 kB", a value, not a missing one.
    Memory m = new MemInfo(Fixtures.proc("this-machine")).read();

    assertThat(m.swapTotalKb()).isZero();
    assertThat(m.swapFreeKb()).isZero();
  }

  @Test
  void usedPercentIsTotalMinusAvailableOverTotal() throws Exception {
    Memory m = new MemInfo(Fixtures.proc("this-machine")).read();

    // (24683656 - 23263276) / 24683656 = 1420380 / 24683656 = 5.7543 %
    assertThat(m.usedKb()).isEqualTo(1420380L);
    assertThat(m.usedPct()).isCloseTo(5.7543, within(0.0001));
  }

  @Test
  void readsALargeBoxWithoutOverflow() throws Exception {
    Memory m = new MemInfo(Fixtures.proc("many-cpus")).read();

    assertThat(m.totalKb()).isEqualTo(528216604L);
    assertThat(m.availableKb()).isEqualTo(412385764L);
    assertThat(m.swapTotalKb()).isEqualTo(8388604L);
    assertThat(m.swapFreeKb()).isEqualTo(8372988L);
    // (528216604 - 412385764) / 528216604 = 115830840 / 528216604 = 21.9287 %
    assertThat(m.usedPct()).isCloseTo(21.9287, within(0.0001));
  }

  @Test
  void readsTheKernelModuleTeamsQemuGuest() {
    Memory idle = MemInfo.parse(Fixtures.lines("/kernel-module/meminfo.txt"));
    Memory busy = MemInfo.parse(Fixtures.lines("/kernel-module/meminfo-busy.txt"));

    assertThat(idle.totalKb()).isEqualTo(468168L);
    assertThat(idle.availableKb()).isEqualTo(438008L);
    assertThat(idle.cachedKb()).isEqualTo(3512L);
    assertThat(idle.buffersKb()).isZero();
    // (468168 - 438008) / 468168 = 30160 / 468168 = 6.4421 %
    assertThat(idle.usedPct()).isCloseTo(6.4421, within(0.0001));

    assertThat(busy.totalKb()).isEqualTo(468168L);
    assertThat(busy.availableKb()).isEqualTo(173376L);
    // (468168 - 173376) / 468168 = 294792 / 468168 = 62.9671 %
    assertThat(busy.usedPct()).isCloseTo(62.9671, within(0.0001));
  }

  @Test
  void valueCutBeforeItsUnitIsAbsentNotAShortNumber() throws Exception {
    // The file ends in "MemAvailable:   2326": the real value is 23263276 kB, cut mid-number.
    Memory m = new MemInfo(Fixtures.proc("truncated")).read();

    assertThat(m.totalKb()).isEqualTo(24683656L);
    assertThat(m.freeKb()).isEqualTo(22152500L);
    assertThat(m.availableKb()).isNull();
    assertThat(m.usedKb()).isNull();
    assertThat(m.usedPct()).isNull();
  }

  @Test
  void keysMissingFromTheFileAreAbsent() {
    Memory m = MemInfo.parse(List.of("MemTotal:        1000 kB", "MemFree:          400 kB"));

    assertThat(m.totalKb()).isEqualTo(1000L);
    assertThat(m.freeKb()).isEqualTo(400L);
    assertThat(m.availableKb()).isNull();
    assertThat(m.buffersKb()).isNull();
    assertThat(m.cachedKb()).isNull();
    assertThat(m.swapTotalKb()).isNull();
    assertThat(m.swapFreeKb()).isNull();
  }

  @Test
  void emptyFileGivesAllFieldsAbsent() {
    Memory m = MemInfo.parse(List.of());

    assertThat(m).isEqualTo(new Memory(null, null, null, null, null, null, null));
    assertThat(m.usedPct()).isNull();
  }

  @Test
  void ignoresGarbageAndLinesWithoutAValue() {
    Memory m =
        MemInfo.parse(
            List.of(
                "MemTotal:", // cut right after the colon
                "MemFree:        lots kB",
                ": 12 kB",
                "no colon at all",
                "Buffers:            6076 kB"));

    assertThat(m.totalKb()).isNull();
    assertThat(m.freeKb()).isNull();
    assertThat(m.buffersKb()).isEqualTo(6076L);
  }
}
