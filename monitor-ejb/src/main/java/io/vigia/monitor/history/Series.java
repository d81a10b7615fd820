package io.vigia.monitor.history;

import java.util.List;

/**
 * A metric of a host or a container over time, as {@link SeriesQuery} found it. Buckets without
 * data are left out.
 *
 * @param metric the metric's API name
 */
public record Series(String metric, SeriesPlan plan, List<SeriesPoint> points) {}
