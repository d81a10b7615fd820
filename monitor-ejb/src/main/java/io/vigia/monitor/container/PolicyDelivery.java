package io.vigia.monitor.container;

import io.vigia.wire.ContainerPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which policy a push reply carries: the host's effective policy when the agent's version differs,
 * nothing otherwise. Reads the stored policies at most once every {@link #REFRESH_MS} (so a change
 * made on another cluster node arrives within that), and at once after a write here.
 */
@ApplicationScoped
public class PolicyDelivery {

  static final long REFRESH_MS = 5_000;

  @Inject private ContainerPolicies policies;

  private volatile Map<Long, ContainerPolicy> byHost = Map.of(); // key null: the fleet's
  private volatile long loadedMs = Long.MIN_VALUE;

  /** The policy to send, or null when the agent holds the effective one already. */
  public ContainerPolicy forReply(long hostId, String agentVersion, long now) {
    ContainerPolicy p = effective(hostId, now);
    if (p.version().equals(agentVersion)) {
      return null;
    }
    if (agentVersion == null && p == ContainerPolicy.NONE) {
      return null; // an agent that never had a policy needs no "none"
    }
    return p;
  }

  public ContainerPolicy effective(long hostId, long now) {
    if (now - loadedMs > REFRESH_MS || now < loadedMs) {
      reload(now);
    }
    Map<Long, ContainerPolicy> m = byHost;
    ContainerPolicy p = m.get(hostId);
    if (p == null) {
      p = m.get(null);
    }
    return Objects.requireNonNullElse(p, ContainerPolicy.NONE);
  }

  /** Forgets what was read: after a write on this node. */
  public void invalidate() {
    loadedMs = Long.MIN_VALUE;
  }

  private synchronized void reload(long now) {
    Map<Long, ContainerPolicy> m = new HashMap<>();
    for (ContainerPolicies.Stored s : policies.all()) {
      m.put(s.hostId(), s.policy());
    }
    byHost = m;
    loadedMs = now;
  }
}
