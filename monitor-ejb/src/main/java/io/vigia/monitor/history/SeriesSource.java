package io.vigia.monitor.history;

import java.io.Serializable;

/**
 * A stretch of a series read from one level: the plan's level up to where it is rolled up, and a
 * finer one after that (the latest minutes are not rolled up yet).
 *
 * @param fromMs start, inclusive
 * @param toMs end, exclusive
 */
public record SeriesSource(Resolution resolution, long fromMs, long toMs) implements Serializable {}
