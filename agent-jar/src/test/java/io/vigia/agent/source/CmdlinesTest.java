package io.vigia.agent.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CmdlinesTest {

  @TempDir Path proc;

  private static String parse(String raw) {
    byte[] b = raw.getBytes(StandardCharsets.UTF_8);
    return Cmdlines.parse(b, b.length);
  }

  @Test
  void joinsArgumentsWithSpaces() {
    assertThat(parse("/usr/bin/python3\0-m\0http.server\0"))
        .isEqualTo("/usr/bin/python3 -m http.server");
  }

  @Test
  void keepsNonAsciiArguments() {
    assertThat(parse("echo\0héllo wörld 😀\0")).isEqualTo("echo héllo wörld 😀");
  }

  @Test
  void kernelThreadsHaveNoCommandLine() {
    assertThat(parse("")).isNull();
  }

  @Test
  void cutsCommandLinesToTheWiresLimit() {
    assertThat(parse("x".repeat(5000) + "\0")).hasSize(Cmdlines.MAX_CHARS);
  }

  @Test
  void aProcessThatExecsAnotherProgramIsReadAgain() throws Exception {
    FakeProc fake = new FakeProc(proc);
    Cmdlines cmdlines = new Cmdlines(fake.procRoot());
    FakeProc.write(proc.resolve("5/cmdline"), "bash\0".getBytes(StandardCharsets.UTF_8));
    assertThat(cmdlines.of(5, 100, "bash")).isEqualTo("bash");
    cmdlines.endPass();
    FakeProc.write(
        proc.resolve("5/cmdline"), "sleep\u0000600\u0000".getBytes(StandardCharsets.UTF_8));

    assertThat(cmdlines.of(5, 100, "bash")).as("same process: remembered").isEqualTo("bash");
    cmdlines.endPass();
    assertThat(cmdlines.of(5, 100, "sleep")).as("exec changed comm").isEqualTo("sleep 600");
  }
}
