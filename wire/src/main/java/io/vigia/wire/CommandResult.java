package io.vigia.wire;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What an agent did with a command.
 *
 * @param status {@code done}, {@code refused} (with the reason in detail), {@code gone} (no such
 *     process any more), or {@code failed}
 */
public record CommandResult(
    @NotNull Long commandId,
    @NotNull @Pattern(regexp = "done|refused|gone|failed") String status,
    @Size(max = 1024) String detail) {}
