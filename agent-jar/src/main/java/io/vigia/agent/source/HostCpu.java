package io.vigia.agent.source;

import io.vigia.wire.Cpu;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns cumulative CPU times (host total and per core, in ns whatever the source) into busy
 * percentages since the previous reading.
 */
final class HostCpu {

  private CpuTimes previousTotal;
  private List<CpuTimes> previousCores;

  /** Forgets the previous reading: the next {@link #next} has null percentages. */
  void reset() {
    previousTotal = null;
    previousCores = null;
  }

  /**
   * @param cores null when the number of cores is unknown (a cut /proc/stat)
   */
  Cpu next(CpuTimes total, List<CpuTimes> cores) {
    Double pct = null;
    List<Double> perCore = null;
    if (previousTotal != null) {
      pct = total.busyPctSince(previousTotal).orElse(null);
    }
    if (previousCores != null && cores != null && previousCores.size() == cores.size()) {
      perCore = new ArrayList<>(cores.size());
      for (int i = 0; i < cores.size(); i++) {
        Optional<Double> p = cores.get(i).busyPctSince(previousCores.get(i));
        if (p.isEmpty()) {
          // A core whose counters went backwards (offline and back): no honest figure for any.
          perCore = null;
          break;
        }
        perCore.add(p.get());
      }
    }
    previousTotal = total;
    previousCores = cores;
    return new Cpu(pct, cores == null ? null : cores.size(), perCore);
  }
}
