package io.vigia.wire;

/**
 * The monitor's answer to a push.
 *
 * @param seq the batch's seq, echoed
 * @param stored false when the batch was a duplicate and was acknowledged without storing
 */
public record IngestReply(long seq, boolean stored) {}
