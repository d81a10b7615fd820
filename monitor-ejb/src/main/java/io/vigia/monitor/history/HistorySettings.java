package io.vigia.monitor.history;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * History settings (MicroProfile Config, {@code vigia.history.*}; env {@code VIGIA_HISTORY_*}), and
 * how long the event log is kept ({@code vigia.retention.events}).
 */
@ApplicationScoped
public class HistorySettings {

  /** No delete statement removes more rows than this, so ingest never waits long on a lock. */
  public static final int MAX_DELETE_CHUNK = 10_000;

  @Inject
  @ConfigProperty(name = "vigia.history.raw-retention", defaultValue = "PT48H")
  Duration rawRetention;

  @Inject
  @ConfigProperty(name = "vigia.history.minute-retention", defaultValue = "P30D")
  Duration minuteRetention;

  @Inject
  @ConfigProperty(name = "vigia.history.hour-retention", defaultValue = "P400D")
  Duration hourRetention;

  @Inject
  @ConfigProperty(name = "vigia.history.rollup-lag", defaultValue = "PT10S")
  Duration rollupLag;

  @Inject
  @ConfigProperty(name = "vigia.history.delete-chunk", defaultValue = "10000")
  int deleteChunk;

  @Inject
  @ConfigProperty(name = "vigia.retention.events", defaultValue = "P400D")
  Duration eventRetention;

  /** For tests and tools outside a container. */
  public static HistorySettings of(
      Duration raw, Duration minute, Duration hour, Duration lag, int deleteChunk) {
    HistorySettings s = new HistorySettings();
    s.rawRetention = raw;
    s.minuteRetention = minute;
    s.hourRetention = hour;
    s.rollupLag = lag;
    s.deleteChunk = deleteChunk;
    s.eventRetention = Duration.ofDays(400);
    return s;
  }

  /** How long raw samples are kept. */
  public Duration rawRetention() {
    return rawRetention;
  }

  /** How long 1-minute rollups are kept. */
  public Duration minuteRetention() {
    return minuteRetention;
  }

  /** How long 1-hour rollups are kept. */
  public Duration hourRetention() {
    return hourRetention;
  }

  /**
   * How long events are kept, and closed alerts (counted from when they were cleared): as long as
   * the longest history by default, so every alert on a chart still has its events.
   */
  public Duration eventRetention() {
    return eventRetention;
  }

  /** How long a level's data is kept. */
  public Duration retention(Resolution r) {
    return switch (r) {
      case RAW -> rawRetention;
      case MINUTE -> minuteRetention;
      case HOUR -> hourRetention;
    };
  }

  /**
   * A minute is rolled up only this long after it ends, so batches a little late (network, agent
   * retries) still count.
   */
  public Duration rollupLag() {
    return rollupLag;
  }

  /** Rows per delete statement: at least 1, at most {@link #MAX_DELETE_CHUNK}. */
  public int deleteChunk() {
    return Math.max(1, Math.min(deleteChunk, MAX_DELETE_CHUNK));
  }
}
