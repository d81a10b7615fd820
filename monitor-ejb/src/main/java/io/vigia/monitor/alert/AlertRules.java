package io.vigia.monitor.alert;

import io.vigia.monitor.event.EventKind;
import io.vigia.monitor.event.EventLog;
import io.vigia.monitor.event.Severity;
import io.vigia.monitor.host.Host;
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
    clearOpen(r, user, "rule changed", now);
    r.apply(spec);
    return Optional.of(r);
  }

  public boolean delete(long id, String user, long now) {
    AlertRule r = em.find(AlertRule.class, id);
    if (r == null) {
      return false;
    }
    clearOpen(r, user, "rule deleted", now);
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
          "alert '"
              + r.getName()
              + "' cleared"
              + (a.getContainer() == null ? "" : " (container " + a.getContainer() + ")")
              + ": "
              + why,
          r.condition());
    }
  }

  /** Open alerts, or the latest {@code limit} alerts open or not; newest first. */
  public List<AlertView> alerts(boolean activeOnly, int limit) {
    String jpql =
        "SELECT a FROM Alert a"
            + (activeOnly ? " WHERE a.clearedMs IS NULL" : "")
            + " ORDER BY a.raisedMs DESC, a.id DESC";
    List<Alert> alerts = em.createQuery(jpql, Alert.class).setMaxResults(limit).getResultList();
    Map<Long, AlertRule> rules = all().stream().collect(Collectors.toMap(AlertRule::getId, r -> r));
    Map<Long, String> hosts =
        em.createNamedQuery("Host.findAll", Host.class).getResultList().stream()
            .collect(Collectors.toMap(Host::getId, Host::getName));
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
}
