package io.vigia.monitor.history;

/**
 * What a purge removed, and the cutoffs it used (rows older than these are gone): raw samples, 1-
 * and 1-hour rollups, events, and alerts cleared before {@code eventCutoffMs}; and the containers'
 * rows of all three levels (and their minute snapshots), purged at the same cutoffs.
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
    long containerRowsDeleted) {}
