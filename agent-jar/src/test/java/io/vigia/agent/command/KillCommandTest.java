package io.vigia.agent.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.wire.Command;
import io.vigia.wire.CommandResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills for real: each test starts throwaway {@code sleep} processes and aims at them. */
class KillCommandTest {

  private static final Path PROC = Path.of("/proc");
  private final List<Process> started = new ArrayList<>();
  private final KillCommand kill = new KillCommand(true, PROC, ProcessHandle.current().pid());

  @AfterEach
  void cleanUp() throws InterruptedException {
    for (Process p : started) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private Process sleeper() throws Exception {
    Process p = new ProcessBuilder("sleep", "60").start();
    started.add(p);
    return p;
  }

  private static long startTicks(long pid) throws Exception {
    return ProcessIdentity.read(PROC, (int) pid).orElseThrow().startTicks();
  }

  private static Command killOf(long id, long pid, long startTicks) {
    return new Command(id, "kill", (int) pid, startTicks, null, null);
  }

  @Test
  void killsTheNamedProcess() throws Exception {
    Process p = sleeper();

    CommandResult r = kill.run(killOf(1, p.pid(), startTicks(p.pid())));

    assertThat(r.commandId()).isEqualTo(1);
    assertThat(r.status()).isEqualTo("done");
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(128 + 9); // SIGKILL
  }

  @Test
  void refusesWhenThePidNowBelongsToAProcessWithAnotherStartTime() throws Exception {
    Process p = sleeper();
    long ticks = startTicks(p.pid());

    CommandResult r = kill.run(killOf(2, p.pid(), ticks - 1));

    assertThat(r.status()).isEqualTo("refused");
    assertThat(r.detail()).contains("pid reused");
    assertThat(p.waitFor(300, TimeUnit.MILLISECONDS)).isFalse();
    assertThat(p.isAlive()).isTrue();
  }

  @Test
  void refusesPidOne() {
    CommandResult r = kill.run(killOf(3, 1, 0));

    assertThat(r.status()).isEqualTo("refused");
    assertThat(r.detail()).contains("pid 1");
  }

  @Test
  void refusesTheAgentItself() throws Exception {
    long self = ProcessHandle.current().pid();

    CommandResult r = kill.run(killOf(4, self, startTicks(self)));

    assertThat(r.status()).isEqualTo("refused");
    assertThat(r.detail()).contains("agent itself");
  }

  @Test
  void reportsGoneForAPidWithNoProcess() throws Exception {
    Process p = sleeper();
    long pid = p.pid();
    long ticks = startTicks(pid);
    p.destroyForcibly();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();

    CommandResult r = kill.run(killOf(5, pid, ticks));

    assertThat(r.status()).isEqualTo("gone");
  }

  @Test
  void refusesEverythingWhenRemoteKillIsDisabled() throws Exception {
    Process p = sleeper();
    KillCommand disabled = new KillCommand(false, PROC, ProcessHandle.current().pid());

    CommandResult r = disabled.run(killOf(6, p.pid(), startTicks(p.pid())));

    assertThat(r.status()).isEqualTo("refused");
    assertThat(r.detail()).contains("kill.enabled=false");
    assertThat(p.isAlive()).isTrue();
  }

  @Test
  void refusesAKillWithoutAStartTime() throws Exception {
    Process p = sleeper();

    CommandResult r = kill.run(new Command(7, "kill", (int) p.pid(), null, null, null));

    assertThat(r.status()).isEqualTo("refused");
    assertThat(p.isAlive()).isTrue();
  }

  @Test
  void refusesAKernelThread(@TempDir Path proc) throws Exception {
    // kthreadd's child kworker as /proc shows it: PF_KTHREAD (0x00200000) set, no command line.
    Path dir = Files.createDirectories(proc.resolve("77"));
    Files.writeString(
        dir.resolve("stat"),
        "77 (kworker/0:1-events) I 2 0 0 0 -1 69238880 0 0 0 0 0 12 0 0 20 0 1 0 55 0 0"
            + " 18446744073709551615 0 0 0 0 0 0 0 2147483647 0 0 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n");
    Files.write(dir.resolve("cmdline"), new byte[0]);
    KillCommand onFixture = new KillCommand(true, proc, ProcessHandle.current().pid());

    CommandResult r = onFixture.run(killOf(8, 77, 55));

    assertThat(r.status()).isEqualTo("refused");
    assertThat(r.detail()).contains("kernel thread");
  }
}
