package io.vigia.agent.source;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads every process from /proc/[pid]/stat and /status, by ascending pid. A process that exits
 * while it is read is left out: it is gone, not an error.
 */
final class PidTable {

  private final ProcRoot root;
  private final String prefix;
  private final byte[] buf = new byte[8192];
  private int[] pids = new int[1024];

  PidTable(ProcRoot root) {
    this.root = root;
    this.prefix = root.path().toString() + "/";
  }

  /** The pids listed in /proc right now, ascending. */
  int[] pids() throws IOException {
    int n = 0;
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(root.path())) {
      for (Path p : dir) {
        String name = p.getFileName().toString();
        long pid = pidOf(name);
        if (pid > 0) {
          if (n == pids.length) {
            pids = Arrays.copyOf(pids, n * 2);
          }
          pids[n++] = (int) pid;
        }
      }
    }
    int[] sorted = Arrays.copyOf(pids, n);
    Arrays.sort(sorted);
    return sorted;
  }

  /** Every process readable now. */
  List<Task> read() throws IOException {
    int[] all = pids();
    List<Task> tasks = new ArrayList<>(all.length);
    for (int pid : all) {
      Task t = read(pid);
      if (t != null) {
        tasks.add(t);
      }
    }
    return tasks;
  }

  /** One process, or null when it is gone or its files are cut. */
  Task read(int pid) {
    String dir = prefix + pid;
    try {
      int n = ProcRoot.readInto(dir + "/stat", buf);
      PidStat.Fields stat = PidStat.parse(buf, n);
      if (stat == null) {
        return null;
      }
      n = ProcRoot.readInto(dir + "/status", buf);
      PidStatus.Fields status = PidStatus.parse(buf, n);
      return new Task(
          stat.pid(),
          stat.ppid(),
          status.euid(),
          stat.state(),
          stat.comm(),
          status.rssKb(),
          stat.cpuTicks() * Task.NANOS_PER_TICK,
          stat.startTicks());
    } catch (IOException gone) {
      // ENOENT or ESRCH: the process exited between the listing and this read.
      return null;
    }
  }

  private static long pidOf(String name) {
    int len = name.length();
    if (len == 0 || len > 10) {
      return -1;
    }
    long n = 0;
    for (int i = 0; i < len; i++) {
      char c = name.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n > Integer.MAX_VALUE ? -1 : n;
  }
}
