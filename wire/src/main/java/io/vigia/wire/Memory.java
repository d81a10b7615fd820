package io.vigia.wire;

import jakarta.validation.constraints.PositiveOrZero;

/** Host memory in kB, as /proc/meminfo names it. Any field the source lacks is null. */
public record Memory(
    @PositiveOrZero Long totalKb,
    @PositiveOrZero Long freeKb,
    @PositiveOrZero Long availableKb,
    @PositiveOrZero Long buffersKb,
    @PositiveOrZero Long cachedKb,
    @PositiveOrZero Long swapTotalKb,
    @PositiveOrZero Long swapFreeKb) {

  /** Used memory the way free(1) counts it: total minus available. */
  public Long usedKb() {
    return totalKb == null || availableKb == null ? null : Math.max(0, totalKb - availableKb);
  }

  /** Used share of total, 0–100, or null when it cannot be computed. */
  public Double usedPct() {
    Long used = usedKb();
    return used == null || totalKb == 0 ? null : 100.0 * used / totalKb;
  }
}
