package io.vigia.agent.ship;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: after the n-th failure in a row, wait a uniformly random
 * time between 0 and {@code min(cap, base * 2^(n-1))}. The jitter keeps a fleet of agents that lost
 * the monitor at the same moment from knocking on its door in step when it comes back.
 */
public final class Backoff {

  private final long baseMs;
  private final long capMs;
  private final RandomGenerator random;

  public Backoff(Duration base, Duration cap, RandomGenerator random) {
    if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("need 0 < base <= cap, got " + base + ", " + cap);
    }
    this.baseMs = base.toMillis();
    this.capMs = cap.toMillis();
    this.random = random;
  }

  /** The default for shipping: 0.5 s doubling up to 30 s. */
  public static Backoff standard() {
    return new Backoff(
        Duration.ofMillis(500), Duration.ofSeconds(30), RandomGenerator.getDefault());
  }

  /** The longest wait after {@code failures} failures in a row (at least 1). */
  public long ceilingMillis(int failures) {
    long ceiling = baseMs;
    for (int i = 1; i < failures && ceiling < capMs; i++) {
      ceiling *= 2; // stops at the cap, long before it could overflow
    }
    return Math.min(ceiling, capMs);
  }

  /** How long to wait after {@code failures} failures in a row. */
  public long delayMillis(int failures) {
    return random.nextLong(ceilingMillis(failures) + 1);
  }
}
