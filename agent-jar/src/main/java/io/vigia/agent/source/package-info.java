/**
 * Readers of the host's own data: the Vigia kernel module ({@code /proc/vigia_ram}, {@code
 * /proc/vigia_cpu}) when it is loaded and sound, plain /proc otherwise and for what the module
 * lacks, cgroups (v1 and v2) and the Docker Engine API for containers. {@link
 * io.vigia.agent.source.HostSampler} puts them together into one batch.
 *
 * <p>One small final class per file, each with a public or package-private reader and a
 * package-private {@code parse} that tests feed with fixture lines. Every path is under a
 * configurable root ({@link io.vigia.agent.source.ProcRoot}, {@link
 * io.vigia.agent.source.SourceSettings}). A value that could not be read is absent, never a fake
 * zero.
 */
package io.vigia.agent.source;
