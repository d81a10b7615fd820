package io.vigia.agent.ship;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private final Backoff backoff =
      new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), new Random(1));

  @Test
  void ceilingDoublesFromTheBaseUpToTheCap() {
    assertThat(backoff.ceilingMillis(1)).isEqualTo(500);
    assertThat(backoff.ceilingMillis(2)).isEqualTo(1_000);
    assertThat(backoff.ceilingMillis(7)).isEqualTo(30_000); // 32 s, capped
    assertThat(backoff.ceilingMillis(1_000_000)).isEqualTo(30_000);
  }

  @Test
  void delayIsFullJitterBelowTheCeiling() {
    long min = Long.MAX_VALUE;
    long max = 0;
    for (int i = 0; i < 2_000; i++) {
      long d = backoff.delayMillis(10);
      min = Math.min(min, d);
      max = Math.max(max, d);
    }
    assertThat(min).isBetween(0L, 1_000L);
    assertThat(max).isBetween(29_000L, 30_000L);
  }
}
