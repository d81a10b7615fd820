/**
 * Readers of the host's own data: /proc files today, the Vigia kernel module and cgroups later.
 *
 * <p>One small final class per file, each with a public reader and a package-private {@code parse}
 * that tests feed with fixture lines. A value that could not be read is absent, never a fake zero.
 */
package io.vigia.agent.source;
