/** Getting batches to the monitor: JSON over HTTP(S) with the host token. */
package io.vigia.agent.ship;
