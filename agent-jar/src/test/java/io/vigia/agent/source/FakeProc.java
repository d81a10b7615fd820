package io.vigia.agent.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a fake /proc in a test folder: host files copied from a fixture, and /proc/[pid] folders
 * with stat, status and cmdline in the kernel's own formats (proc_pid_stat, proc_pid_status).
 */
final class FakeProc {

  final Path root;

  FakeProc(Path root) {
    this.root = root;
  }

  ProcRoot procRoot() {
    return new ProcRoot(root);
  }

  /** Copies meminfo, stat and loadavg of a fixture folder, and sets uptime. */
  FakeProc host(String fixture, String uptime) {
    try {
      for (String f : new String[] {"meminfo", "stat", "loadavg"}) {
        Files.copy(
            Fixtures.resource("/proc/" + fixture + "/" + f),
            root.resolve(f),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      return uptime(uptime);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  FakeProc uptime(String uptime) {
    write(root.resolve("uptime"), (uptime + " 1000.00\n").getBytes(StandardCharsets.US_ASCII));
    return this;
  }

  /** A process; {@code cmdline} as the kernel keeps it (NUL after each argument), "" for none. */
  FakeProc process(
      int pid,
      String comm,
      char state,
      int ppid,
      int euid,
      long utime,
      long stime,
      long startTicks,
      Long rssKb,
      String cmdline) {
    return process(
        pid,
        comm.getBytes(StandardCharsets.UTF_8),
        state,
        ppid,
        euid,
        utime,
        stime,
        startTicks,
        rssKb,
        cmdline.getBytes(StandardCharsets.UTF_8));
  }

  FakeProc process(
      int pid,
      byte[] comm,
      char state,
      int ppid,
      int euid,
      long utime,
      long stime,
      long startTicks,
      Long rssKb,
      byte[] cmdline) {
    Path dir = root.resolve(Integer.toString(pid));
    write(
        dir.resolve("stat"),
        stat(pid, comm, state, ppid, utime, stime, startTicks, rssKb == null ? 0 : rssKb / 4));
    write(dir.resolve("status"), status(comm, state, pid, ppid, euid, rssKb));
    write(dir.resolve("cmdline"), cmdline);
    return this;
  }

  static byte[] stat(
      int pid, byte[] comm, char state, int ppid, long utime, long stime, long startTicks) {
    return stat(pid, comm, state, ppid, utime, stime, startTicks, 215);
  }

  /** A stat line as proc_pid_stat prints it; {@code rssPages} in 4 kB pages. */
  static byte[] stat(
      int pid,
      byte[] comm,
      char state,
      int ppid,
      long utime,
      long stime,
      long startTicks,
      long rssPages) {
    String head = pid + " (";
    String tail =
        ") "
            + state
            + " "
            + ppid
            + " "
            + pid
            + " "
            + pid
            + " 34816 "
            + pid
            + " 4194560 1311 0 0 0 "
            + utime
            + " "
            + stime
            + " 0 0 20 0 1 0 "
            + startTicks
            + " 2945024 "
            + rssPages
            + " 18446744073709551615 94633864830976 94633864908713 140730446400144 0"
            + " 0 0 65536 4 65538 1 0 0 17 1 0 0 0 0 0 94633864935088 94633864938560"
            + " 94633888100352 140730446402661 140730446402671 140730446402671 140730446405614 0\n";
    byte[] h = head.getBytes(StandardCharsets.US_ASCII);
    byte[] t = tail.getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[h.length + comm.length + t.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(comm, 0, all, h.length, comm.length);
    System.arraycopy(t, 0, all, h.length + comm.length, t.length);
    return all;
  }

  static byte[] status(byte[] comm, char state, int pid, int ppid, int euid, Long rssKb) {
    StringBuilder s = new StringBuilder();
    // The kernel escapes \n and \\ in status's Name; tests read the name from stat only.
    s.append("Name:\tx\nUmask:\t0022\nState:\t").append(state).append(" (sleeping)\n");
    s.append("Tgid:\t").append(pid).append("\nNgid:\t0\nPid:\t").append(pid);
    s.append("\nPPid:\t").append(ppid).append("\nTracerPid:\t0\n");
    s.append("Uid:\t1000\t").append(euid).append('\t').append(euid).append('\t').append(euid);
    s.append("\nGid:\t1000\t1000\t1000\t1000\nFDSize:\t64\nGroups:\t24 25 27 1000 \n");
    s.append("NStgid:\t").append(pid).append("\nNSpid:\t").append(pid).append('\n');
    if (rssKb != null) {
      s.append(
          "VmPeak:\t    8616 kB\nVmSize:\t    8616 kB\nVmLck:\t       0 kB\nVmPin:\t       0 kB\n");
      s.append("VmHWM:\t     908 kB\nVmRSS:\t").append(String.format("%8d", rssKb)).append(" kB\n");
      s.append("RssAnon:\t      88 kB\nRssFile:\t     820 kB\nRssShmem:\t       0 kB\n");
    }
    s.append("Threads:\t1\nSigQ:\t0/95779\nSigPnd:\t0000000000000000\n");
    s.append("Cpus_allowed:\t3\nCpus_allowed_list:\t0-1\nvoluntary_ctxt_switches:\t1\n");
    return s.toString().getBytes(StandardCharsets.US_ASCII);
  }

  static void write(Path file, byte[] content) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
