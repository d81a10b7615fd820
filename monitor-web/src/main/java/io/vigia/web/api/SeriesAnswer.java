package io.vigia.web.api;

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
    List<SeriesPoint> points) {}
