package io.vigia.wire;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * Something that happened to a container, as the agent saw it: an event of the Docker engine
 * ({@code create}, {@code start}, {@code die}, {@code oom}, {@code destroy}, ...), or an action of
 * the agent's prune policy ({@code prune}, or {@code prune-dry-run} when it only says what it would
 * do). It carries the container's last figures, so a container created and gone between two samples
 * is still on record.
 *
 * @param ts when it happened, epoch ms (the engine's time for engine events)
 * @param action what happened
 * @param exitCode for {@code die}: the exit code
 * @param policyClass and {@code policyRule}: for policy actions, the class that selected the
 *     container and the rule that removed it ({@code keep 2 newest}, ...)
 * @param detail free text: the outcome of a policy action, an error
 */
public record ContainerEvent(
    @NotNull @PositiveOrZero Long ts,
    @NotBlank @Size(max = 128) String containerId,
    @Size(max = 255) String name,
    @Size(max = 512) String image,
    @NotBlank @Size(max = 32) String action,
    Integer exitCode,
    @DecimalMin("0") Double cpuPct,
    @PositiveOrZero Long memUsedBytes,
    @PositiveOrZero Long memLimitBytes,
    @Size(max = 64) String policyClass,
    @Size(max = 255) String policyRule,
    @Size(max = 1024) String detail) {}
