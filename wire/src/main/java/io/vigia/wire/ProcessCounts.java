package io.vigia.wire;

import jakarta.validation.constraints.PositiveOrZero;

/** Processes by state letter: R, S, D, T (and t), Z, I. */
public record ProcessCounts(
    @PositiveOrZero int total,
    @PositiveOrZero int running,
    @PositiveOrZero int sleeping,
    @PositiveOrZero int diskSleep,
    @PositiveOrZero int stopped,
    @PositiveOrZero int zombie,
    @PositiveOrZero int idle) {}
