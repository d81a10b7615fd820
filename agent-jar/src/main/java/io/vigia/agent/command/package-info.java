/**
 * Carrying out the monitor's commands, which arrive in the reply to a push (the agent never listens
 * on a port): checks that make a command safe to run, and the results that go back on the next
 * push.
 */
package io.vigia.agent.command;
