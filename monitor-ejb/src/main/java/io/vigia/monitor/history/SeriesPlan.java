package io.vigia.monitor.history;

/**
 * How a series request is answered: from which level, in buckets of which width, starting where.
 *
 * <p>The level is the coarsest one whose buckets are no wider than the step a chart of {@code
 * points} points over [from, to) needs: the finest data that can fill every point, while reading
 * the fewest rows (a 7-day chart of 600 points reads 10,080 one-minute rows, not 600,000 raw ones).
 * If that level no longer holds data as old as {@code from} (its retention), a coarser one that
 * still does is used. Buckets start at {@code from} rounded down to the level's bucket, and are a
 * whole number of the level's buckets wide, so there are never more than {@code points}.
 *
 * @param resolution the level read
 * @param startMs start of the first bucket
 * @param stepMs width of each bucket (a multiple of the level's bucket)
 * @param endMs end of the range, exclusive
 */
public record SeriesPlan(Resolution resolution, long startMs, long stepMs, long endMs) {

  public static SeriesPlan of(
      long fromMs, long toMs, int points, long nowMs, HistorySettings settings) {
    if (toMs <= fromMs) {
      throw new IllegalArgumentException("the range is empty: 'to' must be after 'from'");
    }
    if (points < 1) {
      throw new IllegalArgumentException("points must be at least 1");
    }
    double wantedStep = (double) (toMs - fromMs) / points;
    Resolution level = Resolution.RAW;
    for (Resolution r : Resolution.values()) {
      if (r.bucketMs() <= wantedStep) {
        level = r;
      }
    }
    while (level != Resolution.HOUR && fromMs < nowMs - settings.retention(level).toMillis()) {
      level = level == Resolution.RAW ? Resolution.MINUTE : Resolution.HOUR;
    }
    long start = level.floor(fromMs);
    long bucket = level.bucketMs();
    long span = toMs - start;
    // The smallest whole number of buckets per point that keeps the count within 'points'.
    long perPoint = Math.max(1, ceilDiv(span, (long) points * bucket));
    return new SeriesPlan(level, start, perPoint * bucket, toMs);
  }

  /** How many points the answer can have at most. */
  public long maxPoints() {
    return ceilDiv(endMs - startMs, stepMs);
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }
}
