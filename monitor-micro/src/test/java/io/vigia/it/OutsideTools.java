package io.vigia.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The tools Vigia's users point at it, run as they would run them: {@code promtool} (Debian's
 * {@code prometheus} package), {@code @apidevtools/swagger-parser} and the Nu HTML checker ({@code
 * vnu-jar}) from {@code src/test/node}, which the build installs with {@code npm ci}.
 */
final class OutsideTools {

  /** What a tool said: its exit status and everything it printed. */
  record Run(int exitCode, String output) {}

  private OutsideTools() {}

  static Path nodeTools() {
    return Path.of(System.getProperty("vigia.node.tools", "src/test/node")).toAbsolutePath();
  }

  /** {@code promtool check metrics} on a scrape: exit 0 and no output when it lints clean. */
  static Run promtoolCheckMetrics(String scrape) throws Exception {
    return run(
        List.of(System.getProperty("vigia.promtool", "promtool"), "check", "metrics"), scrape);
  }

  /** Validates an OpenAPI document with swagger-parser, as code generators read it. */
  static Run validateOpenApi(Path document) throws Exception {
    return run(
        List.of(
            "node", nodeTools().resolve("validate-openapi.mjs").toString(), document.toString()),
        null);
  }

  /** The Nu HTML checker's errors (warnings left out) on these files. */
  static Run checkHtml(List<Path> pages) throws Exception {
    List<String> cmd = new ArrayList<>();
    String javaBin = ProcessHandle.current().info().command().orElse("java");
    cmd.addAll(
        List.of(
            javaBin,
            "-jar",
            nodeTools().resolve("node_modules/vnu-jar/build/dist/vnu.jar").toString(),
            "--errors-only"));
    pages.forEach(p -> cmd.add(p.toString()));
    return run(cmd, null);
  }

  private static Run run(List<String> command, String stdin) throws Exception {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IllegalStateException(
          command.get(0) + " is not installed here (./vigia test installs it)", e);
    }
    try (var in = p.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    // Output is small; read it all, then wait for the exit within a bound.
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(command + " did not finish within 120 s");
    }
    return new Run(p.exitValue(), output);
  }
}
