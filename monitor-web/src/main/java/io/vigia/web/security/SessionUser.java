package io.vigia.web.security;

import io.vigia.monitor.security.UserDirectory;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.util.Set;

/**
 * The logged-in user kept in the HTTP session: name, the role names held and the version of the
 * credentials they signed in with ({@link UserDirectory.Account#credentials}). A session holds only
 * while the user's account still says the same: {@link VigiaAuthentication} ends it at the first
 * request after their password or role changed or they were disabled.
 */
public record SessionUser(String name, Set<String> groups, String credentials)
    implements Serializable {

  static final String ATTRIBUTE = "vigia.user";

  static SessionUser of(UserDirectory.Account account) {
    return new SessionUser(account.username(), account.role().groups(), account.credentials());
  }

  /** Whether the session may go on for the user as their account is now. */
  boolean holdsFor(UserDirectory.Account now) {
    return name.equals(now.username())
        && groups.equals(now.role().groups())
        // null in a session kept from before sessions carried it (a redeploy that keeps
        // sessions): such a session ends and its user signs in again
        && java.util.Objects.equals(credentials, now.credentials());
  }

  /**
   * Keeps the request's own session signed in after it changed its own user's credentials (their
   * password, or an admin's own role): it takes the account as it is now, under a new session id,
   * while every other session of the user ends at its next request. Does nothing without a
   * signed-in session of that user.
   */
  public static void carryOver(HttpServletRequest request, UserDirectory.Account now) {
    HttpSession session = request.getSession(false);
    if (session != null
        && session.getAttribute(ATTRIBUTE) instanceof SessionUser u
        && u.name().equals(now.username())) {
      request.changeSessionId(); // whoever held the old id does not carry over
      session.setAttribute(ATTRIBUTE, of(now));
    }
  }
}
