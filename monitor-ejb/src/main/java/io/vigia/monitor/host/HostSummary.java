package io.vigia.monitor.host;

import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;

/**
 * One row of the fleet overview, as {@code GET /api/v1/hosts} and the live page show it. Every
 * field is always present in JSON; an unknown value is {@code null}.
 *
 * @param lastSeen when the monitor last received a batch from the host; null before the first
 * @param online whether a batch arrived within the offline threshold
 */
@JsonbNillable
public record HostSummary(
    String name, Instant lastSeen, boolean online, Double cpuPct, Double ramUsedPct) {}
