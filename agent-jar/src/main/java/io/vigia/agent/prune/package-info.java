/**
 * The container prune policy on the agent: the loop that stops and removes, every interval, the
 * containers the monitor's policy condemns ({@link io.vigia.agent.prune.PruneLoop}). Which those
 * are is decided by {@link io.vigia.wire.PrunePlan}, shared with the monitor's preview.
 */
package io.vigia.agent.prune;
