package io.vigia.wire;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * One push from an agent: the state of its host at {@code ts}.
 *
 * @param agentId stable id of the agent installation (survives restarts)
 * @param host the host's name as it calls itself
 * @param seq monotonic per agent; a batch whose {@code (agentId, seq)} is already stored is
 *     acknowledged and not stored again
 * @param ts when the sample was taken, epoch milliseconds
 * @param source where host data came from: {@code "module"} (/proc/vigia_*) or {@code "proc"}
 * @param processes process counts and the process list; null when not collected
 * @param containers the host's containers; null when not collected, empty when there are none
 * @param results outcomes of commands the monitor sent in earlier replies
 * @param containerEvents what happened to containers since the previous batch (engine events and
 *     prune actions); null or empty when nothing did
 * @param policyVersion the version of the container prune policy the agent holds ({@link
 *     ContainerPolicy#version()}); null before it has received one
 */
public record Batch(
    @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String agentId,
    @NotBlank @Size(max = 255) String host,
    @NotNull @PositiveOrZero Long seq,
    @NotNull @PositiveOrZero Long ts,
    @Pattern(regexp = "module|proc") String source,
    @Valid Cpu cpu,
    @Valid Memory memory,
    @Valid Load load,
    @Valid Processes processes,
    @Size(max = 10_000) List<@Valid @NotNull ContainerInfo> containers,
    @Size(max = 1_000) List<@Valid @NotNull CommandResult> results,
    @Size(max = 1_000) List<@Valid @NotNull ContainerEvent> containerEvents,
    @Size(max = 64) String policyVersion) {

  /** Current version of this format; the monitor accepts it at {@code /api/v1/ingest}. */
  public static final int VERSION = 1;

  /** A batch with host metrics only (no processes, containers or command results). */
  public static Batch ofHost(
      String agentId,
      String host,
      long seq,
      long ts,
      String source,
      Cpu cpu,
      Memory memory,
      Load load) {
    return new Batch(
        agentId, host, seq, ts, source, cpu, memory, load, null, null, null, null, null);
  }
}
