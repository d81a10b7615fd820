package io.vigia.monitor.history;

/** The three levels history is kept at, finest first. */
public enum Resolution {
  /** One row per batch (about one a second); {@code sample}, by {@code ts_ms}. */
  RAW("raw", "sample", "ts_ms", 1_000L),
  /** {@code sample_1m}, by {@code bucket_ms}. */
  MINUTE("1m", "sample_1m", "bucket_ms", 60_000L),
  /** {@code sample_1h}, by {@code bucket_ms}. */
  HOUR("1h", "sample_1h", "bucket_ms", 3_600_000L);

  private final String label;
  private final String table;
  private final String timeColumn;
  private final long bucketMs;

  Resolution(String label, String table, String timeColumn, long bucketMs) {
    this.label = label;
    this.table = table;
    this.timeColumn = timeColumn;
    this.bucketMs = bucketMs;
  }

  /** What the API and {@code rollup_state} call it: {@code raw}, {@code 1m}, {@code 1h}. */
  public String label() {
    return label;
  }

  String table() {
    return table;
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
