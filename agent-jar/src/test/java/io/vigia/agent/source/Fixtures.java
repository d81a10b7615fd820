package io.vigia.agent.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds the captured /proc files under {@code src/test/resources}: {@code proc/<name>/} folders
 * usable as a {@link ProcRoot}, and the kernel-module team's single-file captures.
 */
final class Fixtures {

  private Fixtures() {}

  /** A fixture folder such as {@code this-machine} or {@code busy/t0}, as a proc root. */
  static ProcRoot proc(String name) {
    return new ProcRoot(resource("/proc/" + name));
  }

  /** The lines of one fixture file, read the way {@link ProcRoot#lines} reads /proc. */
  static List<String> lines(String resource) {
    try {
      return Files.readAllLines(resource(resource), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path resource(String name) {
    URL url = Fixtures.class.getResource(name);
    if (url == null) {
      throw new IllegalStateException("no test resource " + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
