package io.vigia.monitor.history;

import java.util.List;

/** A host metric over time, as {@link SeriesQuery} found it. Buckets without data are left out. */
public record Series(Metric metric, SeriesPlan plan, List<SeriesPoint> points) {}
