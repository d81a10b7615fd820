/**
 * Alerts: threshold rules held for a duration (CPU, RAM, a container's memory against its limit)
 * and host offline, per host or fleet-wide; evaluated every 5 s, raised and cleared as events, with
 * an optional webhook on each change.
 */
package io.vigia.monitor.alert;
