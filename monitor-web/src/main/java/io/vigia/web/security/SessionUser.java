package io.vigia.web.security;

import java.io.Serializable;
import java.util.Set;

/** The logged-in user kept in the HTTP session: name and the role names held. */
record SessionUser(String name, Set<String> groups) implements Serializable {

  static final String ATTRIBUTE = "vigia.user";
}
