/** Hosts: who is watched, when each was last seen, and the fleet overview. */
package io.vigia.monitor.host;
