package io.vigia.agent.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.wire.Command;
import io.vigia.wire.CommandResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandRunnerTest {

  private final CommandRunner runner =
      new CommandRunner(
          true, Path.of("/proc"), new ContainerCommand(false, java.util.Optional::empty));

  @Test
  void refusesUnknownCommandTypes() {
    runner.accept(List.of(new Command(1, "reboot", null, null, null, null)));

    assertThat(runner.takeResults())
        .containsExactly(new CommandResult(1L, "refused", "unknown command 'reboot'"));
  }

  @Test
  void resultsAreHandedOutOnceInOrder() {
    runner.accept(
        List.of(
            new Command(1, "kill", 1, 1L, null, null),
            new Command(2, "nope", null, null, null, null)));

    List<CommandResult> first = runner.takeResults();

    assertThat(first).extracting(CommandResult::commandId).containsExactly(1L, 2L);
    assertThat(runner.takeResults()).isEmpty();
  }

  @Test
  void aCommandIdIsCarriedOutOnlyOnce() {
    Command c = new Command(5, "nope", null, null, null, null);
    runner.accept(List.of(c));
    runner.accept(List.of(c));

    assertThat(runner.takeResults()).hasSize(1);
  }

  @Test
  void containerActionsAreRefusedWhenDisabled() {
    ContainerCommand off = new ContainerCommand(false, java.util.Optional::empty);

    var r = off.run(new io.vigia.wire.Command(3, "container-stop", null, null, "abc123", 5));

    assertThat(r.status()).isEqualTo("refused");
    assertThat(r.detail()).contains("disabled");
  }

  @Test
  void aContainerIdThatCouldLeaveTheUrlPathIsRefused() {
    ContainerCommand on = new ContainerCommand(true, java.util.Optional::empty);

    var r = on.run(new io.vigia.wire.Command(4, "container-remove", null, null, "../images", null));

    assertThat(r.status()).isEqualTo("refused");
  }
}
