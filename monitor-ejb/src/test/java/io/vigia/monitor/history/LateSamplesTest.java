package io.vigia.monitor.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LateSamplesTest {

  @Test
  void remembersTheEarliestLateSampleUntilDrained() {
    LateSamples late = new LateSamples();
    long now = 10_000_000;

    late.arrived(now - 5_000, now); // on time: not late
    late.arrived(now - 300_000, now);
    late.arrived(now - 900_000, now);
    late.arrived(now - 120_000, now);

    assertThat(late.drain()).hasValue(now - 900_000);
    assertThat(late.drain()).isEmpty();
  }

  @Test
  void ignoresSamplesWithinAMinuteOfArrival() {
    LateSamples late = new LateSamples();

    late.arrived(1_000_000 - LateSamples.LATE_MS + 1, 1_000_000);

    assertThat(late.drain()).isEmpty();
  }
}
