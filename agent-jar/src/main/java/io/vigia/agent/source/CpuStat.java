package io.vigia.agent.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads cumulative CPU time from /proc/stat: the {@code cpu} line for the host and one {@code cpuN}
 * line per online core. Percentages come from the difference of two readings ({@link CpuTimes}).
 */
public final class CpuStat {

  private final ProcRoot root;

  public CpuStat(ProcRoot root) {
    this.root = root;
  }

  /** The host total and each core, in the kernel's order. */
  public record Reading(CpuTimes total, List<CpuTimes> cores) {}

  public Optional<Reading> read() throws IOException {
    return parse(root.lines("stat"));
  }

  static Optional<Reading> parse(List<String> lines) {
    CpuTimes total = null;
    List<CpuTimes> cores = new ArrayList<>();
    for (String line : lines) {
      if (!line.startsWith("cpu")) {
        continue;
      }
      String[] f = line.trim().split("\\s+");
      Optional<CpuTimes> times = CpuTimes.of(f);
      if (times.isEmpty()) {
        continue;
      }
      if (f[0].equals("cpu")) {
        total = times.get();
      } else {
        cores.add(times.get());
      }
    }
    return total == null ? Optional.empty() : Optional.of(new Reading(total, List.copyOf(cores)));
  }
}
