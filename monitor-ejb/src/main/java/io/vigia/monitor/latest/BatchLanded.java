package io.vigia.monitor.latest;

import io.vigia.wire.Batch;

/**
 * A CDI event, fired synchronously on the ingest thread when a host's batch has become its latest
 * (stored, and newer than the one kept). Live pages push it to the browsers watching the host.
 *
 * <p>Observers run inside the agent's push: they must return at once (hand any real work to another
 * thread) and never throw — ingest does not wait for browsers.
 *
 * @param hostId the host's id
 * @param hostName the host's name, as its pages and its token know it
 * @param batch the batch itself, not a copy: observers must not change it
 */
public record BatchLanded(long hostId, String hostName, Batch batch) {}
