package io.vigia.agent.source;

import java.io.IOException;

/**
 * The kernel's page size in kB, which /proc/[pid]/stat counts resident memory in. Java has no
 * public API for it, so it is read once from the first mapping of {@code /proc/self/smaps} ({@code
 * KernelPageSize:}); 4 kB (x86-64, most arm64 kernels) when that cannot be read.
 */
final class PageSize {

  static final long DEFAULT_KB = 4;

  private PageSize() {}

  static long kb(ProcRoot root) {
    byte[] buf = new byte[4096];
    try {
      int n = ProcRoot.readInto(root.path() + "/self/smaps", buf);
      return parse(new String(buf, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1));
    } catch (IOException unreadable) {
      return DEFAULT_KB;
    }
  }

  static long parse(String smaps) {
    for (String line : smaps.split("\n")) {
      if (line.startsWith("KernelPageSize:")) {
        String[] f = line.substring(15).trim().split("\\s+");
        if (f.length == 2 && f[1].equals("kB")) {
          try {
            long kb = Long.parseLong(f[0]);
            return kb > 0 ? kb : DEFAULT_KB;
          } catch (NumberFormatException garbage) {
            return DEFAULT_KB;
          }
        }
      }
    }
    return DEFAULT_KB;
  }
}
