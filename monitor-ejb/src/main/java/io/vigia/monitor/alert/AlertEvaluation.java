package io.vigia.monitor.alert;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * Runs an evaluation and, once its transaction has committed, sends the webhooks: a rolled-back
 * evaluation never notifies anyone. Used by the timer and the admin endpoint alike.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AlertEvaluation {

  @Inject private AlertEvaluator evaluator;
  @Inject private Webhooks webhooks;

  @PersistenceContext(unitName = "vigia")
  private EntityManager em;

  public List<AlertChange> run(long now) {
    List<AlertChange> changes = evaluator.evaluate(now);
    webhooks.send(changes);
    return changes;
  }

  /**
   * As of when the last evaluation ran (its {@code now}; 0 before the first), on any node: for the
   * readiness check that the timer runs.
   */
  public long lastEvaluatedMs() {
    Object v =
        em.createNativeQuery("SELECT last_evaluated_ms FROM alert_evaluation WHERE id = 1")
            .getSingleResult();
    return ((Number) v).longValue();
  }
}
