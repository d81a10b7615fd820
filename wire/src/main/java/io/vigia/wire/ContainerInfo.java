package io.vigia.wire;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * One container on the host. Figures come from its cgroup each interval, the rest from the Docker
 * Engine API; every field after {@code memLimitBytes} was added later and is null from older
 * agents.
 *
 * @param id the full container id (64 hex characters for Docker)
 * @param name and {@code image}: from the Docker Engine API; null when it is not reachable
 * @param state Docker's state ({@code created}, {@code running}, {@code exited}, ...) or {@code
 *     running} for a cgroup seen without Docker
 * @param cpuPct share of one core since the previous sample (can exceed 100); null on the first
 * @param memUsedBytes memory used as {@code docker stats} shows it: usage minus inactive file pages
 *     ({@code total_inactive_file} on cgroup v1, {@code inactive_file} on v2), never below 0
 * @param memLimitBytes the container's memory limit, or the host's RAM when it has none (as {@code
 *     docker stats} shows it); null only when neither is known
 * @param labels the container's labels; null when Docker is not reachable
 * @param exitCode the last exit code (0 while it has never exited)
 * @param restartCount how many times Docker restarted it by its restart policy
 * @param createdMs and {@code startedMs}: epoch ms; startedMs null when never started
 * @param oomKilled whether its last exit was the kernel's OOM killer
 * @param cpuLimitCores its CPU limit in cores ({@code --cpus}, or CFS quota / period), or the
 *     host's core count when it has none
 * @param cpuPctOfLimit CPU use as a share of {@code cpuLimitCores}, 0–100
 */
public record ContainerInfo(
    @NotBlank @Size(max = 128) String id,
    @Size(max = 255) String name,
    @Size(max = 512) String image,
    @Size(max = 32) String state,
    @DecimalMin("0") Double cpuPct,
    @PositiveOrZero Long memUsedBytes,
    @PositiveOrZero Long memLimitBytes,
    @Size(max = 256) Map<@Size(max = 255) String, @Size(max = 1024) String> labels,
    Integer exitCode,
    @PositiveOrZero Integer restartCount,
    @PositiveOrZero Long createdMs,
    @PositiveOrZero Long startedMs,
    Boolean oomKilled,
    @DecimalMin("0") Double cpuLimitCores,
    @DecimalMin("0") Double cpuPctOfLimit) {

  /** The fields an agent before the containers issue sent; the others null. */
  public static ContainerInfo basic(
      String id,
      String name,
      String image,
      String state,
      Double cpuPct,
      Long memUsedBytes,
      Long memLimitBytes) {
    return new ContainerInfo(
        id,
        name,
        image,
        state,
        cpuPct,
        memUsedBytes,
        memLimitBytes,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** Memory used as a share of the limit, 0–100 (what {@code docker stats} calls MEM %). */
  public Double memPct() {
    return memUsedBytes == null || memLimitBytes == null || memLimitBytes == 0
        ? null
        : 100.0 * memUsedBytes / memLimitBytes;
  }
}
