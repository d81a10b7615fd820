package io.vigia.web.api;

import io.vigia.monitor.history.Series;
import io.vigia.monitor.history.SeriesPoint;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A series as the API answers it.
 *
 * @param container for a container's series, its full id; absent for a host's
 * @param resolution the level the points were computed from: {@code raw}, {@code 1m} or {@code 1h}
 * @param step width of each point's bucket (ISO-8601 duration); {@code t} of a point is its start
 * @param sources the levels read, oldest stretch first: {@code resolution} alone, unless the end of
 *     the range is not rolled up yet and was read from a finer level
 * @param points buckets with data, oldest first, never more than asked for
 */
@Schema(
    name = "SeriesAnswer",
    description = "At most the asked number of points of one metric of one host or container")
public record SeriesAnswer(
    String host,
    String container,
    String metric,
    Instant from,
    Instant to,
    String resolution,
    String step,
    List<Source> sources,
    List<SeriesPoint> points) {

  /** A stretch of the range read from one level. */
  @Schema(name = "SeriesSource", description = "A stretch of the range read from one level")
  public record Source(String resolution, Instant from, Instant to) {

    static List<Source> of(Series series) {
      return series.sources().stream()
          .map(
              s ->
                  new Source(
                      s.resolution().label(),
                      Instant.ofEpochMilli(s.fromMs()),
                      Instant.ofEpochMilli(s.toMs())))
          .toList();
    }
  }
}
