package io.vigia.monitor.latest;

import io.vigia.wire.ProcessInfo;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a host's minute snapshot keeps: the top processes by CPU and by memory (and every
 * container); the {@code SampleWriter} stores it with the minute's sample.
 */
public final class Snapshots {

  /** How many processes by CPU, and how many by memory, a snapshot keeps. */
  public static final int TOP_N = 10;

  private Snapshots() {}

  /** The top {@link #TOP_N} by CPU and the top {@link #TOP_N} by RSS, each process once. */
  public static List<ProcessInfo> topProcesses(List<ProcessInfo> all) {
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
