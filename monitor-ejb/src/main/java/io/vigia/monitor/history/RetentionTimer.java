package io.vigia.monitor.history;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every minute, half a minute after the rollup, purges history past its retention: one minute's
 * worth at a time in steady state, so no purge is ever large.
 */
@Singleton
public class RetentionTimer {

  private static final Logger LOG = Logger.getLogger(RetentionTimer.class.getName());

  @Inject private Retention retention;

  private final Clock clock = Clock.systemUTC();

  @Schedule(
      second = "30",
      minute = "*",
      hour = "*",
      persistent = false,
      info = "history retention",
      timezone = "UTC")
  void purge() {
    RetentionReport r = retention.runAt(clock.millis());
    LOG.log(Level.FINE, "retention: {0}", r);
  }
}
