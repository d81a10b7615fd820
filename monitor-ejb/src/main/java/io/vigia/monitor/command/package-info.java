/**
 * Commands to agents: queued by an operator, carried in the reply to the host's next push, their
 * results stored; each command row is its own audit record.
 */
package io.vigia.monitor.command;
