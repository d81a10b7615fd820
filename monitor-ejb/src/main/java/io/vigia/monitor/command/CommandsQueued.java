package io.vigia.monitor.command;

/**
 * A CDI event: commands now wait for the host's next push. Fired in the queueing transaction;
 * observers that act after commit see them in the database.
 */
public record CommandsQueued(long hostId) {}
