package io.vigia.wire;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * One push from an agent: the state of its host at {@code ts}.
 *
 * @param agentId stable id of the agent installation (survives restarts)
 * @param host the host's name as it calls itself
 * @param seq monotonic per agent; a batch whose {@code (agentId, seq)} is already stored is
 *     acknowledged and not stored again
 * @param ts when the sample was taken, epoch milliseconds
 */
public record Batch(
    @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String agentId,
    @NotBlank @Size(max = 255) String host,
    @NotNull @PositiveOrZero Long seq,
    @NotNull @PositiveOrZero Long ts,
    @Valid Cpu cpu,
    @Valid Memory memory,
    @Valid Load load) {

  /** Current version of this format; the monitor accepts it at {@code /api/v1/ingest}. */
  public static final int VERSION = 1;
}
