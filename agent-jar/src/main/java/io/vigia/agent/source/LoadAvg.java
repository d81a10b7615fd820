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
    // "0.52 0.58 0.59 1/320 18065": the fourth field must be there too, or the line may have been
    // cut inside the 15-minute average ("0.5" for "0.59").
    String[] f = lines.get(0).trim().split("\\s+");
    if (f.length < 4) {
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
