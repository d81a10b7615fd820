package io.vigia.monitor.history;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Deletes history older than each level's retention (the hosts' and their containers', at the same
 * cutoffs), as of a given instant, host by host in chunks of at most {@link
 * HistorySettings#deleteChunk()} rows, each its own transaction; then events older than {@code
 * vigia.retention.events}, and alerts cleared before that (open alerts stay, however old), in
 * chunks too.
 *
 * <p>Cutoffs are whole buckets of the next level, and a level is never purged past what the next
 * one has rolled up: raw rows of a minute not yet rolled up stay, however old.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Retention {

  @Inject private RetentionStep step;
  @Inject private RollupStep rollups;
  @Inject private HistorySettings settings;

  public RetentionReport runAt(long nowMs) {
    long rawCutoff =
        Math.min(
            Resolution.MINUTE.floor(nowMs - settings.rawRetention().toMillis()),
            rollups.doneUntil(Resolution.MINUTE));
    long minuteCutoff =
        Math.min(
            Resolution.HOUR.floor(nowMs - settings.minuteRetention().toMillis()),
            rollups.doneUntil(Resolution.HOUR));
    long hourCutoff = Resolution.HOUR.floor(nowMs - settings.hourRetention().toMillis());
    long eventCutoff = nowMs - settings.eventRetention().toMillis();
    List<Long> hosts = step.hostIds();
    long containerRows =
        purge(Family.CONTAINER, Resolution.RAW, hosts, rawCutoff)
            + purge(RetentionStep.Snapshot.CONTAINERS, hosts, rawCutoff)
            + purge(Family.CONTAINER, Resolution.MINUTE, hosts, minuteCutoff)
            + purge(Family.CONTAINER, Resolution.HOUR, hosts, hourCutoff);
    return new RetentionReport(
        rawCutoff,
        purge(Family.HOST, Resolution.RAW, hosts, rawCutoff),
        minuteCutoff,
        purge(Family.HOST, Resolution.MINUTE, hosts, minuteCutoff),
        hourCutoff,
        purge(Family.HOST, Resolution.HOUR, hosts, hourCutoff),
        eventCutoff,
        purge(RetentionStep.Log.EVENTS, eventCutoff),
        purge(RetentionStep.Log.CLOSED_ALERTS, eventCutoff),
        containerRows,
        purge(RetentionStep.Snapshot.PROCESSES, hosts, rawCutoff));
  }

  private long purge(RetentionStep.Log log, long cutoffMs) {
    int chunk = settings.deleteChunk();
    long total = 0;
    int n;
    do {
      n = step.deleteOlder(log, cutoffMs, chunk);
      total += n;
    } while (n >= chunk);
    return total;
  }

  private long purge(Family family, Resolution level, List<Long> hosts, long cutoffMs) {
    int chunk = settings.deleteChunk();
    long total = 0;
    for (long host : hosts) {
      int n;
      do {
        n = step.deleteOlder(family, level, host, cutoffMs, chunk);
        total += n;
      } while (n >= chunk);
    }
    return total;
  }

  private long purge(RetentionStep.Snapshot kind, List<Long> hosts, long cutoffMs) {
    int chunk = settings.deleteChunk();
    long total = 0;
    for (long host : hosts) {
      int n;
      do {
        n = step.deleteOlder(kind, host, cutoffMs, chunk);
        total += n;
      } while (n >= chunk);
    }
    return total;
  }
}
