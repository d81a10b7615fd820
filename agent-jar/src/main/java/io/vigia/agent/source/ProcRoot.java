package io.vigia.agent.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where /proc is: the real one, or a folder of fixtures in tests and containers. */
public record ProcRoot(Path path) {

  public static final ProcRoot DEFAULT = new ProcRoot(Path.of("/proc"));

  /** Reads one file below the root as lines; /proc files are small and read in one go. */
  public List<String> lines(String relative) throws IOException {
    return Files.readAllLines(path.resolve(relative), StandardCharsets.ISO_8859_1);
  }
}
