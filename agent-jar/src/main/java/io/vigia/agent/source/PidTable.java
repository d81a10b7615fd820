package io.vigia.agent.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads every process from /proc/[pid]/stat, by ascending pid. A process that exits while it is
 * read is left out: it is gone, not an error.
 *
 * <p>The effective uid is only in /proc/[pid]/status, which costs the kernel more to make than
 * stat; it changes rarely (a daemon dropping privileges), so it is read when a process is first
 * seen and again every {@link #OWNER_REFRESH_PASSES} passes, spread over the passes by pid.
 */
final class PidTable {

  static final int OWNER_REFRESH_PASSES = 16;

  /** Processes whose stat file stays open between passes; those beyond are opened per read. */
  static final int KEEP_OPEN_MAX = 4_096;

  private record Owner(long startTicks, Integer euid) {}

  private final ProcRoot root;
  private final String prefix;
  private final long pageKb;
  private final byte[] buf = new byte[8192];
  private final ByteBuffer direct = ByteBuffer.allocateDirect(8192);
  private Map<Integer, FileChannel> statFiles = new HashMap<>();
  private Map<Integer, FileChannel> nextStatFiles = new HashMap<>();
  private Map<Integer, Owner> owners = new HashMap<>();
  private Map<Integer, Owner> nextOwners = new HashMap<>();
  private int pass;

  PidTable(ProcRoot root) {
    this.root = root;
    this.prefix = root.path().toString() + "/";
    this.pageKb = PageSize.kb(root);
  }

  /** The pids listed in /proc right now, ascending. */
  int[] pids() throws IOException {
    String[] names = root.path().toFile().list();
    if (names == null) {
      throw new IOException("cannot list " + root.path());
    }
    int[] pids = new int[names.length];
    int n = 0;
    for (String name : names) {
      long pid = pidOf(name);
      if (pid > 0) {
        pids[n++] = (int) pid;
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
    pass++;
    for (int pid : all) {
      Task t = read(pid);
      if (t != null) {
        tasks.add(t);
      }
    }
    Map<Integer, Owner> t = owners;
    owners = nextOwners;
    nextOwners = t;
    nextOwners.clear();
    for (FileChannel gone : statFiles.values()) {
      close(gone); // its process was not listed this pass
    }
    Map<Integer, FileChannel> f = statFiles;
    statFiles = nextStatFiles;
    nextStatFiles = f;
    nextStatFiles.clear();
    return tasks;
  }

  /** One process, or null when it is gone or its files are cut. */
  private Task read(int pid) {
    String dir = prefix + pid;
    try {
      int n = readStat(pid, dir);
      PidStat.Fields stat = PidStat.parse(buf, n);
      if (stat == null) {
        return null;
      }
      Owner owner = owners.get(pid);
      if (owner == null
          || owner.startTicks != stat.startTicks()
          || (pass + pid) % OWNER_REFRESH_PASSES == 0) {
        n = ProcRoot.readInto(dir + "/status", buf);
        owner = new Owner(stat.startTicks(), PidStatus.parse(buf, n));
      }
      nextOwners.put(pid, owner);
      return new Task(
          stat.pid(),
          stat.ppid(),
          owner.euid,
          stat.state(),
          stat.comm(),
          stat.rssPages() * pageKb,
          stat.cpuTicks() * Task.NANOS_PER_TICK,
          stat.startTicks());
    } catch (IOException gone) {
      // ENOENT or ESRCH: the process exited between the listing and this read.
      return null;
    }
  }

  /**
   * A process's stat into {@link #buf}. Its file stays open from pass to pass and is read again
   * from its start ({@code pread}): the kernel makes it afresh on each read, and the path walk,
   * open and release of a new open per process every second were most of the kernel's share of a
   * pass. The descriptor belongs to the process, not to the pid: once the process is gone it
   * answers ESRCH, even when its pid has been given to a new process, which is then opened afresh.
   *
   * @throws IOException when the process is gone
   */
  private int readStat(int pid, String dir) throws IOException {
    FileChannel ch = statFiles.remove(pid);
    if (ch != null) {
      try {
        int n = readFrom(ch);
        nextStatFiles.put(pid, ch);
        return n;
      } catch (IOException gone) {
        close(ch); // that process ended; the pid may hold a new one
      }
    }
    if (nextStatFiles.size() >= KEEP_OPEN_MAX) {
      return ProcRoot.readInto(dir + "/stat", buf);
    }
    ch = FileChannel.open(Path.of(dir, "stat"), StandardOpenOption.READ);
    try {
      int n = readFrom(ch);
      nextStatFiles.put(pid, ch);
      return n;
    } catch (IOException gone) {
      close(ch);
      throw gone;
    }
  }

  private int readFrom(FileChannel ch) throws IOException {
    direct.clear();
    int n = Math.max(0, ch.read(direct, 0));
    direct.get(0, buf, 0, n);
    return n;
  }

  private static void close(FileChannel ch) {
    try {
      ch.close();
    } catch (IOException ignored) {
      // a read-only descriptor of /proc: nothing to lose
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
