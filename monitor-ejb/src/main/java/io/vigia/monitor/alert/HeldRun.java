package io.vigia.monitor.alert;

import io.vigia.monitor.alert.HeldCondition.Result;
import io.vigia.monitor.alert.HeldCondition.Verdict;

/**
 * Whether a condition has held for a duration, judged from readings fed one at a time (a
 * container's memory, as each evaluation finds it in the host's latest batch) rather than from a
 * stored series: it keeps only where the current run of readings that satisfy the condition began
 * and the newest reading, so its memory stays the same however long the duration.
 *
 * <p>Time is the readings' own (the agent's clock, as in the batches), so a skewed agent clock
 * changes nothing, and a host that goes quiet freezes the judgement instead of stretching a run
 * nobody observed. The condition holds once its run spans the duration; it is broken as soon as the
 * newest reading does not satisfy it; otherwise (no reading yet, or a run still too short) it is
 * pending: an open alert stays open, none is raised. Readings further apart than {@code maxGapMs}
 * start a new run, since nobody saw what happened in between. A reading is only looked at once: one
 * not newer than the newest seen is ignored.
 */
final class HeldRun {

  private final AlertOperator op;
  private final double threshold;

  private boolean seen;
  private long runStartTs;
  private long lastTs;
  private Double lastValue;
  private boolean lastSatisfies;

  HeldRun(AlertOperator op, double threshold) {
    this.op = op;
    this.threshold = threshold;
  }

  /** Whether this run judges that condition (a changed rule starts a new run). */
  boolean judges(AlertOperator op, double threshold) {
    return this.op == op && Double.compare(this.threshold, threshold) == 0;
  }

  /**
   * @param value null: the condition cannot hold (a container without a memory limit)
   */
  synchronized void add(long ts, Double value, long maxGapMs) {
    if (seen && ts <= lastTs) {
      return;
    }
    boolean satisfies = value != null && op.holds(value, threshold);
    if (satisfies && (!seen || !lastSatisfies || ts - lastTs > maxGapMs)) {
      runStartTs = ts;
    }
    seen = true;
    lastTs = ts;
    lastValue = value;
    lastSatisfies = satisfies;
  }

  /** The verdict and the newest value it was decided on. */
  synchronized Result judge(long durationMs) {
    if (!seen) {
      return new Result(Verdict.PENDING, null);
    }
    if (!lastSatisfies) {
      return new Result(Verdict.BROKEN, lastValue);
    }
    return new Result(
        lastTs - runStartTs >= durationMs ? Verdict.HOLDS : Verdict.PENDING, lastValue);
  }
}
