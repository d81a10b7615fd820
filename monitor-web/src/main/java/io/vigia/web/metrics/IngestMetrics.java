package io.vigia.web.metrics;

import io.vigia.monitor.history.Resolution;
import io.vigia.monitor.history.RollupStep;
import io.vigia.monitor.ingest.SampleWriter;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Vigia's own metrics: batches by outcome, rows written, how long a push takes from request to
 * answer, how many wait to be stored, and how far the rollups are behind. Written by {@link
 * #scrape()} in the Prometheus text format, every value in base units, every family with its help —
 * Payara's MicroProfile Metrics exporter put the timer's quantiles in nanoseconds under a seconds
 * name and left {@code _mean} without help, so Vigia does not go through it.
 */
@ApplicationScoped
public class IngestMetrics {

  public static final String BATCHES = "vigia_ingest_batches_total";
  public static final String DUPLICATES = "vigia_ingest_duplicates_total";
  public static final String REJECTED = "vigia_ingest_rejected_total";
  public static final String SAMPLE_ROWS = "vigia_sample_rows_written_total";
  public static final String LATENCY = "vigia_ingest_latency_seconds";
  public static final String ROLLUP_LAG = "vigia_rollup_lag_seconds";
  public static final String QUEUED = "vigia_ingest_queued_batches";

  /** The media type of {@link #scrape()}: Prometheus text format 0.0.4. */
  public static final String CONTENT_TYPE = PrometheusText.CONTENT_TYPE;

  private static final Logger LOG = Logger.getLogger(IngestMetrics.class.getName());

  @Inject private RollupStep rollups;
  @Inject private SampleWriter writer;

  private final Clock clock;
  private final LongAdder batches = new LongAdder();
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder rows = new LongAdder();
  private final LatencyHistogram latency = new LatencyHistogram();
  private long startedMs;

  public IngestMetrics() {
    this(Clock.systemUTC());
  }

  IngestMetrics(Clock clock) {
    this.clock = clock;
  }

  @PostConstruct
  void start() {
    startedMs = clock.millis();
  }

  /** Creates the bean when the application starts, so the rollup lag counts from then. */
  void deployed(@Observes @Initialized(ApplicationScoped.class) Object application) {
    // nothing more: @PostConstruct took the time
  }

  public void accepted(boolean stored, Duration took) {
    batches.increment();
    if (stored) {
      rows.increment();
    } else {
      duplicates.increment();
    }
    latency.observe(took);
  }

  public void rejected() {
    rejected.increment();
  }

  /** Every metric now, in the Prometheus text format ({@link #CONTENT_TYPE}). */
  public String scrape() {
    PrometheusText text = new PrometheusText();
    counter(text, BATCHES, "Batches accepted from agents (stored, or already stored)", batches);
    counter(text, DUPLICATES, "Batches acknowledged without storing: already stored", duplicates);
    counter(text, REJECTED, "Batches refused: bad input, size, credentials or overload", rejected);
    counter(text, SAMPLE_ROWS, "Raw sample rows written", rows);
    latency.writeTo(text, LATENCY, "Time from request to answer of an accepted batch");
    text.family(
            QUEUED,
            "gauge",
            "Batches waiting for a writer thread to store them (a full queue answers 503)")
        .sample(QUEUED, writer.queued());
    text.family(
        ROLLUP_LAG,
        "gauge",
        "How far the 1-minute rollups are behind the clock, counted at most from this"
            + " monitor's start (normally up to about 2 min; downtime shows as up == 0)");
    try {
      text.sample(
          ROLLUP_LAG, rollupLagSeconds(rollups.doneUntil(Resolution.MINUTE), clock.millis()));
    } catch (IllegalStateException e) {
      // Unknown while the database does not answer: no sample (readiness reports the database).
      LOG.log(Level.WARNING, "rollup lag not scraped", e);
    }
    return text.toString();
  }

  /**
   * Seconds between now and the end of the last rolled-up minute, or this monitor's start when that
   * is later: before the first rollup of a new database the mark is 1970, and after a restart it is
   * as old as the downtime; neither is the rollup falling behind, and an alert on "lag > 5 min"
   * must not fire for them. A rollup that stops while the monitor runs shows within minutes.
   */
  double rollupLagSeconds(long doneUntilMs, long nowMs) {
    long since = Math.max(doneUntilMs, startedMs);
    return Math.max(0, nowMs - since) / 1000.0;
  }

  private static void counter(PrometheusText text, String name, String help, LongAdder value) {
    text.family(name, "counter", help).sample(name, value.sum());
  }
}
