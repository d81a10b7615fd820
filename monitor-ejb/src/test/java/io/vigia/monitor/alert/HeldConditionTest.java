package io.vigia.monitor.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.monitor.alert.HeldCondition.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeldConditionTest {

  private static final long NOW = 1_800_000_000_000L;
  private static final long MINUTE = 60_000;
  private static final long GAP = 5_000;

  /** One reading every {@code stepMs} from {@code fromAgoMs} before NOW up to NOW. */
  private static List<Reading> every(long stepMs, long fromAgoMs, double value) {
    List<Reading> r = new ArrayList<>();
    for (long t = NOW - fromAgoMs; t <= NOW; t += stepMs) {
      r.add(new Reading(t, value));
    }
    return r;
  }

  private static HeldCondition.Result cpuAbove90For60s(List<Reading> readings) {
    return HeldCondition.judge(readings, AlertOperator.ABOVE, 90, NOW, MINUTE, GAP);
  }

  @Test
  void holdsWhenEveryReadingOfTheLastMinuteIsAbove() {
    HeldCondition.Result r = cpuAbove90For60s(every(1_000, 120_000, 95));

    assertThat(r.verdict()).isEqualTo(Verdict.HOLDS);
    assertThat(r.value()).isEqualTo(95);
  }

  @Test
  void holdsWithReadingsSparserThanASecondButWithinTheGap() {
    assertThat(cpuAbove90For60s(every(5_000, 60_000, 95)).verdict()).isEqualTo(Verdict.HOLDS);
  }

  @Test
  void isBrokenByOneReadingInTheWindowThatIsNotAbove() {
    List<Reading> readings = every(1_000, 120_000, 95);
    readings.add(new Reading(NOW - 30_000, 90.0)); // equal is not above

    HeldCondition.Result r = cpuAbove90For60s(readings);

    assertThat(r.verdict()).isEqualTo(Verdict.BROKEN);
    assertThat(r.value()).isEqualTo(90);
  }

  @Test
  void ignoresLowReadingsBeforeTheWindow() {
    List<Reading> readings = every(1_000, 60_000, 95);
    readings.add(new Reading(NOW - 61_000, 10.0));

    assertThat(cpuAbove90For60s(readings).verdict()).isEqualTo(Verdict.HOLDS);
  }

  @Test
  void isPendingWhileTheReadingsDoNotReachBackTheWholeDuration() {
    assertThat(cpuAbove90For60s(every(1_000, 30_000, 95)).verdict()).isEqualTo(Verdict.PENDING);
  }

  @Test
  void isPendingWithoutAnyReading() {
    assertThat(cpuAbove90For60s(List.of()).verdict()).isEqualTo(Verdict.PENDING);
  }

  @Test
  void treatsReadingsWithoutValueAsAbsentNotAsZero() {
    List<Reading> readings = every(1_000, 60_000, 95);
    readings.add(new Reading(NOW - 10_000, null));

    assertThat(cpuAbove90For60s(readings).verdict()).isEqualTo(Verdict.HOLDS);
    assertThat(cpuAbove90For60s(List.of(new Reading(NOW, null))).verdict())
        .isEqualTo(Verdict.PENDING);
  }

  @Test
  void doesNotLookAtReadingsAfterNow() {
    List<Reading> readings = every(1_000, 60_000, 95);
    readings.add(new Reading(NOW + 1_000, 10.0));

    assertThat(cpuAbove90For60s(readings).verdict()).isEqualTo(Verdict.HOLDS);
  }

  @Test
  void aZeroDurationTakesTheReadingsOfTheLastGap() {
    HeldCondition.Result above =
        HeldCondition.judge(
            List.of(new Reading(NOW - 2_000, 95.0)), AlertOperator.ABOVE, 90, NOW, 0, GAP);
    HeldCondition.Result stale =
        HeldCondition.judge(
            List.of(new Reading(NOW - 6_000, 95.0)), AlertOperator.ABOVE, 90, NOW, 0, GAP);

    assertThat(above.verdict()).isEqualTo(Verdict.HOLDS);
    assertThat(stale.verdict()).isEqualTo(Verdict.PENDING);
  }

  @Test
  void belowComparesTheOtherWay() {
    List<Reading> low = every(1_000, 60_000, 5);

    assertThat(HeldCondition.judge(low, AlertOperator.BELOW, 10, NOW, MINUTE, GAP).verdict())
        .isEqualTo(Verdict.HOLDS);
    assertThat(HeldCondition.judge(low, AlertOperator.BELOW, 5, NOW, MINUTE, GAP).verdict())
        .isEqualTo(Verdict.BROKEN);
  }

  @Test
  void windowOfAShortDurationIsTheGap() {
    assertThat(HeldCondition.windowStart(NOW, 1_000, GAP)).isEqualTo(NOW - GAP);
    assertThat(HeldCondition.windowStart(NOW, MINUTE, GAP)).isEqualTo(NOW - MINUTE);
  }
}
