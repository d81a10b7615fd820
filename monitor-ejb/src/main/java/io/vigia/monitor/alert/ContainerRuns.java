package io.vigia.monitor.alert;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What evaluation remembers of containers between runs: one {@link HeldRun} per (rule, host,
 * container), fed by each evaluation from the host's latest batch. Kept in memory on each node,
 * which sees the same latest batches (the data grid when clustered): a node that starts knows
 * nothing yet, which only delays a raise or a clear ({@link HeldRun} is pending), never makes one
 * up. Entries of rules, hosts and containers no longer watched are dropped by each evaluation.
 */
@ApplicationScoped
public class ContainerRuns {

  /** Rule id → host id → container id → run. */
  private final Map<Long, Map<Long, Map<String, HeldRun>>> runs = new ConcurrentHashMap<>();

  /** The run of that rule's condition on that container, new when none or the rule changed. */
  HeldRun of(AlertRule rule, long hostId, String containerId) {
    return runs.computeIfAbsent(rule.getId(), r -> new ConcurrentHashMap<>())
        .computeIfAbsent(hostId, h -> new ConcurrentHashMap<>())
        .compute(
            containerId,
            (id, run) ->
                run != null && run.judges(rule.operator(), rule.getThreshold())
                    ? run
                    : new HeldRun(rule.operator(), rule.getThreshold()));
  }

  /** Forgets every rule but these. */
  void retainRules(Collection<Long> ruleIds) {
    runs.keySet().retainAll(Set.copyOf(ruleIds));
  }

  /** Forgets a rule's runs on every host but these. */
  void retainHosts(long ruleId, Collection<Long> hostIds) {
    Map<Long, Map<String, HeldRun>> hosts = runs.get(ruleId);
    if (hosts != null) {
      hosts.keySet().retainAll(Set.copyOf(hostIds));
    }
  }

  /** Forgets a rule's runs on a host's containers but these (the others are gone). */
  void retainContainers(long ruleId, long hostId, Collection<String> containerIds) {
    Map<Long, Map<String, HeldRun>> hosts = runs.get(ruleId);
    Map<String, HeldRun> containers = hosts == null ? null : hosts.get(hostId);
    if (containers != null) {
      containers.keySet().retainAll(Set.copyOf(containerIds));
    }
  }
}
