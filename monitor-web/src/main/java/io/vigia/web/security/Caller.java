package io.vigia.web.security;

import io.vigia.monitor.security.Role;
import io.vigia.web.api.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Set;

/** The person behind the current request, and the checks API resources make on them. */
@RequestScoped
public class Caller {

  /**
   * Request attribute: the groups {@link VigiaAuthentication} validated for this request. Payara 7
   * answers {@code isCallerInRole} false in the very request that authenticated (HTTP Basic
   * authenticates every request; payara/Payara#4734, fixed in GlassFish only), so roles are also
   * read from what the mechanism saw.
   */
  static final String GROUPS = "io.vigia.web.security.groups";

  @Inject private SecurityContext security;
  @Inject private HttpServletRequest request;

  /** Ends the request with 401 (nobody logged in) or 403 (role too low) unless allowed. */
  public String require(Role role) {
    if (security.getCallerPrincipal() == null) {
      throw ProblemException.basicChallenge("log in, or send HTTP Basic credentials");
    }
    if (!inRole(role)) {
      throw new ProblemException(
          403, "Forbidden", "this needs the " + role.name().toLowerCase(Locale.ROOT) + " role");
    }
    return security.getCallerPrincipal().getName();
  }

  public boolean has(Role role) {
    return security.getCallerPrincipal() != null && inRole(role);
  }

  private boolean inRole(Role role) {
    String name = role.name().toLowerCase(Locale.ROOT);
    return security.isCallerInRole(name)
        || (request.getAttribute(GROUPS) instanceof Set<?> groups && groups.contains(name));
  }

  public String name() {
    return security.getCallerPrincipal() == null ? null : security.getCallerPrincipal().getName();
  }
}
