package io.vigia.monitor.security;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a user may do. Each role includes the ones below it: viewers read; operators also kill
 * processes and manage containers; admins also manage users, rules and tokens.
 */
public enum Role {
  VIEWER,
  OPERATOR,
  ADMIN;

  /** The container role names this role holds ({@code viewer}, {@code operator}, ...). */
  public Set<String> groups() {
    return Arrays.stream(values())
        .filter(r -> r.ordinal() <= ordinal())
        .map(r -> r.name().toLowerCase(java.util.Locale.ROOT))
        .collect(Collectors.toUnmodifiableSet());
  }
}
