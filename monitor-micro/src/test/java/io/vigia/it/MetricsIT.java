package io.vigia.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.testsupport.MonitorApi;
import io.vigia.testsupport.VigiaTestSession;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /api/v1/metrics} as Prometheus sees it: after a few pushes the values are plausible in
 * their units (latency in seconds, rollup lag in seconds since at most the deployment, not since
 * 1970), and the whole scrape passes {@code promtool check metrics}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MetricsIT {

  private static final int PUSHES = 10;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.builtWar();
  }

  @ArquillianResource private URL url;
  private MonitorApi admin;

  @BeforeEach
  void pushAFewBatches() {
    admin = new MonitorApi(Deployments.loopback(url)).as("admin", VigiaTestSession.adminPassword());
    String agentId = UUID.randomUUID().toString();
    String host = "metrics-" + agentId.substring(0, 8);
    String token = admin.enroll(VigiaTestSession.fleetKey(), agentId, host);
    for (int seq = 1; seq <= PUSHES; seq++) {
      assertThat(admin.ingest(token, MonitorApi.batch(agentId, host, seq, 5.0)).statusCode())
          .isEqualTo(200);
    }
  }

  private String scrape() {
    HttpResponse<String> r = admin.get("api/v1/metrics");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/plain")
        .contains("version=0.0.4");
    return r.body();
  }

  @Test
  void reportsIngestLatencyInSecondsAndRollupLagSinceDeployment() {
    Map<String, Double> m = samples(scrape());

    assertThat(m.get("vigia_ingest_batches_total")).isGreaterThanOrEqualTo(PUSHES);
    assertThat(m.get("vigia_sample_rows_written_total")).isGreaterThanOrEqualTo(PUSHES);
    double count = m.get("vigia_ingest_latency_seconds_count");
    assertThat(count).isGreaterThanOrEqualTo(PUSHES);
    assertThat(m.get("vigia_ingest_latency_seconds_bucket{le=\"+Inf\"}")).isEqualTo(count);
    assertThat(m.get("vigia_ingest_latency_seconds_sum") / count).as("mean, s").isLessThan(1);
    assertThat(quantile(m, 0.5)).as("median, s").isLessThan(1);
    assertThat(quantile(m, 0.9)).as("90th percentile, s").isLessThan(1);
    assertThat(m.get("vigia_rollup_lag_seconds")).as("rollup lag, s").isBetween(0.0, 180.0);
  }

  @Test
  void passesPromtoolCheckMetrics() throws Exception {
    OutsideTools.Run lint = OutsideTools.promtoolCheckMetrics(scrape());

    assertThat(lint.output()).as("promtool says").isEmpty();
    assertThat(lint.exitCode()).isZero();
  }

  @Test
  void isForViewersOnly() {
    assertThat(admin.anonymous().get("api/v1/metrics").statusCode()).isEqualTo(401);
  }

  /** Sample lines by name with labels, as written: {@code name{le="0.5"} -> value}. */
  private static Map<String, Double> samples(String text) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      out.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
    }
    return out;
  }

  /** The quantile from the buckets, interpolated inside its bucket like histogram_quantile(). */
  private static double quantile(Map<String, Double> m, double q) {
    String prefix = "vigia_ingest_latency_seconds_bucket{le=\"";
    double rank = q * m.get("vigia_ingest_latency_seconds_count");
    double lowerBound = 0;
    double lowerCount = 0;
    for (Map.Entry<String, Double> e : m.entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        continue;
      }
      String le = e.getKey().substring(prefix.length(), e.getKey().length() - 2);
      double upper = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
      if (e.getValue() >= rank) {
        return upper == Double.POSITIVE_INFINITY
            ? lowerBound
            : lowerBound + (upper - lowerBound) * (rank - lowerCount) / (e.getValue() - lowerCount);
      }
      lowerBound = upper;
      lowerCount = e.getValue();
    }
    throw new AssertionError("no +Inf bucket");
  }
}
