package io.vigia.monitor.alert;

import io.vigia.wire.ContainerInfo;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;

/** A container's memory use as a percentage of its limit, for {@code container_mem_pct} rules. */
public final class ContainerMemory {

  /** Docker states of a container that runs no process, so uses no memory to watch. */
  private static final Set<String> NOT_RUNNING = Set.of("created", "exited", "dead", "removing");

  /** Length of Docker's short container id. */
  static final int SHORT_ID = 12;

  private ContainerMemory() {}

  /** Absent when the use is unknown or the container has no limit (nothing to be near). */
  public static OptionalDouble usedPct(Long memUsedBytes, Long memLimitBytes) {
    if (memUsedBytes == null || memLimitBytes == null || memLimitBytes <= 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(100.0 * memUsedBytes / memLimitBytes);
  }

  /**
   * Whether the container is there to be watched: listed, and not stopped. A stopped or removed
   * container's alerts are cleared.
   */
  static boolean running(ContainerInfo c) {
    return c.state() == null || !NOT_RUNNING.contains(c.state().toLowerCase(Locale.ROOT));
  }

  /** Its name, or the short id when Docker did not name it (a bare cgroup); null for no id. */
  static String label(String id, String name) {
    if (name != null && !name.isBlank()) {
      return name;
    }
    return id == null ? null : id.substring(0, Math.min(SHORT_ID, id.length()));
  }
}
