package io.vigia.agent.source;

/**
 * Parses the effective uid from /proc/[pid]/status: the second number of {@code Uid:} (real,
 * effective, saved, filesystem), what ps shows as USER and what the kernel module reports.
 */
final class PidStatus {

  private PidStatus() {}

  /** The effective uid, null when the Uid line is missing or cut. */
  static Integer parse(byte[] b, int len) {
    int i = 0;
    while (i < len) {
      int end = i;
      while (end < len && b[end] != '\n') {
        end++;
      }
      // A line without its newline may be cut inside a number.
      if (end < len && startsWith(b, i, end, "Uid:")) {
        return secondNumber(b, i + 4, end);
      }
      i = end + 1;
    }
    return null;
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
