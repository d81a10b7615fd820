package io.vigia.agent.source;

import java.io.FileInputStream;
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

  /**
   * Reads up to {@code buf.length} bytes of a file into {@code buf} and returns how many; /proc
   * files say size 0, so this reads until end of file or a full buffer. Reusing one buffer keeps a
   * pass over thousands of /proc/[pid] files from allocating per file.
   *
   * <p>A text file whose read ends in a newline with room to spare is taken as whole without the
   * extra read that would return end of file: /proc/[pid]/stat and /status are made in one go by
   * seq_file, so one read returns all of them. Saves one system call per file on a pass.
   */
  static int readInto(String file, byte[] buf) throws IOException {
    try (FileInputStream in = new FileInputStream(file)) {
      int n = 0;
      while (n < buf.length) {
        int r = in.read(buf, n, buf.length - n);
        if (r < 0) {
          break;
        }
        n += r;
        if (buf[n - 1] == '\n' && n < buf.length) {
          break;
        }
      }
      return n;
    }
  }
}
