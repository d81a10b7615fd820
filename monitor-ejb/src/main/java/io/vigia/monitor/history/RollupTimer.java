package io.vigia.monitor.history;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every minute, rolls up the minutes (and hours) that have closed. Not persistent: on a cluster
 * every node runs it, and the rollup state row makes them take turns rather than double-count.
 */
@Singleton
public class RollupTimer {

  private static final Logger LOG = Logger.getLogger(RollupTimer.class.getName());

  @Inject private Rollups rollups;
  @Inject private LateSamples late;

  private final Clock clock = Clock.systemUTC();

  @Schedule(minute = "*", hour = "*", persistent = false, info = "history rollup", timezone = "UTC")
  void rollUp() {
    late.drain().ifPresent(rollups::rewind);
    RollupReport r = rollups.runUntil(clock.millis());
    LOG.log(Level.FINE, "rollup: {0}", r);
  }
}
