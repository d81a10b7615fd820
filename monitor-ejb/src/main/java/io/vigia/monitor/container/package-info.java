/**
 * Containers on the monitor's side: the prune policy (fleet-wide, with per-host overrides) that is
 * delivered to agents in push replies, and the fleet-wide view of the busiest containers.
 */
package io.vigia.monitor.container;
