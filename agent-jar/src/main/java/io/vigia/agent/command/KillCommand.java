package io.vigia.agent.command;

import io.vigia.wire.Command;
import io.vigia.wire.CommandResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Sends SIGKILL to the process a {@code kill} command names, once sure it is that process and one
 * that may be killed. Refused: when {@code kill.enabled=false}; PID 1; the agent itself; kernel
 * threads; and a PID whose start time is not the one in the command (the PID was reused by another
 * process since the agent reported it — killing that one is the failure this check exists for).
 */
final class KillCommand {

  private static final Logger LOG = Logger.getLogger(KillCommand.class.getName());

  private final boolean enabled;
  private final Path procRoot;
  private final long selfPid;

  KillCommand(boolean enabled, Path procRoot, long selfPid) {
    this.enabled = enabled;
    this.procRoot = procRoot;
    this.selfPid = selfPid;
  }

  CommandResult run(Command c) {
    if (!enabled) {
      return refused(c, "remote kill is disabled on this host (kill.enabled=false)");
    }
    if (c.pid() == null || c.startTicks() == null) {
      return refused(c, "a kill names both pid and startTicks");
    }
    int pid = c.pid();
    if (pid <= 0) {
      return refused(c, "invalid pid " + pid);
    }
    if (pid == 1) {
      return refused(c, "pid 1 (init) is never killed");
    }
    if (pid == selfPid) {
      return refused(c, "pid " + pid + " is the Vigia agent itself");
    }
    try {
      Optional<ProcessIdentity> now = ProcessIdentity.read(procRoot, pid);
      if (now.isEmpty()) {
        return result(c, "gone", "no process " + pid);
      }
      Optional<CommandResult> refusal = refusal(c, now.get());
      if (refusal.isPresent()) {
        return refusal.get();
      }
      // The handle remembers the start time of the process it found, and destroyForcibly() signals
      // only if the PID still has that start time. Reading /proc again after taking the handle
      // proves the handle is of the process checked above, so no reuse can slip in between.
      Optional<ProcessHandle> handle = ProcessHandle.of(pid);
      Optional<ProcessIdentity> again = ProcessIdentity.read(procRoot, pid);
      if (handle.isEmpty() || again.isEmpty()) {
        return result(c, "gone", "process " + pid + " exited before the kill");
      }
      refusal = refusal(c, again.get());
      if (refusal.isPresent()) {
        return refusal.get();
      }
      if (!handle.get().destroyForcibly()) {
        return result(c, "failed", "SIGKILL to " + pid + " was not delivered");
      }
      LOG.info(() -> "command " + c.id() + ": SIGKILL sent to pid " + pid);
      return result(c, "done", "SIGKILL sent to pid " + pid);
    } catch (IOException e) {
      return result(c, "failed", "cannot read /proc/" + pid + ": " + e.getMessage());
    }
  }

  private static Optional<CommandResult> refusal(Command c, ProcessIdentity p) {
    if (p.kernelThread()) {
      return Optional.of(refused(c, "pid " + p.pid() + " is a kernel thread"));
    }
    if (p.startTicks() != c.startTicks()) {
      return Optional.of(
          refused(
              c,
              "pid reused: pid "
                  + p.pid()
                  + " started at tick "
                  + p.startTicks()
                  + ", the command names tick "
                  + c.startTicks()));
    }
    return Optional.empty();
  }

  private static CommandResult refused(Command c, String why) {
    LOG.warning(() -> "command " + c.id() + " refused: " + why);
    return result(c, "refused", why);
  }

  private static CommandResult result(Command c, String status, String detail) {
    return new CommandResult(c.id(), status, detail);
  }
}
