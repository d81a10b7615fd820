package io.vigia.agent.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Command lines from /proc/[pid]/cmdline, remembered per process so a host of thousands is not
 * re-read every second. A process is the same while its pid, start time and name stay: exec changes
 * the name, so a command line read between fork and exec is not kept for the new program.
 */
final class Cmdlines {

  /** The wire's limit on a command line, in characters. */
  static final int MAX_CHARS = 4096;

  private record Entry(long startTicks, String comm, String command) {}

  private final ProcRoot root;
  private final byte[] buf = new byte[MAX_CHARS * 2];
  private Map<Integer, Entry> known = new HashMap<>();
  private Map<Integer, Entry> next = new HashMap<>();

  Cmdlines(ProcRoot root) {
    this.root = root;
  }

  /**
   * The command of a live process, null for kernel threads and zombies (empty cmdline).
   *
   * @throws IOException when the process is gone
   */
  String of(int pid, long startTicks, String comm) throws IOException {
    Entry e = known.get(pid);
    if (e == null || e.startTicks != startTicks || !e.comm.equals(comm)) {
      int n = ProcRoot.readInto(root.path() + "/" + pid + "/cmdline", buf);
      e = new Entry(startTicks, comm, parse(buf, n));
    }
    next.put(pid, e);
    return e.command;
  }

  /** Ends one pass: processes not asked for since the last call are forgotten. */
  void endPass() {
    Map<Integer, Entry> t = known;
    known = next;
    next = t;
    next.clear();
  }

  /** Arguments separated by NULs, joined by spaces; null when there are none. */
  static String parse(byte[] b, int len) {
    int end = len;
    while (end > 0 && b[end - 1] == 0) {
      end--;
    }
    if (end == 0) {
      return null;
    }
    for (int i = 0; i < end; i++) {
      if (b[i] == 0) {
        b[i] = ' ';
      }
    }
    String s = new String(b, 0, end, StandardCharsets.UTF_8);
    return s.length() > MAX_CHARS ? s.substring(0, MAX_CHARS) : s;
  }
}
