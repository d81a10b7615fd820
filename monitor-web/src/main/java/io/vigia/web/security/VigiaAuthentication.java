package io.vigia.web.security;

import io.vigia.monitor.security.UserDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * One mechanism for people: HTTP Basic on any request (scripts, curl), or the login page, which
 * starts a session. Pages need a logged-in user and send anonymous visitors to the login page; the
 * API checks roles per endpoint ({@code Caller}), so API requests pass through here with whatever
 * identity they carry. Public: the login page, static resources, health, metrics, OpenAPI, and the
 * agents' endpoints (token-checked by their resources).
 */
@ApplicationScoped
public class VigiaAuthentication implements HttpAuthenticationMechanism {

  @Inject private IdentityStoreHandler identityStores;
  @Inject private UserDirectory users;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    Credential fromLoginPage = context.getAuthParameters().getCredential();
    if (fromLoginPage != null) {
      return login(request, context, identityStores.validate(fromLoginPage));
    }
    Optional<UsernamePasswordCredential> basic = basic(request);
    if (basic.isPresent()) {
      CredentialValidationResult result = identityStores.validate(basic.get());
      if (result.getStatus() == CredentialValidationResult.Status.VALID) {
        request.setAttribute(Caller.GROUPS, Set.copyOf(result.getCallerGroups()));
        return context.notifyContainerAboutLogin(result);
      }
      return unauthorized(response, context);
    }
    HttpSession session = request.getSession(false);
    if (session != null && session.getAttribute(SessionUser.ATTRIBUTE) instanceof SessionUser u) {
      // A browser sends the session cookie with whatever a page anywhere makes it send: a change
      // made with it must come from Vigia's own pages (HTTP Basic and bearer callers never are
      // at risk, a page cannot make the browser add those headers).
      if (!SameOrigin.isSafeMethod(request) && !SameOrigin.fromOwnPages(request)) {
        return forbidden(response, context, SameOrigin.REFUSAL);
      }
      if (!isPublic(request)) {
        // The user as they are now, not as they were at login: a session whose user was disabled,
        // or whose password or role changed since (elsewhere: the session that made its own change
        // carries over), ends here, and a changed role never lingers in it.
        Optional<UserDirectory.Account> now = users.account(u.name());
        if (now.isEmpty() || !u.holdsFor(now.get())) {
          session.invalidate();
          return isApi(request)
              ? unauthorized(response, context)
              : redirectToLogin(request, response, context, true);
        }
      }
      request.setAttribute(Caller.GROUPS, Set.copyOf(u.groups()));
      return context.notifyContainerAboutLogin(u.name(), u.groups());
    }
    if (isPublic(request) || isApi(request)) {
      return context.doNothing();
    }
    return redirectToLogin(request, response, context, false);
  }

  private AuthenticationStatus login(
      HttpServletRequest request, HttpMessageContext context, CredentialValidationResult result) {
    if (result.getStatus() != CredentialValidationResult.Status.VALID) {
      // No error page: the login page itself says what went wrong.
      return AuthenticationStatus.SEND_FAILURE;
    }
    if (!(request.getAttribute(UserIdentityStore.CHECKED)
        instanceof UserDirectory.Account checked)) {
      return AuthenticationStatus.SEND_FAILURE; // no other identity store is installed
    }
    request.changeSessionId(); // a new id on login: no session fixation
    request.setAttribute(Caller.GROUPS, Set.copyOf(result.getCallerGroups()));
    request.getSession().setAttribute(SessionUser.ATTRIBUTE, SessionUser.of(checked));
    return context.notifyContainerAboutLogin(result);
  }

  private static Optional<UsernamePasswordCredential> basic(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0
          ? Optional.empty()
          : Optional.of(
              new UsernamePasswordCredential(
                  decoded.substring(0, colon), decoded.substring(colon + 1)));
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
  }

  private static String path(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }

  private static boolean isApi(HttpServletRequest request) {
    return path(request).startsWith("/api/");
  }

  private static boolean isPublic(HttpServletRequest request) {
    String p = path(request);
    return p.equals("/login.xhtml")
        || p.startsWith("/jakarta.faces.resource/")
        || p.startsWith("/health")
        || p.startsWith("/metrics")
        || p.startsWith("/openapi");
  }

  private static AuthenticationStatus unauthorized(
      HttpServletResponse response, HttpMessageContext context) {
    response.setHeader("WWW-Authenticate", "Basic realm=\"vigia\", charset=\"UTF-8\"");
    try {
      problem(response, 401, "Unauthorized", "wrong user name or password");
    } catch (IOException e) {
      return context.responseUnauthorized();
    }
    return AuthenticationStatus.SEND_FAILURE;
  }

  private static AuthenticationStatus forbidden(
      HttpServletResponse response, HttpMessageContext context, String detail) {
    try {
      problem(response, 403, "Forbidden", detail);
    } catch (IOException e) {
      return context.responseUnauthorized();
    }
    return AuthenticationStatus.SEND_FAILURE;
  }

  /** An RFC 9457 problem detail; the texts are this class's own constants, never input. */
  private static void problem(HttpServletResponse response, int status, String title, String detail)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/problem+json");
    response.setCharacterEncoding("UTF-8");
    response
        .getWriter()
        .write(
            "{\"type\":\"about:blank\",\"title\":\""
                + title
                + "\",\"status\":"
                + status
                + ",\"detail\":\""
                + detail
                + "\"}");
  }

  /**
   * @param ended the session just ended because the user's account changed: the login page says so
   */
  private static AuthenticationStatus redirectToLogin(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpMessageContext context,
      boolean ended) {
    String next = path(request);
    if (request.getQueryString() != null) {
      next += "?" + request.getQueryString();
    }
    String login =
        request.getContextPath()
            + "/login.xhtml?next="
            + URLEncoder.encode(next, StandardCharsets.UTF_8)
            + (ended ? "&ended=true" : "");
    if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
      // A page's Ajax request (a poll, a button) after its session ended: a 302 would hand the
      // page's script the login page as its answer, and the page would sit there, stale. Faces'
      // own redirect is followed.
      try {
        response.setContentType("text/xml");
        response.setCharacterEncoding("UTF-8");
        response
            .getWriter()
            .write(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                    + login.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;")
                    + "\"/></partial-response>");
      } catch (IOException e) {
        return context.responseUnauthorized();
      }
      return AuthenticationStatus.SEND_CONTINUE;
    }
    return context.redirect(login);
  }
}
