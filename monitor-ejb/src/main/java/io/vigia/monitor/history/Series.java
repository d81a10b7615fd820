package io.vigia.monitor.history;

import java.util.List;

/**
 * A metric of a host or a container over time, as {@link SeriesQuery} found it. Buckets without
 * data are left out.
 *
 * @param metric the metric's API name
 * @param sources the levels read, oldest stretch first: the plan's level alone unless the end of
 *     the range is not rolled up yet
 */
public record Series(
    String metric, SeriesPlan plan, List<SeriesSource> sources, List<SeriesPoint> points) {

  /** The stretches read from a finer level than the plan's (data not rolled up yet). */
  public List<SeriesSource> finer() {
    return sources.stream().filter(s -> s.resolution() != plan.resolution()).toList();
  }
}
