package io.vigia.wire;

import jakarta.validation.constraints.PositiveOrZero;

/** Load averages over 1, 5 and 15 minutes, from /proc/loadavg. */
public record Load(
    @PositiveOrZero Double one, @PositiveOrZero Double five, @PositiveOrZero Double fifteen) {}
