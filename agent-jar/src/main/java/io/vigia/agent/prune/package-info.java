/**
 * The container prune policy on the agent: which containers each class of the monitor's policy
 * selects and which it keeps ({@link io.vigia.agent.prune.PrunePlan}), and the loop that stops and
 * removes the rest every interval ({@link io.vigia.agent.prune.PruneLoop}).
 */
package io.vigia.agent.prune;
