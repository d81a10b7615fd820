package io.vigia.monitor.container;

import io.vigia.wire.ContainerPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Which policy a push reply carries: the host's effective policy when the agent's version differs,
 * nothing otherwise. Reads the stored policies at most once every {@link #REFRESH_MS} (so a change
 * made on another cluster node arrives within that), and at once after a write here.
 */
@ApplicationScoped
public class PolicyDelivery {

  static final long REFRESH_MS = 5_000;

  @Inject private ContainerPolicies policies;

  /** What was read, and when: the fleet's policy (or none) and the hosts' overrides. */
  private record Loaded(ContainerPolicy fleet, Map<Long, ContainerPolicy> byHost, long atMs) {}

  private volatile Loaded loaded; // null: read at the next push
  private final ReentrantLock reading = new ReentrantLock();
  private final AtomicLong writes = new AtomicLong();

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
    Loaded l = loaded;
    if (stale(l, now)) {
      l = reload(l, now);
    }
    return l.byHost().getOrDefault(hostId, l.fleet());
  }

  private static boolean stale(Loaded l, long now) {
    return l == null || now - l.atMs() > REFRESH_MS || now < l.atMs();
  }

  /** Forgets what was read: after a write on this node. */
  public void invalidate() {
    writes.incrementAndGet();
    loaded = null;
  }

  /**
   * One push thread reads. While it does, the other pushes go on with what was read before (at most
   * a refresh older) rather than all queue behind one database read every 5 s; only when nothing is
   * held (the first push, or a write here) do they wait for it.
   */
  private Loaded reload(Loaded previous, long now) {
    if (previous != null && !reading.tryLock()) {
      return previous;
    }
    if (previous == null) {
      reading.lock();
    }
    try {
      Loaded current = loaded;
      return stale(current, now) ? read(now) : current;
    } finally {
      reading.unlock();
    }
  }

  private Loaded read(long now) {
    long before = writes.get();
    ContainerPolicy fleet = ContainerPolicy.NONE;
    Map<Long, ContainerPolicy> byHost = new HashMap<>();
    for (ContainerPolicies.Stored s : policies.all()) {
      if (s.hostId() == null) {
        fleet = s.policy();
      } else {
        byHost.put(s.hostId(), s.policy());
      }
    }
    Loaded l = new Loaded(fleet, Map.copyOf(byHost), now);
    if (writes.get() == before) {
      loaded = l; // else a write here overtook this read: the next push reads again
    }
    return l;
  }
}
