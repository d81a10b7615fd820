package io.vigia.agent.source;

import io.vigia.wire.Memory;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads /proc/meminfo into the wire's {@link Memory}; lines it does not know are ignored. */
public final class MemInfo {

  private final ProcRoot root;

  public MemInfo(ProcRoot root) {
    this.root = root;
  }

  public Memory read() throws IOException {
    return parse(root.lines("meminfo"));
  }

  static Memory parse(List<String> lines) {
    Map<String, Long> kb = new HashMap<>();
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String[] value = line.substring(colon + 1).trim().split("\\s+");
      if (value.length == 0 || value[0].isEmpty()) {
        continue;
      }
      String key = line.substring(0, colon);
      // Every size in meminfo is in kB; a few counters (HugePages_*) have no unit and stay as is.
      // A size without its unit is a line cut short, maybe inside the number: absent, not smaller.
      if (value.length < 2 && !key.startsWith("HugePages_")) {
        continue;
      }
      try {
        long n = Long.parseLong(value[0]);
        kb.put(key, n);
      } catch (NumberFormatException notANumber) {
        // A truncated or foreign line: that key is simply absent.
      }
    }
    return new Memory(
        kb.get("MemTotal"),
        kb.get("MemFree"),
        kb.get("MemAvailable"),
        kb.get("Buffers"),
        kb.get("Cached"),
        kb.get("SwapTotal"),
        kb.get("SwapFree"));
  }
}
