package io.vigia.wire;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Host CPU.
 *
 * @param pct busy share of all cores since the previous sample, 0–100; null on the first sample
 * @param cores number of online cores
 * @param perCorePct busy share of each core, in the kernel's order; null on the first sample
 */
public record Cpu(
    @DecimalMin("0") @DecimalMax("100") Double pct,
    @PositiveOrZero Integer cores,
    @Size(max = 4096) List<@NotNull @DecimalMin("0") @DecimalMax("100") Double> perCorePct) {

  // No second constructor: JSON-B (Yasson) binds a record only through its one constructor.

  /** Total and core count, without per-core figures. */
  public static Cpu total(Double pct, Integer cores) {
    return new Cpu(pct, cores, null);
  }
}
