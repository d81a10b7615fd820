package io.vigia.monitor.alert;

import java.util.OptionalDouble;

/** A container's memory use as a percentage of its limit, for {@code container_mem_pct} rules. */
public final class ContainerMemory {

  private ContainerMemory() {}

  /** Absent when the use is unknown or the container has no limit (nothing to be near). */
  public static OptionalDouble usedPct(Long memUsedBytes, Long memLimitBytes) {
    if (memUsedBytes == null || memLimitBytes == null || memLimitBytes <= 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(100.0 * memUsedBytes / memLimitBytes);
  }
}
