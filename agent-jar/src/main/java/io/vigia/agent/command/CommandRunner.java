package io.vigia.agent.command;

import io.vigia.wire.Command;
import io.vigia.wire.CommandResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Carries out the commands of a push's reply, in order, and keeps their results until the next
 * batch picks them up ({@link #takeResults}). A command id seen before is not run again: a reply
 * that is repeated (the agent resent a batch after a lost answer) must not kill twice.
 */
public final class CommandRunner implements Consumer<List<Command>> {

  private static final Logger LOG = Logger.getLogger(CommandRunner.class.getName());
  private static final int REMEMBERED_IDS = 10_000;

  /** Batch.results holds at most this many; more wait for the batch after. */
  static final int MAX_RESULTS_PER_BATCH = 1_000;

  private final KillCommand kill;
  private final Set<Long> seen = new LinkedHashSet<>();
  private final List<CommandResult> pending = new ArrayList<>();

  public CommandRunner(boolean killEnabled, Path procRoot) {
    this(new KillCommand(killEnabled, procRoot, ProcessHandle.current().pid()));
  }

  CommandRunner(KillCommand kill) {
    this.kill = kill;
  }

  @Override
  public synchronized void accept(List<Command> commands) {
    for (Command c : commands) {
      if (!seen.add(c.id())) {
        LOG.fine(() -> "command " + c.id() + " already carried out; ignored");
        continue;
      }
      if (seen.size() > REMEMBERED_IDS) {
        seen.remove(seen.iterator().next());
      }
      pending.add(run(c));
    }
  }

  CommandResult run(Command c) {
    if ("kill".equals(c.type())) {
      return kill.run(c);
    }
    LOG.warning(() -> "command " + c.id() + " refused: unknown command type '" + c.type() + "'");
    return new CommandResult(c.id(), "refused", "unknown command '" + c.type() + "'");
  }

  /**
   * The results not yet handed out, oldest first (at most one batch's worth); then forgets them.
   */
  public synchronized List<CommandResult> takeResults() {
    int n = Math.min(pending.size(), MAX_RESULTS_PER_BATCH);
    List<CommandResult> out = new ArrayList<>(pending.subList(0, n));
    pending.subList(0, n).clear();
    return out;
  }
}
