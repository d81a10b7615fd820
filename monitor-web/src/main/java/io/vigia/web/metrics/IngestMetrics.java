package io.vigia.web.metrics;

import io.vigia.monitor.history.Resolution;
import io.vigia.monitor.history.RollupStep;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Ingest metrics: batches by outcome, rows written, how long a batch takes from request to answer,
 * and how far the rollups are behind. Names are constants with their help text, as Prometheus users
 * expect.
 */
@ApplicationScoped
public class IngestMetrics {

  public static final String BATCHES = "vigia_ingest_batches";
  public static final String DUPLICATES = "vigia_ingest_duplicates";
  public static final String REJECTED = "vigia_ingest_rejected";
  public static final String SAMPLE_ROWS = "vigia_sample_rows_written";
  public static final String LATENCY = "vigia_ingest_latency";
  public static final String ROLLUP_LAG = "vigia_rollup_lag";

  @Inject private MetricRegistry registry;
  @Inject private RollupStep rollups;

  private Counter batches;
  private Counter duplicates;
  private Counter rejected;
  private Counter rows;
  private Timer latency;

  @jakarta.annotation.PostConstruct
  void register() {
    batches = registry.counter(meta(BATCHES, "Batches accepted from agents", MetricUnits.NONE));
    duplicates =
        registry.counter(
            meta(DUPLICATES, "Batches acknowledged without storing: already stored", "none"));
    rejected =
        registry.counter(meta(REJECTED, "Batches refused: bad input, size or credentials", "none"));
    rows = registry.counter(meta(SAMPLE_ROWS, "Raw sample rows written", MetricUnits.NONE));
    latency =
        registry.timer(
            meta(LATENCY, "Time from request to answer for an accepted batch", "seconds"));
    registry.gauge(
        meta(
            ROLLUP_LAG,
            "How far the 1-minute rollups are behind the clock (a minute and its lag is normal)",
            MetricUnits.SECONDS),
        this,
        IngestMetrics::rollupLagSeconds);
  }

  /** Seconds between now and the end of the last rolled-up minute; read at each scrape. */
  double rollupLagSeconds() {
    return Math.max(0, System.currentTimeMillis() - rollups.doneUntil(Resolution.MINUTE)) / 1000.0;
  }

  private static Metadata meta(String name, String help, String unit) {
    return Metadata.builder().withName(name).withDescription(help).withUnit(unit).build();
  }

  public void accepted(boolean stored, Duration took) {
    batches.inc();
    if (stored) {
      rows.inc();
    } else {
      duplicates.inc();
    }
    latency.update(took);
  }

  public void rejected() {
    rejected.inc();
  }
}
