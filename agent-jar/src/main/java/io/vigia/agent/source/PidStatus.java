package io.vigia.agent.source;

/**
 * Parses /proc/[pid]/status for what stat lacks: the effective uid (the second number of {@code
 * Uid:}, what ps shows as USER) and the resident set in kB ({@code VmRSS:}).
 */
final class PidStatus {

  private PidStatus() {}

  /**
   * @param euid null when the Uid line is missing or cut
   * @param rssKb 0 for processes without memory of their own (kernel threads, zombies: their status
   *     has no VmRSS line), null when the file was cut before it could tell
   */
  record Fields(Integer euid, Long rssKb) {}

  static Fields parse(byte[] b, int len) {
    Integer euid = null;
    Long rss = null;
    boolean sawThreads = false;
    int i = 0;
    while (i < len) {
      int end = i;
      while (end < len && b[end] != '\n') {
        end++;
      }
      boolean whole = end < len; // a line without its newline may be cut inside a number
      if (whole && startsWith(b, i, end, "Uid:")) {
        euid = secondNumber(b, i + 4, end);
      } else if (whole && startsWith(b, i, end, "VmRSS:")) {
        long kb = firstNumber(b, i + 6, end);
        rss = kb < 0 ? null : kb;
      } else if (whole && startsWith(b, i, end, "Threads:")) {
        // Threads comes after VmRSS: past it, a missing VmRSS means no memory of its own.
        sawThreads = true;
      }
      i = end + 1;
    }
    if (rss == null && sawThreads) {
      rss = 0L;
    }
    return new Fields(euid, rss);
  }

  private static boolean startsWith(byte[] b, int from, int to, String prefix) {
    if (to - from < prefix.length()) {
      return false;
    }
    for (int k = 0; k < prefix.length(); k++) {
      if (b[from + k] != prefix.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static long firstNumber(byte[] b, int from, int to) {
    int i = from;
    while (i < to && (b[i] == ' ' || b[i] == '\t')) {
      i++;
    }
    int end = i;
    while (end < to && b[end] >= '0' && b[end] <= '9') {
      end++;
    }
    return PidStat.number(b, i, end);
  }

  private static Integer secondNumber(byte[] b, int from, int to) {
    int i = from;
    for (int field = 0; field < 2; field++) {
      while (i < to && (b[i] == ' ' || b[i] == '\t')) {
        i++;
      }
      int end = i;
      while (end < to && b[end] >= '0' && b[end] <= '9') {
        end++;
      }
      if (field == 1) {
        long n = PidStat.number(b, i, end);
        return n < 0 || n > Integer.MAX_VALUE ? null : (int) n;
      }
      i = end;
    }
    return null;
  }
}
