/**
 * The event log: what happened in the fleet (hosts going online or offline, alerts raised and
 * cleared, commands queued and answered), when, to which host, who did it and why.
 */
package io.vigia.monitor.event;
