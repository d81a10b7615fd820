package io.vigia.agent.source;

import java.util.Optional;

/**
 * Cumulative CPU time of one /proc/stat line, in clock ticks. Guest time is already counted in user
 * and nice by the kernel, so it is not added again.
 */
public record CpuTimes(
    long user, long nice, long system, long idle, long iowait, long irq, long softirq, long steal) {

  /** Parses the fields of a line such as {@code cpu0 10 0 5 100 1 0 0 0 0 0}; needs at least 4. */
  static Optional<CpuTimes> of(String[] f) {
    if (f.length < 5) {
      return Optional.empty();
    }
    try {
      long[] v = new long[8];
      for (int i = 0; i < v.length && i + 1 < f.length; i++) {
        v[i] = Long.parseLong(f[i + 1]);
      }
      return Optional.of(new CpuTimes(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]));
    } catch (NumberFormatException garbage) {
      return Optional.empty();
    }
  }

  /** The same times in another unit: {@code scaled(Task.NANOS_PER_TICK)} turns ticks into ns. */
  CpuTimes scaled(long factor) {
    return new CpuTimes(
        user * factor,
        nice * factor,
        system * factor,
        idle * factor,
        iowait * factor,
        irq * factor,
        softirq * factor,
        steal * factor);
  }

  long idleAll() {
    return idle + iowait;
  }

  long total() {
    return user + nice + system + idle + iowait + irq + softirq + steal;
  }

  /**
   * Busy share between {@code earlier} and this reading, 0–100; empty when no time passed or the
   * counters went backwards (a CPU went offline and came back, or a different host's fixture).
   */
  public Optional<Double> busyPctSince(CpuTimes earlier) {
    long dTotal = total() - earlier.total();
    long dIdle = idleAll() - earlier.idleAll();
    if (dTotal <= 0 || dIdle < 0 || dIdle > dTotal) {
      return Optional.empty();
    }
    return Optional.of(100.0 * (dTotal - dIdle) / dTotal);
  }
}
