package io.vigia.monitor.event;

import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;

/**
 * One event as the API shows it: every field present, unknown ones {@code null}.
 *
 * @param host the host's name; null for an event about the fleet or the monitor
 * @param actor a user name, {@code system} (the monitor) or {@code agent} (the host's agent)
 */
@JsonbNillable
public record EventEntry(
    long id,
    Instant at,
    String host,
    String kind,
    String severity,
    String actor,
    String message,
    String detail) {}
