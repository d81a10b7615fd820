package io.vigia.web.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Tells whether a browser request was made by one of Vigia's own pages. Browsers say where a
 * request comes from in {@code Sec-Fetch-Site} (all current ones) and {@code Origin} (every POST,
 * PUT and DELETE since 2020); a page on another site can set neither. Without both, the {@code
 * Referer} decides, and a request that shows none of the three is refused: it cannot be told apart
 * from a forged one.
 */
final class SameOrigin {

  static final String REFUSAL =
      "a change made with a browser session must come from Vigia's own pages (cross-site request"
          + " refused); scripts send HTTP Basic credentials instead";

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  private SameOrigin() {}

  static boolean isSafeMethod(HttpServletRequest request) {
    return SAFE_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT));
  }

  static boolean fromOwnPages(HttpServletRequest request) {
    return fromOwnPages(
        request.getHeader("Sec-Fetch-Site"),
        request.getHeader("Origin"),
        request.getHeader("Referer"),
        request.getHeader("Host"));
  }

  /**
   * {@code host} is the Host header the browser sent: behind a reverse proxy that keeps it (as it
   * must for the session cookie's domain anyway), the comparison still holds, whatever scheme and
   * port the server itself listens on.
   */
  static boolean fromOwnPages(String fetchSite, String origin, String referer, String host) {
    if (fetchSite != null) {
      return fetchSite.equals("same-origin");
    }
    if (origin != null) {
      return sameAuthority(origin, host);
    }
    if (referer != null) {
      return sameAuthority(referer, host);
    }
    return false;
  }

  private static boolean sameAuthority(String url, String host) {
    if (host == null || host.isBlank()) {
      return false;
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      return false;
    }
    String scheme = uri.getScheme();
    if (uri.getHost() == null || scheme == null) {
      return false; // "null" (opaque origins: sandboxed frames, data: URLs) is nobody's page
    }
    int defaultPort = scheme.equalsIgnoreCase("https") ? 443 : 80;
    int originPort = uri.getPort() < 0 ? defaultPort : uri.getPort();
    URI hostUri;
    try {
      hostUri = new URI(scheme + "://" + host.strip());
    } catch (URISyntaxException e) {
      return false;
    }
    if (hostUri.getHost() == null) {
      return false;
    }
    int hostPort = hostUri.getPort() < 0 ? defaultPort : hostUri.getPort();
    return uri.getHost().equalsIgnoreCase(hostUri.getHost()) && originPort == hostPort;
  }
}
