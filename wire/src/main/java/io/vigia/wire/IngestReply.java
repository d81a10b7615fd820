package io.vigia.wire;

import java.util.List;

/**
 * The monitor's answer to a push.
 *
 * @param seq the batch's seq, echoed
 * @param stored false when the batch was a duplicate and was acknowledged without storing
 * @param commands orders for the agent, in the order to carry them out; empty when none
 * @param policy the host's container prune policy, when it differs from the one the batch said the
 *     agent holds; null when the agent has it already
 */
public record IngestReply(
    long seq, boolean stored, List<Command> commands, ContainerPolicy policy) {

  /** A reply without a policy. */
  public static IngestReply of(long seq, boolean stored, List<Command> commands) {
    return new IngestReply(seq, stored, commands, null);
  }
}
