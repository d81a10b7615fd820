package io.vigia.testsupport;

import io.vigia.wire.ContainerEvent;

/** Container events as an agent reports them, for tests that push them. */
public final class ContainerEvents {

  private ContainerEvents() {}

  /** An engine event without figures: create, start, die (with its exit code), destroy. */
  public static ContainerEvent engine(
      long ts, String id, String name, String image, String action, Integer exitCode) {
    return new ContainerEvent(
        ts, id, name, image, action, exitCode, null, null, null, null, null, null);
  }

  /** The kernel killed the container out of memory; its last CPU and memory. */
  public static ContainerEvent oomKilled(
      long ts, String id, String name, String image, double cpuPct, long memUsed, long memLimit) {
    return new ContainerEvent(
        ts, id, name, image, "oom", null, cpuPct, memUsed, memLimit, null, null, null);
  }

  /** The prune policy stopped and removed the container; its last CPU and memory. */
  public static ContainerEvent pruned(
      long ts,
      String id,
      String name,
      String image,
      double cpuPct,
      long memUsed,
      long memLimit,
      String policyClass,
      String policyRule) {
    return new ContainerEvent(
        ts,
        id,
        name,
        image,
        "prune",
        null,
        cpuPct,
        memUsed,
        memLimit,
        policyClass,
        policyRule,
        "stopped and removed");
  }
}
