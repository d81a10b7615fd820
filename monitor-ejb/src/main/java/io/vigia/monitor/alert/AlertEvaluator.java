package io.vigia.monitor.alert;

import io.vigia.monitor.alert.HeldCondition.Result;
import io.vigia.monitor.alert.HeldCondition.Verdict;
import io.vigia.monitor.event.EventKind;
import io.vigia.monitor.event.EventLog;
import io.vigia.monitor.event.Severity;
import io.vigia.monitor.host.Host;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * One evaluation as of {@code now}, in one transaction: host online/offline changes, then every
 * enabled rule on every host it covers; raises and clears alerts and logs both as events.
 *
 * <p>Idempotent and safe on a cluster: a run first updates the single {@code alert_evaluation} row,
 * so runs on several nodes take turns, and the database holds at most one open alert per (rule,
 * host). Running twice at the same {@code now} changes nothing the second time.
 */
@Stateless
public class AlertEvaluator {

  private static final Logger LOG = Logger.getLogger(AlertEvaluator.class.getName());
  private static final AtomicBoolean CONTAINER_RULES_NOTED = new AtomicBoolean();

  @PersistenceContext(unitName = "vigia")
  private EntityManager em;

  @Inject private EventLog events;
  @Inject private AlertSettings settings;

  public List<AlertChange> evaluate(long now) {
    // Taking the row lock serialises evaluators (one per cluster node) until this one commits.
    em.createNativeQuery("UPDATE alert_evaluation SET last_evaluated_ms = ? WHERE id = 1")
        .setParameter(1, now)
        .executeUpdate();
    List<Host> hosts = em.createNamedQuery("Host.findAll", Host.class).getResultList();
    Map<Long, Host> byId = new HashMap<>();
    hosts.forEach(h -> byId.put(h.getId(), h));
    presence(hosts, now);

    List<AlertRule> rules =
        em.createNamedQuery("AlertRule.findEnabled", AlertRule.class).getResultList();
    Map<String, Alert> open = new HashMap<>();
    for (Alert a : em.createNamedQuery("Alert.findOpen", Alert.class).getResultList()) {
      open.put(key(a.getRuleId(), a.getHostId()), a);
    }
    long gapMs = settings.maxSampleGap().toMillis();
    long lookBackMs =
        rules.stream()
            .filter(r -> r.metric().hasThreshold())
            .mapToLong(r -> Math.max(r.getDurationS() * 1000L, gapMs))
            .max()
            .orElse(0);
    Map<Long, List<Object[]>> samples = new HashMap<>();
    List<AlertChange> changes = new ArrayList<>();
    for (AlertRule rule : rules) {
      if (rule.metric() == AlertMetric.CONTAINER_MEM_PCT) {
        if (CONTAINER_RULES_NOTED.compareAndSet(false, true)) {
          LOG.info("container_mem_pct rules are kept but not evaluated: containers not stored yet");
        }
        continue;
      }
      List<Host> targets =
          rule.getHostId() == null
              ? hosts
              : byId.containsKey(rule.getHostId())
                  ? List.of(byId.get(rule.getHostId()))
                  : List.of();
      for (Host host : targets) {
        Result result =
            rule.metric() == AlertMetric.HOST_OFFLINE
                ? offline(rule, host, now)
                : HeldCondition.judge(
                    readings(
                        rule.metric(),
                        samples.computeIfAbsent(
                            host.getId(), id -> samplesOf(id, now - lookBackMs, now))),
                    rule.operator(),
                    rule.getThreshold(),
                    now,
                    rule.getDurationS() * 1000L,
                    gapMs);
        Alert current = open.get(key(rule.getId(), host.getId()));
        if (result.verdict() == Verdict.HOLDS && current == null) {
          changes.add(raise(rule, host, result.value(), now));
        } else if (result.verdict() == Verdict.BROKEN && current != null) {
          changes.add(clear(rule, host, current, result.value(), now));
        }
      }
    }
    return changes;
  }

  private static String key(long ruleId, long hostId) {
    return ruleId + "/" + hostId;
  }

  /** host_offline: no batch for offline-after plus the rule's duration; value in seconds. */
  private Result offline(AlertRule rule, Host host, long now) {
    if (host.getLastSeenMs() == null) {
      return new Result(Verdict.PENDING, null);
    }
    long silentMs = now - host.getLastSeenMs();
    double silentS = Math.max(0, silentMs) / 1000.0;
    boolean holds = silentMs > settings.offlineAfter().toMillis() + rule.getDurationS() * 1000L;
    return new Result(holds ? Verdict.HOLDS : Verdict.BROKEN, silentS);
  }

  private List<Object[]> samplesOf(long hostId, long from, long now) {
    return em.createQuery(
            "SELECT s.tsMs, s.cpuPct, s.memTotalKb, s.memAvailableKb FROM Sample s"
                + " WHERE s.hostId = :hostId AND s.tsMs >= :from AND s.tsMs <= :now",
            Object[].class)
        .setParameter("hostId", hostId)
        .setParameter("from", from)
        .setParameter("now", now)
        .getResultList();
  }

  static List<Reading> readings(AlertMetric metric, List<Object[]> rows) {
    List<Reading> readings = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      long ts = ((Number) row[0]).longValue();
      readings.add(
          new Reading(
              ts,
              metric == AlertMetric.CPU_PCT
                  ? (Double) row[1]
                  : ramUsedPct((Long) row[2], (Long) row[3])));
    }
    return readings;
  }

  /** As the rollups compute it: 100 * (total - available) / total; null when unknown. */
  static Double ramUsedPct(Long totalKb, Long availableKb) {
    if (totalKb == null || availableKb == null || totalKb <= 0) {
      return null;
    }
    return 100.0 * (totalKb - availableKb) / totalKb;
  }

  private AlertChange raise(AlertRule rule, Host host, Double value, long now) {
    Alert a = Alert.raise(rule.getId(), host.getId(), now, value);
    em.persist(a);
    em.flush();
    events.record(
        now,
        host.getId(),
        EventKind.ALERT_RAISED,
        rule.metric() == AlertMetric.HOST_OFFLINE ? Severity.CRITICAL : Severity.WARNING,
        EventLog.SYSTEM,
        "alert '" + rule.getName() + "' raised on " + host.getName() + " (value " + value + ")",
        rule.condition());
    return change(a, rule, host, AlertChange.RAISED, value, now);
  }

  private AlertChange clear(AlertRule rule, Host host, Alert a, Double value, long now) {
    a.clear(now);
    events.record(
        now,
        host.getId(),
        EventKind.ALERT_CLEARED,
        Severity.INFO,
        EventLog.SYSTEM,
        "alert '" + rule.getName() + "' cleared on " + host.getName() + " (value " + value + ")",
        rule.condition());
    return change(a, rule, host, AlertChange.CLEARED, value, now);
  }

  private static AlertChange change(
      Alert a, AlertRule rule, Host host, String state, Double value, long now) {
    return new AlertChange(
        a.getId(),
        rule.getId(),
        rule.getName(),
        host.getName(),
        state,
        value,
        Instant.ofEpochMilli(now),
        rule.getWebhookUrl());
  }

  /** Logs each host's change between online and offline since the last evaluation. */
  private void presence(List<Host> hosts, long now) {
    long offlineMs = settings.offlineAfter().toMillis();
    for (Host h : hosts) {
      if (h.getLastSeenMs() == null) {
        continue;
      }
      boolean online = now - h.getLastSeenMs() <= offlineMs;
      HostPresence p = em.find(HostPresence.class, h.getId());
      if (p == null) {
        em.persist(new HostPresence(h.getId(), online, now));
      } else if (p.isOnline() != online) {
        p.change(online, now);
      } else {
        continue;
      }
      String lastSeen = Instant.ofEpochMilli(h.getLastSeenMs()).toString();
      events.record(
          now,
          h.getId(),
          online ? EventKind.HOST_ONLINE : EventKind.HOST_OFFLINE,
          online ? Severity.INFO : Severity.WARNING,
          EventLog.SYSTEM,
          h.getName() + (online ? " is online" : " is offline"),
          online
              ? "batch received at " + lastSeen
              : "no batch since " + lastSeen + " (over " + settings.offlineAfter() + ")");
    }
  }
}
