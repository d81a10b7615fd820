package io.vigia.wire;

/**
 * An order from the monitor to an agent, carried in the reply to a push.
 *
 * @param id the monitor's id of the command; the result names it
 * @param type {@code kill} (a process), or a container action: {@code container-start}, {@code
 *     container-stop}, {@code container-kill}, {@code container-remove}
 * @param pid for kill: the process
 * @param startTicks for kill: its start time as the agent reported it; a process with this pid but
 *     another start time is a different process and is not touched
 * @param containerId for container actions: the full id
 * @param timeoutS for container-stop: seconds between SIGTERM and SIGKILL (Docker's default 10 when
 *     null)
 */
public record Command(
    long id, String type, Integer pid, Long startTicks, String containerId, Integer timeoutS) {

  /** A kill order for one process. */
  public static Command kill(long id, int pid, Long startTicks) {
    return new Command(id, "kill", pid, startTicks, null, null);
  }
}
