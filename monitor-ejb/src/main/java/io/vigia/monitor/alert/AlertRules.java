package io.vigia.monitor.alert;

import io.vigia.monitor.event.EventKind;
import io.vigia.monitor.event.EventLog;
import io.vigia.monitor.event.EventText;
import io.vigia.monitor.event.Severity;
import io.vigia.monitor.host.HostDirectory;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Alert rules (create, change, delete) and the alerts they raised. Changing or deleting a rule
 * clears its open alerts, logged as done by the admin: the next evaluation raises them again if the
 * new condition holds.
 */
@Stateless
public class AlertRules {

  @PersistenceContext(unitName = "vigia")
  private EntityManager em;

  @Inject private EventLog events;
  @Inject private HostDirectory directory;

  public List<AlertRule> all() {
    return em.createNamedQuery("AlertRule.findAll", AlertRule.class).getResultList();
  }

  public Optional<AlertRule> byId(long id) {
    return Optional.ofNullable(em.find(AlertRule.class, id));
  }

  /**
   * @throws IllegalArgumentException when the spec has {@link AlertRuleSpec#problems()}
   */
  public AlertRule create(AlertRuleSpec spec) {
    check(spec);
    AlertRule r = AlertRule.of(spec);
    em.persist(r);
    em.flush();
    return r;
  }

  public Optional<AlertRule> update(long id, AlertRuleSpec spec, String user, long now) {
    check(spec);
    AlertRule r = em.find(AlertRule.class, id);
    if (r == null) {
      return Optional.empty();
    }
    clearOpen(r, user, "alert.ruleChanged", now);
    r.apply(spec);
    return Optional.of(r);
  }

  public boolean delete(long id, String user, long now) {
    AlertRule r = em.find(AlertRule.class, id);
    if (r == null) {
      return false;
    }
    clearOpen(r, user, "alert.ruleDeleted", now);
    em.flush();
    em.remove(r); // its alerts go with it (ON DELETE CASCADE)
    return true;
  }

  private static void check(AlertRuleSpec spec) {
    List<String> problems = spec.problems();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  /**
   * @param why the {@link EventText} key of why
   */
  private void clearOpen(AlertRule r, String user, String why, long now) {
    for (Alert a :
        em.createNamedQuery("Alert.findOpenOfRule", Alert.class)
            .setParameter("ruleId", r.getId())
            .getResultList()) {
      a.clear(now);
      events.record(
          now,
          a.getHostId(),
          EventKind.ALERT_CLEARED,
          Severity.INFO,
          user,
          a.getContainer() == null
              ? EventText.of("alert.clearedOfRule", r.getName(), EventText.of(why))
              : EventText.of(
                  "alert.clearedOfRuleContainer", r.getName(), a.getContainer(), EventText.of(why)),
          r.conditionText());
    }
  }

  /** Open alerts, or the latest {@code limit} alerts open or not; newest first. */
  public List<AlertView> alerts(boolean activeOnly, int limit) {
    return alerts(activeOnly ? AlertState.OPEN : AlertState.ANY, 0, limit);
  }

  /**
   * One page of alerts in that state, newest (last raised) first, {@code max} from {@code first}.
   */
  public List<AlertView> alerts(AlertState state, int first, int max) {
    List<Alert> alerts =
        em.createQuery(
                "SELECT a FROM Alert a" + state.where() + " ORDER BY a.raisedMs DESC, a.id DESC",
                Alert.class)
            .setFirstResult(first)
            .setMaxResults(max)
            .getResultList();
    Map<Long, AlertRule> rules = all().stream().collect(Collectors.toMap(AlertRule::getId, r -> r));
    Map<Long, String> hosts = directory.namesOf(alerts.stream().map(Alert::getHostId).toList());
    return alerts.stream()
        .map(
            a -> {
              AlertRule r = rules.get(a.getRuleId());
              return new AlertView(
                  a.getId(),
                  a.getRuleId(),
                  r == null ? null : r.getName(),
                  r == null ? null : r.getMetric(),
                  hosts.get(a.getHostId()),
                  a.getContainer(),
                  Instant.ofEpochMilli(a.getRaisedMs()),
                  a.getClearedMs() == null ? null : Instant.ofEpochMilli(a.getClearedMs()),
                  a.getValue(),
                  a.getClearedMs() == null);
            })
        .toList();
  }

  /** How many alerts are in that state. */
  public long countAlerts(AlertState state) {
    return em.createQuery("SELECT COUNT(a) FROM Alert a" + state.where(), Long.class)
        .getSingleResult();
  }
}
