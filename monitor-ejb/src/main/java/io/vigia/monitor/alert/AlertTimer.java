package io.vigia.monitor.alert;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Evaluates alerts every 5 s. Not persistent: on a cluster every node runs it, and the evaluation
 * lock row makes them take turns (see {@link AlertEvaluator}).
 */
@Singleton
public class AlertTimer {

  private static final Logger LOG = Logger.getLogger(AlertTimer.class.getName());

  /** How often it runs, as its schedule says. */
  public static final Duration PERIOD = Duration.ofSeconds(5);

  @Inject private AlertEvaluation evaluation;

  private final Clock clock = Clock.systemUTC();

  @Schedule(
      second = "*/5",
      minute = "*",
      hour = "*",
      persistent = false,
      timezone = "UTC",
      info = "alert evaluation")
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void evaluate() {
    long now = clock.millis();
    try {
      List<AlertChange> changes = evaluation.run(now);
      if (!changes.isEmpty()) {
        LOG.log(Level.FINE, "alert changes: {0}", changes);
      }
    } catch (RuntimeException e) {
      // The timer is the boundary: log with context; the next run in 5 s tries again.
      LOG.log(Level.WARNING, "alert evaluation as of " + now + " failed", e);
    }
  }
}
