/**
 * The latest state of each host — its last batch with the full process list and containers — held
 * in memory for live pages, in the Payara data grid (JCache) when there is one so every node of a
 * cluster sees it, and in a local map otherwise.
 */
package io.vigia.monitor.latest;
