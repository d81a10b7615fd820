package io.vigia.web.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An error answer in the shape of RFC 9457 (problem details), sent as {@code
 * application/problem+json}.
 *
 * @param errors for validation failures, one line per bad field ({@code field: message})
 */
@Schema(name = "Problem", description = "An error answer (RFC 9457 problem detail)")
public record Problem(
    @Schema(description = "always about:blank", example = "about:blank") String type,
    @Schema(description = "the status's reason phrase", example = "Not Found") String title,
    @Schema(description = "the HTTP status", example = "404") int status,
    @Schema(description = "what went wrong", example = "no host named 'web-07'") String detail,
    @Schema(description = "for bad input, one line per bad field ('field: message'); else absent")
        List<String> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";

  static Problem of(int status, String title, String detail) {
    return new Problem("about:blank", title, status, detail, null);
  }
}
