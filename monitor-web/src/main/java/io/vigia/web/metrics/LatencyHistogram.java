package io.vigia.web.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Prometheus histogram of durations in seconds: cumulative counts per upper bound, their sum and
 * count. A histogram rather than a summary so that the nodes of a cluster can be added up ({@code
 * histogram_quantile(0.99, sum by (le) (rate(..._bucket[5m])))}), which quantiles computed on each
 * node cannot.
 */
final class LatencyHistogram {

  /** Upper bounds in seconds; a push normally takes milliseconds, a stalled one seconds. */
  static final double[] BOUNDS = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
  };

  private final AtomicLongArray buckets = new AtomicLongArray(BOUNDS.length); // not cumulative
  private final LongAdder count = new LongAdder();
  private final LongAdder sumNanos = new LongAdder();

  void observe(Duration took) {
    long nanos = Math.max(0, took.toNanos());
    double seconds = nanos / 1e9;
    for (int i = 0; i < BOUNDS.length; i++) {
      if (seconds <= BOUNDS[i]) {
        buckets.incrementAndGet(i);
        break;
      }
    }
    sumNanos.add(nanos);
    count.increment();
  }

  void writeTo(PrometheusText text, String name, String help) {
    text.family(name, "histogram", help);
    // Read the count first: a push observed meanwhile may show in a bucket but not in +Inf,
    // never the reverse, so every bucket stays at most +Inf.
    long total = count.sum();
    double sum = sumNanos.sum() / 1e9;
    long cumulative = 0;
    for (int i = 0; i < BOUNDS.length; i++) {
      cumulative += buckets.get(i);
      text.sample(
          name + "_bucket", "le", PrometheusText.number(BOUNDS[i]), Math.min(cumulative, total));
    }
    text.sample(name + "_bucket", "le", "+Inf", total);
    text.sample(name + "_sum", sum);
    text.sample(name + "_count", total);
  }
}
