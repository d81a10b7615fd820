package io.vigia.web.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An operator's request to kill a process: the pid and the start time the operator saw, so a pid
 * reused by another process since is never hit.
 */
@Schema(name = "KillRequest", description = "An operator's request to kill one process")
public record KillRequest(
    @NotNull @Pattern(regexp = "kill") String type,
    @NotNull @Positive Integer pid,
    @NotNull @PositiveOrZero Long startTicks,
    @Size(max = 255) String reason) {}
