package io.vigia.monitor.history;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * Rolls raw samples up into 1-minute buckets and those into 1-hour buckets, as of a given instant.
 * A bucket is rolled up once it is closed ({@code vigia.history.rollup-lag} after its end); after
 * downtime a run catches up chunk by chunk, each chunk its own transaction ({@link RollupStep}).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Rollups {

  @Inject private RollupStep step;
  @Inject private HistorySettings settings;

  /** Rolls up every bucket closed by {@code nowMs}. */
  public RollupReport runUntil(long nowMs) {
    long closedBefore = nowMs - settings.rollupLag().toMillis();
    int[] transactions = {0};
    long minute = catchUp(Resolution.MINUTE, Resolution.MINUTE.floor(closedBefore), transactions);
    long hour = catchUp(Resolution.HOUR, Resolution.HOUR.floor(closedBefore), transactions);
    return new RollupReport(minute, hour, transactions[0]);
  }

  /**
   * Makes the next run roll up again from {@code sinceMs}: for samples that arrived after their
   * minute was rolled up (an agent's spool replayed after an outage, a bulk import).
   */
  public void rewind(long sinceMs) {
    step.rewind(Resolution.MINUTE, sinceMs);
    step.rewind(Resolution.HOUR, sinceMs);
  }

  private long catchUp(Resolution level, long target, int[] transactions) {
    long done = step.doneUntil(level);
    while (done < target) {
      long next = step.rollNext(level, target);
      transactions[0]++;
      if (next <= done) {
        break; // blocked: the hours wait for their minutes
      }
      done = next;
    }
    return done;
  }
}
