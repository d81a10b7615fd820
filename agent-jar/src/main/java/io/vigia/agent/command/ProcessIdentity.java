package io.vigia.agent.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Who a PID is right now, from {@code /proc/[pid]/stat} and {@code /proc/[pid]/cmdline}: enough to
 * tell a kernel thread and a reused PID from the process a command names.
 *
 * @param startTicks field 22 of stat: start time in clock ticks since boot
 * @param kernelThread the kernel's PF_KTHREAD flag is set, or it looks like one (pid 2, or a child
 *     of kthreadd without a command line)
 */
record ProcessIdentity(int pid, int ppid, long startTicks, boolean kernelThread) {

  /** PF_KTHREAD in include/linux/sched.h: the task is a kernel thread. */
  static final long PF_KTHREAD = 0x00200000L;

  /** Reads the process below {@code procRoot}; empty when there is no such process (any more). */
  static Optional<ProcessIdentity> read(Path procRoot, int pid) throws IOException {
    Path dir = procRoot.resolve(Integer.toString(pid));
    String stat;
    byte[] cmdline;
    try {
      stat = Files.readString(dir.resolve("stat"), StandardCharsets.ISO_8859_1);
      cmdline = Files.readAllBytes(dir.resolve("cmdline"));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      // A process that exits while read makes /proc answer ESRCH instead of a missing file.
      if (!Files.isDirectory(dir)) {
        return Optional.empty();
      }
      throw e;
    }
    return Optional.of(parse(pid, stat, cmdline.length == 0));
  }

  /**
   * Parses stat from the last {@code ')'}: the name before it may hold spaces and parentheses.
   *
   * @throws IOException when the line is not a stat line
   */
  static ProcessIdentity parse(int pid, String stat, boolean emptyCmdline) throws IOException {
    int close = stat.lastIndexOf(')');
    if (close < 0) {
      throw new IOException("no ')' in /proc/" + pid + "/stat");
    }
    String[] f = stat.substring(close + 1).trim().split("\\s+");
    // f[0] is field 3 (state), so field n is f[n - 3].
    if (f.length < 20) {
      throw new IOException("/proc/" + pid + "/stat has " + (f.length + 2) + " fields, not 22+");
    }
    try {
      int ppid = Integer.parseInt(f[4 - 3]);
      long flags = Long.parseUnsignedLong(f[9 - 3]);
      long startTicks = Long.parseLong(f[22 - 3]);
      boolean kthread = (flags & PF_KTHREAD) != 0 || pid == 2 || (ppid == 2 && emptyCmdline);
      return new ProcessIdentity(pid, ppid, startTicks, kthread);
    } catch (NumberFormatException e) {
      throw new IOException("/proc/" + pid + "/stat: " + e.getMessage(), e);
    }
  }
}
