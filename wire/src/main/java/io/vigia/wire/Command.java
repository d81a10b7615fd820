package io.vigia.wire;

/**
 * An order from the monitor to an agent, carried in the reply to a push.
 *
 * @param id the monitor's id of the command; the result names it
 * @param type {@code "kill"} (more with the containers issue)
 * @param pid for kill: the process
 * @param startTicks for kill: its start time as the agent reported it; a process with this pid but
 *     another start time is a different process and is not touched
 */
public record Command(long id, String type, Integer pid, Long startTicks) {}
