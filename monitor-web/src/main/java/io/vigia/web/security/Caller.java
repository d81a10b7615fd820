package io.vigia.web.security;

import io.vigia.monitor.security.Role;
import io.vigia.web.api.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import java.util.Locale;

/** The person behind the current request, and the checks API resources make on them. */
@RequestScoped
public class Caller {

  @Inject private SecurityContext security;

  /** Ends the request with 401 (nobody logged in) or 403 (role too low) unless allowed. */
  public String require(Role role) {
    if (security.getCallerPrincipal() == null) {
      throw ProblemException.basicChallenge("log in, or send HTTP Basic credentials");
    }
    if (!security.isCallerInRole(role.name().toLowerCase(Locale.ROOT))) {
      throw new ProblemException(
          403, "Forbidden", "this needs the " + role.name().toLowerCase(Locale.ROOT) + " role");
    }
    return security.getCallerPrincipal().getName();
  }

  public boolean has(Role role) {
    return security.getCallerPrincipal() != null
        && security.isCallerInRole(role.name().toLowerCase(Locale.ROOT));
  }

  public String name() {
    return security.getCallerPrincipal() == null ? null : security.getCallerPrincipal().getName();
  }
}
