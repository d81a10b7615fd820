package io.vigia.monitor.host;

import java.time.Instant;

/**
 * One row of the fleet overview, as {@code GET /api/v1/hosts} and the live page show it.
 *
 * @param lastSeen when the host's latest sample was taken; null before its first batch
 * @param online whether a batch arrived within the offline threshold
 */
public record HostSummary(
    String name, Instant lastSeen, boolean online, Double cpuPct, Double ramUsedPct) {}
