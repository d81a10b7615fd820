package io.vigia.monitor.alert;

import io.vigia.monitor.alert.HeldCondition.Result;
import io.vigia.monitor.alert.HeldCondition.Verdict;
import io.vigia.monitor.event.EventKind;
import io.vigia.monitor.event.EventLog;
import io.vigia.monitor.event.EventText;
import io.vigia.monitor.event.Severity;
import io.vigia.monitor.host.Host;
import io.vigia.monitor.host.HostActivity;
import io.vigia.monitor.latest.LatestState;
import io.vigia.wire.Batch;
import io.vigia.wire.ContainerInfo;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One evaluation as of {@code now}, in one transaction: host online/offline changes, then every
 * enabled rule on every host it covers; raises and clears alerts and logs both as events.
 *
 * <p>Idempotent and safe on a cluster: a run first updates the single {@code alert_evaluation} row,
 * so runs on several nodes take turns, and the database holds at most one open alert per (rule,
 * host, container). Running twice at the same {@code now} changes nothing the second time.
 *
 * <p>{@code container_mem_pct} rules raise one alert per container (see {@link #containerRules}),
 * judged from the readings each run finds in the hosts' latest batches.
 */
@Stateless
public class AlertEvaluator {

  @PersistenceContext(unitName = "vigia")
  private EntityManager em;

  @Inject private EventLog events;
  @Inject private AlertSettings settings;
  @Inject private HostActivity activity;
  @Inject private LatestState latest;
  @Inject private ContainerRuns containerRuns;

  public List<AlertChange> evaluate(long now) {
    // Taking the row lock serialises evaluators (one per cluster node) until this one commits.
    em.createNativeQuery("UPDATE alert_evaluation SET last_evaluated_ms = ? WHERE id = 1")
        .setParameter(1, now)
        .executeUpdate();
    // In id order, the order the host-row flusher (HostActivity) locks them in: the rows this
    // run's inserts refer to are then share-locked in the same order, so the two do not deadlock.
    List<Host> hosts =
        em.createNamedQuery("Host.findAll", Host.class).getResultList().stream()
            .sorted(Comparator.comparing(Host::getId))
            .toList();
    Map<Long, Host> byId = new HashMap<>();
    hosts.forEach(h -> byId.put(h.getId(), h));
    presence(hosts, now);

    List<AlertRule> rules =
        em.createNamedQuery("AlertRule.findEnabled", AlertRule.class).getResultList();
    Map<String, Alert> open = new HashMap<>();
    for (Alert a : em.createNamedQuery("Alert.findOpen", Alert.class).getResultList()) {
      open.put(key(a.getRuleId(), a.getHostId(), a.containerKey()), a);
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
        continue; // one alert per container: below
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
    changes.addAll(containerRules(rules, hosts, byId, open, now));
    return changes;
  }

  private static String key(long ruleId, long hostId) {
    return key(ruleId, hostId, Alert.NO_CONTAINER);
  }

  private static String key(long ruleId, long hostId, String containerId) {
    return ruleId + "/" + hostId + "/" + containerId;
  }

  /**
   * container_mem_pct rules: a container's memory use as a percentage of its limit, held for the
   * rule's duration. One alert per (rule, host, container), so two containers near their limits are
   * two alerts, each cleared on its own, and each names its container.
   *
   * <p>Readings come from each host's latest batch (in memory, {@link LatestState}), one per run
   * and container, into a {@link HeldRun} per (rule, host, container): the minute snapshots in
   * {@code container_sample} are too far apart to tell that a condition held for 60 s. Runs judge
   * on the batches' own clock; readings more than {@code vigia.alert.max-sample-gap} plus one
   * evaluation period apart start the count again. A container without a limit never matches; an
   * alert is cleared when its container stops or leaves the host's batch. A host whose latest batch
   * is missing or did not collect containers changes nothing (host_offline rules tell of silent
   * hosts).
   */
  private List<AlertChange> containerRules(
      List<AlertRule> rules,
      List<Host> hosts,
      Map<Long, Host> byId,
      Map<String, Alert> open,
      long now) {
    List<AlertRule> watching =
        rules.stream().filter(r -> r.metric() == AlertMetric.CONTAINER_MEM_PCT).toList();
    containerRuns.retainRules(watching.stream().map(AlertRule::getId).toList());
    if (watching.isEmpty()) {
      return List.of();
    }
    long gapMs = settings.maxSampleGap().toMillis() + AlertTimer.PERIOD.toMillis();
    Map<String, List<Alert>> openOfContainers = new HashMap<>();
    for (Alert a : open.values()) {
      if (a.getContainerId() != null) {
        openOfContainers
            .computeIfAbsent(key(a.getRuleId(), a.getHostId()), k -> new ArrayList<>())
            .add(a);
      }
    }
    Map<Long, Optional<Batch>> batches = new HashMap<>();
    List<AlertChange> changes = new ArrayList<>();
    for (AlertRule rule : watching) {
      List<Host> targets =
          rule.getHostId() == null
              ? hosts
              : byId.containsKey(rule.getHostId())
                  ? List.of(byId.get(rule.getHostId()))
                  : List.of();
      containerRuns.retainHosts(rule.getId(), targets.stream().map(Host::getId).toList());
      for (Host host : targets) {
        Batch batch = batches.computeIfAbsent(host.getId(), latest::get).orElse(null);
        if (batch == null || batch.containers() == null) {
          continue;
        }
        Map<String, ContainerInfo> running = new LinkedHashMap<>();
        batch.containers().stream()
            .filter(ContainerMemory::running)
            .forEach(c -> running.putIfAbsent(c.id(), c));
        for (ContainerInfo c : running.values()) {
          HeldRun run = containerRuns.of(rule, host.getId(), c.id());
          if (c.memUsedBytes() != null) {
            OptionalDouble pct = ContainerMemory.usedPct(c.memUsedBytes(), c.memLimitBytes());
            run.add(batch.ts(), pct.isPresent() ? pct.getAsDouble() : null, gapMs);
          }
          Result result = run.judge(rule.getDurationS() * 1000L);
          Alert current = open.get(key(rule.getId(), host.getId(), c.id()));
          if (result.verdict() == Verdict.HOLDS && current == null) {
            changes.add(raise(rule, host, c.id(), c.name(), result.value(), now));
          } else if (result.verdict() == Verdict.BROKEN && current != null) {
            changes.add(
                result.value() == null
                    ? clear(rule, host, current, null, now, EventText.of("alert.noMemoryLimit"))
                    : clear(rule, host, current, result.value(), now));
          }
        }
        containerRuns.retainContainers(rule.getId(), host.getId(), running.keySet());
        for (Alert a : openOfContainers.getOrDefault(key(rule.getId(), host.getId()), List.of())) {
          if (!running.containsKey(a.getContainerId())) {
            changes.add(clear(rule, host, a, null, now, EventText.of("alert.containerGone")));
          }
        }
      }
    }
    return changes;
  }

  /** host_offline: no batch for offline-after plus the rule's duration; value in seconds. */
  private Result offline(AlertRule rule, Host host, long now) {
    Long lastSeen = activity.lastSeenMs(host);
    if (lastSeen == null) {
      return new Result(Verdict.PENDING, null);
    }
    long silentMs = now - lastSeen;
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
    return raise(rule, host, null, null, value, now);
  }

  private AlertChange raise(
      AlertRule rule, Host host, String containerId, String containerName, Double value, long now) {
    Alert a = Alert.raise(rule.getId(), host.getId(), containerId, containerName, now, value);
    em.persist(a);
    em.flush();
    events.record(
        now,
        host.getId(),
        EventKind.ALERT_RAISED,
        rule.metric() == AlertMetric.HOST_OFFLINE ? Severity.CRITICAL : Severity.WARNING,
        EventLog.SYSTEM,
        EventText.of("alert.raised", rule.getName(), where(host, a), number(value)),
        rule.conditionText());
    return change(a, rule, host, AlertChange.RAISED, value, now);
  }

  private AlertChange clear(AlertRule rule, Host host, Alert a, Double value, long now) {
    return clear(
        rule,
        host,
        a,
        value,
        now,
        value == null ? EventText.of("alert.noValue") : EventText.of("alert.value", number(value)));
  }

  /** As "value " + value always read in the API: Java's own writing of a double, or null. */
  private static Object number(Double value) {
    return value == null ? "null" : new EventText.Num(value, null);
  }

  /**
   * @param why what the event message says in brackets
   */
  private AlertChange clear(
      AlertRule rule, Host host, Alert a, Double value, long now, EventText why) {
    a.clear(now);
    events.record(
        now,
        host.getId(),
        EventKind.ALERT_CLEARED,
        Severity.INFO,
        EventLog.SYSTEM,
        EventText.of("alert.cleared", rule.getName(), where(host, a), why),
        rule.conditionText());
    return change(a, rule, host, AlertChange.CLEARED, value, now);
  }

  /** The host, and the container for a container's alert. */
  private static Object where(Host host, Alert a) {
    return a.getContainer() == null
        ? host.getName()
        : EventText.of("alert.onContainer", host.getName(), a.getContainer());
  }

  private static AlertChange change(
      Alert a, AlertRule rule, Host host, String state, Double value, long now) {
    return new AlertChange(
        a.getId(),
        rule.getId(),
        rule.getName(),
        host.getName(),
        a.getContainer(),
        state,
        value,
        Instant.ofEpochMilli(now),
        rule.getWebhookUrl());
  }

  /** Logs each host's change between online and offline since the last evaluation. */
  private void presence(List<Host> hosts, long now) {
    long offlineMs = settings.offlineAfter().toMillis();
    // One query for every host's presence, not one per host every 5 s.
    Map<Long, HostPresence> presences = new HashMap<>();
    em.createQuery("SELECT p FROM HostPresence p", HostPresence.class)
        .getResultList()
        .forEach(p -> presences.put(p.getHostId(), p));
    for (Host h : hosts) {
      Long lastSeenMs = activity.lastSeenMs(h);
      if (lastSeenMs == null) {
        continue;
      }
      boolean online = now - lastSeenMs <= offlineMs;
      HostPresence p = presences.get(h.getId());
      if (p == null) {
        em.persist(new HostPresence(h.getId(), online, now));
      } else if (p.isOnline() != online) {
        p.change(online, now);
      } else {
        continue;
      }
      events.record(
          now,
          h.getId(),
          online ? EventKind.HOST_ONLINE : EventKind.HOST_OFFLINE,
          online ? Severity.INFO : Severity.WARNING,
          EventLog.SYSTEM,
          EventText.of(online ? "host.online" : "host.offline", h.getName()),
          online
              ? EventText.of("host.seen", new EventText.Time(lastSeenMs))
              : EventText.of(
                  "host.unseen",
                  new EventText.Time(lastSeenMs),
                  new EventText.Span(settings.offlineAfter().toMillis())));
    }
  }
}
