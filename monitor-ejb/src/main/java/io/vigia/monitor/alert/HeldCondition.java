package io.vigia.monitor.alert;

import java.util.List;

/**
 * Decides whether a condition has held for a duration, from the readings of the window {@code [now
 * - duration, now]}.
 *
 * <p>It holds when there is at least one reading in the window, every one satisfies the condition,
 * and the readings reach back to the window's start (the oldest is at most {@code maxGap} after it)
 * — otherwise a host that started sending 10 s ago at 95 % would count as 60 s at 95 %. It is
 * broken as soon as one reading in the window does not satisfy it. With no readings, or readings
 * that all satisfy it but do not reach back far enough yet, it is pending: an open alert stays
 * open, none is raised. Readings without a value are ignored (absent, not zero); readings after
 * {@code now} are not looked at.
 */
public final class HeldCondition {

  public enum Verdict {
    HOLDS,
    BROKEN,
    PENDING
  }

  /** The outcome and, when it holds or is broken, the newest value it was decided on. */
  public record Result(Verdict verdict, Double value) {}

  private HeldCondition() {}

  /** Start of the readings {@link #judge} needs: durations shorter than maxGap look back maxGap. */
  public static long windowStart(long now, long durationMs, long maxGapMs) {
    return now - Math.max(durationMs, maxGapMs);
  }

  /**
   * @param readings in any order
   */
  public static Result judge(
      List<Reading> readings,
      AlertOperator op,
      double threshold,
      long now,
      long durationMs,
      long maxGapMs) {
    long from = windowStart(now, durationMs, maxGapMs);
    long oldest = Long.MAX_VALUE;
    long newest = Long.MIN_VALUE;
    Double newestValue = null;
    long newestBreakTs = Long.MIN_VALUE;
    Double breakValue = null;
    for (Reading r : readings) {
      if (r.value() == null || r.tsMs() < from || r.tsMs() > now) {
        continue;
      }
      if (!op.holds(r.value(), threshold)) {
        if (r.tsMs() >= newestBreakTs) {
          newestBreakTs = r.tsMs();
          breakValue = r.value();
        }
        continue;
      }
      oldest = Math.min(oldest, r.tsMs());
      if (r.tsMs() >= newest) {
        newest = r.tsMs();
        newestValue = r.value();
      }
    }
    if (breakValue != null) {
      return new Result(Verdict.BROKEN, breakValue);
    }
    if (newestValue == null) {
      return new Result(Verdict.PENDING, null);
    }
    boolean reachesBack = oldest - (now - durationMs) <= maxGapMs;
    return reachesBack
        ? new Result(Verdict.HOLDS, newestValue)
        : new Result(Verdict.PENDING, newestValue);
  }
}
