package io.vigia.web.api;

import java.util.List;

/**
 * An error answer in the shape of RFC 9457 (problem details), sent as {@code
 * application/problem+json}.
 *
 * @param errors for validation failures, one line per bad field ({@code field: message})
 */
public record Problem(String type, String title, int status, String detail, List<String> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";

  static Problem of(int status, String title, String detail) {
    return new Problem("about:blank", title, status, detail, null);
  }
}
