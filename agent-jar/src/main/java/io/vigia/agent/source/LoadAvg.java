package io.vigia.agent.source;

import io.vigia.wire.Load;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** Reads the three load averages from /proc/loadavg. */
public final class LoadAvg {

  private final ProcRoot root;

  public LoadAvg(ProcRoot root) {
    this.root = root;
  }

  public Optional<Load> read() throws IOException {
    return parse(root.lines("loadavg"));
  }

  static Optional<Load> parse(List<String> lines) {
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    String[] f = lines.get(0).trim().split("\\s+");
    if (f.length < 3) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new Load(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])));
    } catch (NumberFormatException garbage) {
      return Optional.empty();
    }
  }
}
