package io.vigia.monitor.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.monitor.alert.HeldCondition.Result;
import io.vigia.monitor.alert.HeldCondition.Verdict;
import org.junit.jupiter.api.Test;

class HeldRunTest {

  private static final long T = 1_800_000_000_000L;
  private static final long MINUTE = 60_000;
  private static final long GAP = 10_000;

  /** Readings every 5 s from {@code from} to {@code to} (inclusive), all at {@code value}. */
  private static void feed(HeldRun run, long from, long to, Double value) {
    for (long ts = from; ts <= to; ts += 5_000) {
      run.add(ts, value, GAP);
    }
  }

  @Test
  void isPendingUntilTheReadingsSpanTheDuration() {
    HeldRun run = new HeldRun(AlertOperator.ABOVE, 90);
    assertThat(run.judge(MINUTE)).isEqualTo(new Result(Verdict.PENDING, null));

    feed(run, T, T + 55_000, 95.0);
    assertThat(run.judge(MINUTE)).isEqualTo(new Result(Verdict.PENDING, 95.0));

    run.add(T + MINUTE, 96.0, GAP);
    assertThat(run.judge(MINUTE)).isEqualTo(new Result(Verdict.HOLDS, 96.0));
  }

  @Test
  void isBrokenByTheNewestReadingAndStartsAgainAfterIt() {
    HeldRun run = new HeldRun(AlertOperator.ABOVE, 90);
    feed(run, T, T + MINUTE, 95.0);

    run.add(T + 65_000, 50.0, GAP);
    assertThat(run.judge(MINUTE)).isEqualTo(new Result(Verdict.BROKEN, 50.0));

    feed(run, T + 70_000, T + 125_000, 95.0);
    assertThat(run.judge(MINUTE).verdict()).isEqualTo(Verdict.PENDING);
    run.add(T + 130_000, 95.0, GAP);
    assertThat(run.judge(MINUTE).verdict()).isEqualTo(Verdict.HOLDS);
  }

  @Test
  void aGapLongerThanAllowedStartsTheCountAgain() {
    HeldRun run = new HeldRun(AlertOperator.ABOVE, 90);
    feed(run, T, T + 30_000, 95.0);
    feed(run, T + 45_000, T + 100_000, 95.0); // 15 s without a reading: nobody saw in between

    assertThat(run.judge(MINUTE).verdict()).isEqualTo(Verdict.PENDING);
    run.add(T + 105_000, 95.0, GAP);
    assertThat(run.judge(MINUTE).verdict()).isEqualTo(Verdict.HOLDS);
  }

  @Test
  void looksAtEachReadingOnceAndNeverBackwards() {
    HeldRun run = new HeldRun(AlertOperator.ABOVE, 90);
    feed(run, T, T + MINUTE, 95.0);

    run.add(T + MINUTE, 10.0, GAP); // the same batch again, or an older one: ignored
    run.add(T + 30_000, 10.0, GAP);

    assertThat(run.judge(MINUTE)).isEqualTo(new Result(Verdict.HOLDS, 95.0));
  }

  @Test
  void aReadingWithoutValueBreaksIt() {
    HeldRun run = new HeldRun(AlertOperator.BELOW, 10);
    feed(run, T, T + MINUTE, 5.0);

    run.add(T + 65_000, null, GAP); // a container whose limit was lifted

    assertThat(run.judge(MINUTE)).isEqualTo(new Result(Verdict.BROKEN, null));
  }

  @Test
  void aZeroDurationHoldsAtTheFirstReading() {
    HeldRun run = new HeldRun(AlertOperator.ABOVE, 90);
    run.add(T, 91.0, GAP);

    assertThat(run.judge(0)).isEqualTo(new Result(Verdict.HOLDS, 91.0));
  }

  @Test
  void judgesOnlyTheConditionItWasMadeFor() {
    HeldRun run = new HeldRun(AlertOperator.ABOVE, 90);

    assertThat(run.judges(AlertOperator.ABOVE, 90)).isTrue();
    assertThat(run.judges(AlertOperator.ABOVE, 80)).isFalse();
    assertThat(run.judges(AlertOperator.BELOW, 90)).isFalse();
  }
}
