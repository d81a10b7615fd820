/**
 * The wire format between agent and monitor: one batch a push, JSON via JSON-B, defined once here.
 *
 * <p>Numbers that could not be read are {@code null}, never a fake zero. Memory is in kB as the
 * kernel reports it; times are epoch milliseconds.
 */
package io.vigia.wire;
