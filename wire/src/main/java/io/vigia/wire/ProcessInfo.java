package io.vigia.wire;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * One process.
 *
 * @param startTicks start time in clock ticks (1/100 s) since boot, as field 22 of {@code
 *     /proc/[pid]/stat}; with {@code pid} it names a process across PID reuse, so a kill carries
 *     both
 * @param name the kernel's short name ({@code comm}), exactly, whatever bytes it holds
 * @param command the full command line (arguments joined by spaces); null for kernel threads
 * @param user the owner's user name, or the numeric uid when the name is unknown
 * @param state the kernel's state letter (R, S, D, T, t, Z, I, ...)
 * @param cpuPct share of one core used since the previous sample (can exceed 100 on several cores);
 *     null on the first sample of the process
 * @param ramPct resident memory as a share of host RAM
 */
public record ProcessInfo(
    @Positive int pid,
    @PositiveOrZero int ppid,
    @NotNull @PositiveOrZero Long startTicks,
    @NotNull @Size(max = 64) String name,
    @Size(max = 4096) String command,
    @Size(max = 64) String user,
    @PositiveOrZero Integer uid,
    @NotNull @Size(min = 1, max = 1) String state,
    @DecimalMin("0") Double cpuPct,
    @PositiveOrZero Long rssKb,
    @DecimalMin("0") @DecimalMax("100") Double ramPct) {}
