package io.vigia.wire;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * One container on the host.
 *
 * @param id the full container id (64 hex characters for Docker)
 * @param name and {@code image}: from the Docker Engine API; null when it is not reachable
 * @param state Docker's state ({@code running}, {@code exited}, ...) or {@code running} for a
 *     cgroup seen without Docker
 * @param cpuPct share of one core since the previous sample; null on the first
 * @param memLimitBytes null when the container has no limit
 */
public record ContainerInfo(
    @NotBlank @Size(max = 128) String id,
    @Size(max = 255) String name,
    @Size(max = 512) String image,
    @Size(max = 32) String state,
    @DecimalMin("0") Double cpuPct,
    @PositiveOrZero Long memUsedBytes,
    @PositiveOrZero Long memLimitBytes) {}
