package io.vigia.web.api;

import java.util.Optional;

/** The credential of an {@code Authorization: Bearer ...} header. */
final class Bearer {

  private Bearer() {}

  static Optional<String> of(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    String token = authorization.substring(7).trim();
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }
}
