package io.vigia.monitor.history;

import java.util.List;

/**
 * A set of history tables kept alike — raw rows, 1-minute and 1-hour rollups, the same retention,
 * rolled up in the same transactions: the hosts' samples, and their containers'. Every table of a
 * family starts with {@code host_id}; a container's rows are further keyed by {@code container_id}.
 */
public enum Family {
  HOST(List.of("host_id"), "sample", "sample_1m", "sample_1h", Metric.values()),
  CONTAINER(
      List.of("host_id", "container_id"),
      "container_raw",
      "container_1m",
      "container_1h",
      ContainerMetric.values());

  private final List<String> keys;
  private final String raw;
  private final String minute;
  private final String hour;
  private final List<Measure> measures;

  Family(List<String> keys, String raw, String minute, String hour, Measure[] measures) {
    this.keys = keys;
    this.raw = raw;
    this.minute = minute;
    this.hour = hour;
    this.measures = List.of(measures);
  }

  /** The key columns of a series, {@code host_id} first. */
  List<String> keys() {
    return keys;
  }

  List<Measure> measures() {
    return measures;
  }

  String table(Resolution level) {
    return switch (level) {
      case RAW -> raw;
      case MINUTE -> minute;
      case HOUR -> hour;
    };
  }
}
