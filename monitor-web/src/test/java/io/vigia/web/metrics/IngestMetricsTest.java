package io.vigia.web.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class IngestMetricsTest {

  private static final long NOW = Instant.parse("2026-11-29T12:00:00Z").toEpochMilli();

  private static IngestMetrics startedAt(long startedMs) {
    IngestMetrics m =
        new IngestMetrics(Clock.fixed(Instant.ofEpochMilli(startedMs), ZoneOffset.UTC));
    m.start();
    return m;
  }

  @Test
  void rollupLagCountsFromTheStartBeforeAnyRollup() {
    IngestMetrics m = startedAt(NOW - 30_000);

    assertThat(m.rollupLagSeconds(0, NOW)).isEqualTo(30.0);
  }

  @Test
  void rollupLagCountsFromTheStartAfterDowntime() {
    IngestMetrics m = startedAt(NOW - 10_000);

    assertThat(m.rollupLagSeconds(NOW - 3_600_000, NOW)).isEqualTo(10.0);
  }

  @Test
  void rollupLagIsTheAgeOfTheLastRolledUpMinuteWhileRunning() {
    IngestMetrics m = startedAt(NOW - 3_600_000);

    assertThat(m.rollupLagSeconds(NOW - 95_000, NOW)).isEqualTo(95.0);
  }

  @Test
  void latencyHistogramIsInSecondsAndCumulative() {
    LatencyHistogram h = new LatencyHistogram();
    h.observe(Duration.ofMillis(3));
    h.observe(Duration.ofMillis(40));
    h.observe(Duration.ofSeconds(20));
    PrometheusText text = new PrometheusText();

    h.writeTo(text, "x_seconds", "help");

    assertThat(text.toString())
        .startsWith("# HELP x_seconds help\n# TYPE x_seconds histogram\n")
        .contains("x_seconds_bucket{le=\"0.001\"} 0\n")
        .contains("x_seconds_bucket{le=\"0.005\"} 1\n")
        .contains("x_seconds_bucket{le=\"0.05\"} 2\n")
        .contains("x_seconds_bucket{le=\"10\"} 2\n")
        .contains("x_seconds_bucket{le=\"+Inf\"} 3\n")
        .contains("x_seconds_sum 20.043\n")
        .contains("x_seconds_count 3\n");
  }

  @Test
  void writesNumbersAsPrometheusReadsThem() {
    assertThat(PrometheusText.number(3)).isEqualTo("3");
    assertThat(PrometheusText.number(0.25)).isEqualTo("0.25");
    assertThat(PrometheusText.number(Double.NaN)).isEqualTo("NaN");
    assertThat(PrometheusText.number(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
  }
}
