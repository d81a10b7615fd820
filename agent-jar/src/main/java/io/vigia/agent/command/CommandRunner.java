package io.vigia.agent.command;

import io.vigia.wire.Command;
import io.vigia.wire.CommandResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
  private final ContainerCommand containers;
  private final Set<Long> seen = new LinkedHashSet<>();
  private final List<CommandResult> pending = new ArrayList<>();
  // Container actions can take a while (a stop waits up to its timeout): one thread of their own,
  // so the shipper is not held up; their results join the others when done.
  private final ExecutorService containerThread =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "vigia-container-actions");
            t.setDaemon(true);
            return t;
          });

  public CommandRunner(boolean killEnabled, Path procRoot, ContainerCommand containers) {
    this(new KillCommand(killEnabled, procRoot, ProcessHandle.current().pid()), containers);
  }

  CommandRunner(KillCommand kill) {
    this(kill, new ContainerCommand(false, Optional::empty));
  }

  CommandRunner(KillCommand kill, ContainerCommand containers) {
    this.kill = kill;
    this.containers = containers;
  }

  /** Runs a container action on the container-actions thread (the prune loop uses it too). */
  public void submit(Runnable action) {
    containerThread.execute(action);
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
      if (ContainerCommand.handles(c.type())) {
        containerThread.execute(
            () -> {
              CommandResult r = containers.run(c);
              synchronized (this) {
                pending.add(r);
              }
            });
      } else {
        pending.add(run(c));
      }
    }
  }

  CommandResult run(Command c) {
    if ("kill".equals(c.type())) {
      return kill.run(c);
    }
    if (ContainerCommand.handles(c.type())) {
      return containers.run(c);
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
