package io.vigia.monitor.container;

import io.vigia.monitor.host.Host;
import io.vigia.monitor.latest.LatestState;
import io.vigia.wire.Batch;
import io.vigia.wire.ContainerPolicy;
import io.vigia.wire.PrunePlan;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a policy would do right now to the containers each host last reported: the dry run an admin
 * sees before saving a policy. Decided by the planner the agents apply ({@link PrunePlan}), so the
 * preview and the agents agree. Reads only; stores nothing.
 */
@Stateless
public class PolicyPreview {

  @PersistenceContext(unitName = "vigia")
  private EntityManager em;

  @Inject private LatestState latest;
  @Inject private ContainerPolicies policies;

  /**
   * One host's containers as the policy would treat them.
   *
   * @param reportedMs when the host's latest batch (the containers judged) was taken, epoch ms
   * @param decisions see {@link PrunePlan#decide}
   */
  public record HostPlan(String host, long reportedMs, List<PrunePlan.Decision> decisions) {

    public long count(PrunePlan.Fate fate) {
      return decisions.stream().filter(d -> d.fate() == fate).count();
    }

    /** Whether a class of the policy selects any of its containers. */
    public boolean selectsAny() {
      return decisions.stream().anyMatch(d -> d.containerClass() != null);
    }
  }

  /**
   * @param hosts the hosts the policy would apply to that reported containers, by name
   * @param overridden the hosts a fleet-wide policy does not apply to: each follows an override of
   *     its own
   * @param withoutContainers how many hosts the policy would apply to reported no container
   */
  public record Preview(List<HostPlan> hosts, List<String> overridden, int withoutContainers) {}

  /** The policy as the fleet's: for every host without an override of its own. */
  public Preview fleet(ContainerPolicy policy) {
    Set<Long> overrides = new HashSet<>();
    for (ContainerPolicies.Stored s : policies.all()) {
      if (s.hostId() != null) {
        overrides.add(s.hostId());
      }
    }
    List<HostPlan> plans = new ArrayList<>();
    List<String> overridden = new ArrayList<>();
    int without = 0;
    for (Host h : em.createNamedQuery("Host.findAll", Host.class).getResultList()) {
      if (overrides.contains(h.getId())) {
        overridden.add(h.getName());
      } else if (!plan(h, policy, plans)) {
        without++;
      }
    }
    return new Preview(plans, overridden, without);
  }

  /** The policy as one host's override. */
  public Preview host(Host host, ContainerPolicy policy) {
    List<HostPlan> plans = new ArrayList<>();
    boolean reported = plan(host, policy, plans);
    return new Preview(plans, List.of(), reported ? 0 : 1);
  }

  /** Adds the host's plan when its latest batch has containers; whether it had. */
  private boolean plan(Host h, ContainerPolicy policy, List<HostPlan> plans) {
    Batch b = latest.get(h.getId()).orElse(null);
    if (b == null || b.containers() == null || b.containers().isEmpty()) {
      return false;
    }
    plans.add(new HostPlan(h.getName(), b.ts(), PrunePlan.decide(policy, b.containers())));
    return true;
  }
}
