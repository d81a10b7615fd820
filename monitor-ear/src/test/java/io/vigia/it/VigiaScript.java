package io.vigia.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code ./vigia} as a person would, on a home of its own, with its output appended to a file
 * (not a pipe: the server and agent that {@code up} leaves running must not hold it open).
 */
final class VigiaScript {

  private final Path root;
  private final Path home;
  private final Path output;

  VigiaScript(Path root, Path home, Path output) {
    this.root = root;
    this.home = home;
    this.output = output;
  }

  Path home() {
    return home;
  }

  Path output() {
    return output;
  }

  /** Runs {@code ./vigia COMMAND --home HOME ARGS...}; the exit code, or fails after the limit. */
  int run(long minutes, String command, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(root.resolve("vigia").toString(), command));
    cmd.addAll(List.of("--home", home.toString()));
    cmd.addAll(List.of(args));
    Files.createDirectories(output.getParent());
    Files.writeString(
        output,
        "\n$ ./vigia " + String.join(" ", cmd.subList(1, cmd.size())) + "\n",
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
    pb.environment().keySet().removeIf(k -> k.startsWith("VIGIA_"));
    Process p = pb.start();
    if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("./vigia " + command + " did not finish in " + minutes + " min");
    }
    return p.exitValue();
  }

  /** What {@code up} keeps in {@code secrets.env}. */
  Properties secrets() throws IOException {
    Properties secrets = new Properties();
    try (var in = Files.newBufferedReader(home.resolve("secrets.env"))) {
      secrets.load(in);
    }
    return secrets;
  }

  /** Removes the home: nothing left over from an earlier run. */
  void deleteHome() throws IOException {
    if (Files.exists(home)) {
      try (var paths = Files.walk(home)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
