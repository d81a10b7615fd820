package io.vigia.wire;

import java.util.List;

/**
 * The monitor's answer to a push.
 *
 * @param seq the batch's seq, echoed
 * @param stored false when the batch was a duplicate and was acknowledged without storing
 * @param commands orders for the agent, in the order to carry them out; empty when none
 */
public record IngestReply(long seq, boolean stored, List<Command> commands) {}
