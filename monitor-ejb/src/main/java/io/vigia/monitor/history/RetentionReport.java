package io.vigia.monitor.history;

/**
 * What a purge removed, and the cutoffs it used (rows older than these are gone): raw samples, 1-
 * and 1-hour rollups, events, and alerts cleared before {@code eventCutoffMs}; the containers' rows
 * of all three levels (and their minute snapshots), purged at the same cutoffs; and the minute
 * snapshots of the hosts' top processes, kept as long as raw samples.
 */
public record RetentionReport(
    long rawCutoffMs,
    long rawDeleted,
    long minuteCutoffMs,
    long minuteDeleted,
    long hourCutoffMs,
    long hourDeleted,
    long eventCutoffMs,
    long eventsDeleted,
    long alertsDeleted,
    long containerRowsDeleted,
    long processSnapshotsDeleted) {}
