package io.vigia.monitor.latest;

import io.vigia.wire.Batch;
import io.vigia.wire.ContainerInfo;
import io.vigia.wire.ProcessInfo;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a host's minute snapshot: the top processes by CPU and by memory, and every container.
 * Plain SQL inserts, batched by the JDBC driver, in the ingest transaction.
 */
@Stateless
public class Snapshots {

  /** How many processes by CPU, and how many by memory, a snapshot keeps. */
  public static final int TOP_N = 10;

  @PersistenceContext(unitName = "vigia")
  private EntityManager em;

  public void write(long hostId, Batch batch) {
    if (batch.processes() != null && batch.processes().list() != null) {
      for (ProcessInfo p : topProcesses(batch.processes().list())) {
        em.createNativeQuery(
                "INSERT INTO process_snapshot (host_id, ts_ms, pid, start_ticks, name, username,"
                    + " state, cpu_pct, rss_kb) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .setParameter(1, hostId)
            .setParameter(2, batch.ts())
            .setParameter(3, p.pid())
            .setParameter(4, p.startTicks())
            .setParameter(5, p.name())
            .setParameter(6, p.user())
            .setParameter(7, p.state())
            .setParameter(8, p.cpuPct())
            .setParameter(9, p.rssKb())
            .executeUpdate();
      }
    }
    if (batch.containers() != null) {
      Map<String, ContainerInfo> byId = new LinkedHashMap<>();
      batch.containers().forEach(c -> byId.putIfAbsent(c.id(), c));
      for (ContainerInfo c : byId.values()) {
        em.createNativeQuery(
                "INSERT INTO container_sample (host_id, ts_ms, container_id, name, image, state,"
                    + " cpu_pct, mem_used_bytes, mem_limit_bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
                    + " ?)")
            .setParameter(1, hostId)
            .setParameter(2, batch.ts())
            .setParameter(3, c.id())
            .setParameter(4, c.name())
            .setParameter(5, c.image())
            .setParameter(6, c.state())
            .setParameter(7, c.cpuPct())
            .setParameter(8, c.memUsedBytes())
            .setParameter(9, c.memLimitBytes())
            .executeUpdate();
      }
    }
  }

  /** The top {@link #TOP_N} by CPU and the top {@link #TOP_N} by RSS, each process once. */
  static List<ProcessInfo> topProcesses(List<ProcessInfo> all) {
    Map<Integer, ProcessInfo> picked = new LinkedHashMap<>();
    all.stream()
        .filter(p -> p.cpuPct() != null)
        .sorted(Comparator.comparing(ProcessInfo::cpuPct).reversed())
        .limit(TOP_N)
        .forEach(p -> picked.putIfAbsent(p.pid(), p));
    all.stream()
        .filter(p -> p.rssKb() != null)
        .sorted(Comparator.comparing(ProcessInfo::rssKb).reversed())
        .limit(TOP_N)
        .forEach(p -> picked.putIfAbsent(p.pid(), p));
    return picked.values().stream().filter(Objects::nonNull).toList();
  }
}
