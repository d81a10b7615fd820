package io.vigia.agent.source;

import java.nio.charset.StandardCharsets;

/**
 * Parses /proc/[pid]/stat. The name ({@code comm}) sits between the first {@code (} and the
 * <em>last</em> {@code )}: it may itself hold spaces, parentheses and any byte but NUL, so the line
 * is never split on spaces before that point.
 */
final class PidStat {

  private PidStat() {}

  /**
   * What this parser takes from the line.
   *
   * @param cpuTicks utime + stime, clock ticks
   * @param startTicks field 22, clock ticks since boot
   * @param rssPages field 24, resident set in pages (0 for kernel threads and zombies)
   */
  record Fields(
      int pid, String comm, char state, int ppid, long cpuTicks, long startTicks, long rssPages) {}

  /** The fields of {@code len} bytes of a stat file, or null when the line is cut or garbage. */
  static Fields parse(byte[] b, int len) {
    int open = -1;
    for (int i = 0; i < len; i++) {
      if (b[i] == '(') {
        open = i;
        break;
      }
    }
    int close = -1;
    for (int i = len - 1; i > open; i--) {
      if (b[i] == ')') {
        close = i;
        break;
      }
    }
    if (open < 1 || close < 0) {
      return null;
    }
    long pid = number(b, 0, open - 1);
    // After ") ": field 3 (state) is token 0, so field k is token k - 3.
    int pos = close + 2;
    if (pos >= len) {
      return null;
    }
    char state = (char) b[pos];
    long ppid = -1;
    long utime = -1;
    long stime = -1;
    long start = -1;
    long rss = -1;
    int token = 0;
    int i = pos;
    while (i < len && token <= 21) {
      int end = i;
      while (end < len && b[end] != ' ' && b[end] != '\n') {
        end++;
      }
      switch (token) {
        case 1 -> ppid = number(b, i, end);
        case 11 -> utime = number(b, i, end);
        case 12 -> stime = number(b, i, end);
        case 19 -> start = number(b, i, end);
        case 21 -> {
          // The last field we need must be followed by more, or it may have been cut mid-number.
          if (end < len && b[end] == ' ') {
            rss = number(b, i, end);
          }
        }
        default -> {}
      }
      token++;
      i = end + 1;
    }
    if (pid <= 0 || ppid < 0 || utime < 0 || stime < 0 || start < 0 || rss < 0) {
      return null;
    }
    String comm = new String(b, open + 1, close - open - 1, StandardCharsets.UTF_8);
    return new Fields((int) pid, comm, state, (int) ppid, utime + stime, start, rss);
  }

  /** A non-negative decimal in b[from, to), or -1 when it is empty or not a number. */
  static long number(byte[] b, int from, int to) {
    if (from >= to || to - from > 19) {
      return -1;
    }
    long n = 0;
    for (int i = from; i < to; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      n = n * 10 + d;
    }
    return n;
  }
}
