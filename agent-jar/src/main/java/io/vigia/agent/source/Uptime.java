package io.vigia.agent.source;

import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reads /proc/uptime: time since boot (suspend included, the same clock as the kernel module's
 * {@code now_ns}), the wall time that per-process and per-container CPU % are divided by.
 */
public final class Uptime {

  private final ProcRoot root;

  public Uptime(ProcRoot root) {
    this.root = root;
  }

  /** Nanoseconds since boot, or empty when the file is missing or unreadable. */
  public OptionalLong readNanos() {
    try {
      return parse(root.lines("uptime"));
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }

  static OptionalLong parse(List<String> lines) {
    if (lines.isEmpty()) {
      return OptionalLong.empty();
    }
    // "350735.47 234388.90": seconds with two decimals; the second field proves the first is whole.
    String[] f = lines.get(0).trim().split("\\s+");
    if (f.length < 2) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(new java.math.BigDecimal(f[0]).movePointRight(9).longValueExact());
    } catch (NumberFormatException | ArithmeticException garbage) {
      return OptionalLong.empty();
    }
  }
}
