package io.vigia.wire;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** An agent asks for its own host token, authenticated by the fleet key. */
public record EnrollRequest(
    @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String agentId,
    @NotBlank @Size(max = 255) String host) {}
