package io.vigia.monitor.history;

import java.time.Instant;

/** One point of a series: the bucket's start and the metric's min, mean and max within it. */
public record SeriesPoint(Instant t, double min, double avg, double max) {}
