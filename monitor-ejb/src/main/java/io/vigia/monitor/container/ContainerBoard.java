package io.vigia.monitor.container;

import io.vigia.monitor.history.ContainerRanking;
import io.vigia.monitor.host.HostDirectory;
import io.vigia.monitor.host.HostSummary;
import io.vigia.monitor.latest.LatestState;
import io.vigia.wire.Batch;
import io.vigia.wire.ContainerInfo;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fleet's containers with their figures: right now, from every host's latest batch (in memory),
 * or over a span, ranked from the rollups ({@link ContainerRanking}) and named from the latest
 * batch or, for a container that is gone, from its last minute snapshot.
 */
@Stateless
public class ContainerBoard {

  /** The state of a container no longer in its host's latest batch. */
  public static final String GONE = "gone";

  @Inject private HostDirectory hosts;
  @Inject private LatestState latest;
  @Inject private ContainerRanking ranking;

  /** Every container in every host's latest batch, as that batch had it, in no order. */
  public List<ContainerRow> now() {
    List<ContainerRow> out = new ArrayList<>();
    for (Map.Entry<Long, HostSummary> h : hosts.overviewById().entrySet()) {
      for (ContainerInfo c : containersOf(h.getKey())) {
        out.add(
            new ContainerRow(
                h.getKey(),
                h.getValue().name(),
                h.getValue().online(),
                c.id(),
                c.name(),
                c.image(),
                c.state(),
                c.cpuPct(),
                c.cpuPctOfLimit(),
                c.memUsedBytes(),
                c.memLimitBytes(),
                null,
                null,
                null));
      }
    }
    return out;
  }

  /**
   * The {@code limit} containers with the highest mean CPU ({@code byCpu}) or memory over [from,
   * now), busiest first: those gone since included, with the memory limit of their last snapshot.
   */
  public List<ContainerRow> over(boolean byCpu, int limit, long fromMs) {
    List<ContainerRanking.Ranked> ranked = ranking.top(byCpu, limit, fromMs);
    Map<Long, HostSummary> byId = hosts.overviewById();
    Map<Long, Map<String, ContainerInfo>> running = new HashMap<>();
    Map<Long, List<String>> gone = new HashMap<>();
    for (ContainerRanking.Ranked r : ranked) {
      Map<String, ContainerInfo> ofHost =
          running.computeIfAbsent(
              r.hostId(),
              id -> {
                Map<String, ContainerInfo> m = new HashMap<>();
                containersOf(id).forEach(c -> m.put(c.id(), c));
                return m;
              });
      if (!ofHost.containsKey(r.containerId())) {
        gone.computeIfAbsent(r.hostId(), id -> new ArrayList<>()).add(r.containerId());
      }
    }
    Map<Long, Map<String, ContainerRanking.Named>> named = new HashMap<>();
    gone.forEach((hostId, ids) -> named.put(hostId, ranking.lastNamed(hostId, ids)));

    List<ContainerRow> out = new ArrayList<>();
    for (ContainerRanking.Ranked r : ranked) {
      HostSummary host = byId.get(r.hostId());
      if (host == null) {
        continue; // removed since
      }
      ContainerInfo now = running.get(r.hostId()).get(r.containerId());
      ContainerRanking.Named last =
          now != null ? null : named.getOrDefault(r.hostId(), Map.of()).get(r.containerId());
      Double cores = now == null ? null : now.cpuLimitCores();
      out.add(
          new ContainerRow(
              r.hostId(),
              host.name(),
              host.online(),
              r.containerId(),
              now != null ? now.name() : last == null ? null : last.name(),
              now != null ? now.image() : last == null ? null : last.image(),
              now != null ? now.state() : GONE,
              r.cpuPctAvg(),
              cores == null || cores <= 0 || r.cpuPctAvg() == null ? null : r.cpuPctAvg() / cores,
              r.memUsedAvg() == null ? null : Math.round(r.memUsedAvg()),
              now != null ? now.memLimitBytes() : last == null ? null : last.memLimitBytes(),
              r.cpuPctMax(),
              r.memUsedMax() == null ? null : Math.round(r.memUsedMax()),
              r.samples()));
    }
    return out;
  }

  private List<ContainerInfo> containersOf(long hostId) {
    return latest.get(hostId).map(Batch::containers).filter(c -> c != null).orElse(List.of());
  }
}
