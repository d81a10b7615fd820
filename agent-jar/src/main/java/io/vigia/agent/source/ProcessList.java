package io.vigia.agent.source;

import io.vigia.wire.ProcessCounts;
import io.vigia.wire.ProcessInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds the wire's process list from a source's tasks: CPU % from the difference of each process's
 * CPU time since the previous sample, user names, command lines, share of RAM. The previous sample
 * is kept in three sorted primitive arrays, not a map of boxed entries, so a 10,000-process host
 * costs little memory.
 */
final class ProcessList {

  private static final int MAX_NAME = 64;

  private final Cmdlines cmdlines;
  private final UserNames users;
  private int[] prevPid = new int[0];
  private long[] prevStart = new long[0];
  private long[] prevCpu = new long[0];
  private int prevCount;
  private long prevNowNs = -1;

  ProcessList(Cmdlines cmdlines, UserNames users) {
    this.cmdlines = cmdlines;
    this.users = users;
  }

  /** Forgets the previous sample: the next has null CPU % for every process. */
  void reset() {
    prevCount = 0;
    prevNowNs = -1;
  }

  /**
   * @param tasks by ascending pid
   * @param nowNs when the tasks were read, ns on the boot clock
   * @param memTotalKb host RAM for the RAM %; null when unknown
   */
  List<ProcessInfo> next(List<Task> tasks, long nowNs, Long memTotalKb) {
    users.refresh();
    long elapsed = prevNowNs < 0 ? 0 : nowNs - prevNowNs;
    int n = tasks.size();
    int[] pid = new int[n];
    long[] start = new long[n];
    long[] cpu = new long[n];
    List<ProcessInfo> out = new ArrayList<>(n);
    int k = 0;
    for (Task t : tasks) {
      Double cpuPct = null;
      int at = Arrays.binarySearch(prevPid, 0, prevCount, t.pid());
      if (at >= 0 && prevStart[at] == t.startTicks() && elapsed > 0) {
        long used = t.cpuNs() - prevCpu[at];
        if (used >= 0) {
          cpuPct = 100.0 * used / elapsed;
        }
      }
      // Sorted input keeps the arrays sorted; a source out of order only costs CPU % next time.
      pid[k] = t.pid();
      start[k] = t.startTicks();
      cpu[k] = t.cpuNs();
      k++;
      out.add(
          new ProcessInfo(
              t.pid(),
              t.ppid(),
              t.startTicks(),
              t.comm().length() > MAX_NAME ? t.comm().substring(0, MAX_NAME) : t.comm(),
              command(t),
              users.nameOf(t.uid()),
              t.uid(),
              String.valueOf(t.state()),
              cpuPct,
              t.rssKb(),
              ramPct(t.rssKb(), memTotalKb)));
    }
    cmdlines.endPass();
    if (!isSorted(pid)) {
      sortTogether(pid, start, cpu);
    }
    prevPid = pid;
    prevStart = start;
    prevCpu = cpu;
    prevCount = n;
    prevNowNs = nowNs;
    return out;
  }

  /** Counts by state letter, for a source that does not count them itself. */
  static ProcessCounts count(List<Task> tasks) {
    int running = 0;
    int sleeping = 0;
    int disk = 0;
    int stopped = 0;
    int zombie = 0;
    int idle = 0;
    for (Task t : tasks) {
      switch (t.state()) {
        case 'R' -> running++;
        case 'S' -> sleeping++;
        case 'D' -> disk++;
        case 'T', 't' -> stopped++;
        case 'Z' -> zombie++;
        case 'I' -> idle++;
        default -> {} // X, P, ...: in the total only
      }
    }
    return new ProcessCounts(tasks.size(), running, sleeping, disk, stopped, zombie, idle);
  }

  private String command(Task t) {
    try {
      return cmdlines.of(t.pid(), t.startTicks(), t.comm());
    } catch (IOException gone) {
      // Exited since its stat was read (or, from the module, since the module listed it).
      return null;
    }
  }

  private static Double ramPct(Long rssKb, Long totalKb) {
    if (rssKb == null || totalKb == null || totalKb == 0) {
      return null;
    }
    return Math.min(100.0, 100.0 * rssKb / totalKb);
  }

  private static boolean isSorted(int[] a) {
    for (int i = 1; i < a.length; i++) {
      if (a[i - 1] >= a[i]) {
        return false;
      }
    }
    return true;
  }

  private static void sortTogether(int[] pid, long[] start, long[] cpu) {
    Integer[] order = new Integer[pid.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Integer.compare(pid[a], pid[b]));
    int[] p = pid.clone();
    long[] s = start.clone();
    long[] c = cpu.clone();
    for (int i = 0; i < order.length; i++) {
      pid[i] = p[order[i]];
      start[i] = s[order[i]];
      cpu[i] = c[order[i]];
    }
  }
}
