package io.vigia.monitor.history;

/** The three levels history is kept at, finest first; {@link Family} names their tables. */
public enum Resolution {
  /** One row per batch (about one a second), by {@code ts_ms}. */
  RAW("raw", "ts_ms", 1_000L),
  /** 1-minute buckets, by {@code bucket_ms}. */
  MINUTE("1m", "bucket_ms", 60_000L),
  /** 1-hour buckets, by {@code bucket_ms}. */
  HOUR("1h", "bucket_ms", 3_600_000L);

  private final String label;
  private final String timeColumn;
  private final long bucketMs;

  Resolution(String label, String timeColumn, long bucketMs) {
    this.label = label;
    this.timeColumn = timeColumn;
    this.bucketMs = bucketMs;
  }

  /** What the API and {@code rollup_state} call it: {@code raw}, {@code 1m}, {@code 1h}. */
  public String label() {
    return label;
  }

  String timeColumn() {
    return timeColumn;
  }

  /**
   * Width of one bucket; for raw data the agents' usual interval, which is what a point count is
   * estimated with.
   */
  public long bucketMs() {
    return bucketMs;
  }

  /** The level this one is rolled up from; raw has none. */
  Resolution source() {
    return switch (this) {
      case RAW -> throw new IllegalStateException("raw data is not rolled up from anything");
      case MINUTE -> RAW;
      case HOUR -> MINUTE;
    };
  }

  long floor(long ms) {
    return Math.floorDiv(ms, bucketMs) * bucketMs;
  }
}
