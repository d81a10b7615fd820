package io.vigia.monitor.history;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.OptionalLong;

/**
 * Rollup and retention on demand, as of a given instant: what the timers do each minute, for an
 * operator catching up (after restoring data, or replaying an agent's spool) and for tests that
 * drive time themselves.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class HistoryMaintenance {

  /** What one run did. */
  public record Report(long nowMs, RollupReport rollup, RetentionReport retention) {}

  @Inject private Rollups rollups;
  @Inject private Retention retention;

  private final Clock clock = Clock.systemUTC();

  /**
   * Rolls up (again from {@code sinceMs}, when given) and purges as of {@code nowMs}. Rollups never
   * run ahead of the wall clock, so a {@code nowMs} in the future purges as of then but does not
   * close buckets that are still filling.
   */
  public Report run(long nowMs, OptionalLong sinceMs) {
    sinceMs.ifPresent(rollups::rewind);
    RollupReport r = rollups.runUntil(Math.min(nowMs, clock.millis()));
    return new Report(nowMs, r, retention.runAt(nowMs));
  }
}
