package io.vigia.wire;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * Host CPU.
 *
 * @param pct busy share of all cores since the previous sample, 0–100; null on the first sample
 * @param cores number of online cores
 */
public record Cpu(@DecimalMin("0") @DecimalMax("100") Double pct, @PositiveOrZero Integer cores) {}
