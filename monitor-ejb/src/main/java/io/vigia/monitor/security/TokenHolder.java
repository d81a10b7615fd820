package io.vigia.monitor.security;

/**
 * Who a valid host token speaks for: enough to check a batch without loading the host.
 *
 * @param hostId the host's id
 * @param agentId the agent enrolled for it
 * @param hostName its name
 */
public record TokenHolder(long hostId, String agentId, String hostName) {}
