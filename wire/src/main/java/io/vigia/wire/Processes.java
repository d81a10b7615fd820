package io.vigia.wire;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The host's processes at one moment.
 *
 * @param counts how many processes are in each state
 * @param list every process (not thread), by pid
 */
public record Processes(
    @Valid ProcessCounts counts, @Size(max = 100_000) List<@Valid @NotNull ProcessInfo> list) {}
