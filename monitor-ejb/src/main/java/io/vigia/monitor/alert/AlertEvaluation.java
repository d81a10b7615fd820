package io.vigia.monitor.alert;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
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

  public List<AlertChange> run(long now) {
    List<AlertChange> changes = evaluator.evaluate(now);
    webhooks.send(changes);
    return changes;
  }
}
