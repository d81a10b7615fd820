package io.vigia.web.ui;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The language a page is shown in: the one chosen with {@code ?lang=} (kept in a cookie by {@link
 * LanguageFilter}), else the browser's first supported {@code Accept-Language}, else English.
 */
@Named
@RequestScoped
public class Language {

  /** The languages Vigia's pages are written in, the first being the fallback. */
  static final List<String> SUPPORTED = List.of("en", "es");

  static final String COOKIE = "vigia-lang";

  @Inject private HttpServletRequest request;

  private Locale locale;

  public Locale getLocale() {
    if (locale == null) {
      locale = Locale.forLanguageTag(choose(request));
    }
    return locale;
  }

  /** The BCP 47 tag for {@code <html lang>}: {@code en} or {@code es}. */
  public String getTag() {
    return getLocale().toLanguageTag();
  }

  public List<String> getSupported() {
    return SUPPORTED;
  }

  /** The language's own name, as a switch shows it: "English", "Español". */
  public String nameOf(String tag) {
    Locale l = Locale.forLanguageTag(tag);
    String name = l.getDisplayLanguage(l);
    return name.substring(0, 1).toUpperCase(l) + name.substring(1);
  }

  /** This page's address with {@code lang} set to {@code tag}, other parameters kept. */
  public String switchTo(String tag) {
    StringBuilder query = new StringBuilder("lang=").append(tag);
    for (String name : Collections.list(request.getParameterNames())) {
      if (name.equals("lang") || name.startsWith("jakarta.faces") || name.contains(":")) {
        continue; // postback fields are not the page's address
      }
      for (String v : request.getParameterValues(name)) {
        query
            .append('&')
            .append(java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8))
            .append('=')
            .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    String uri = request.getRequestURI();
    return uri + "?" + query;
  }

  static String choose(HttpServletRequest request) {
    return supported(request.getParameter("lang"))
        .or(() -> fromCookie(request))
        .or(() -> fromBrowser(request))
        .orElse(SUPPORTED.get(0));
  }

  static Optional<String> supported(String tag) {
    if (tag == null) {
      return Optional.empty();
    }
    String lang = Locale.forLanguageTag(tag.trim()).getLanguage();
    return SUPPORTED.contains(lang) ? Optional.of(lang) : Optional.empty();
  }

  private static Optional<String> fromCookie(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return Optional.empty();
    }
    for (Cookie c : cookies) {
      if (COOKIE.equals(c.getName())) {
        return supported(c.getValue());
      }
    }
    return Optional.empty();
  }

  private static Optional<String> fromBrowser(HttpServletRequest request) {
    // getLocales() lists Accept-Language by quality; the first Vigia speaks wins.
    for (Locale l : Collections.list(request.getLocales())) {
      if (SUPPORTED.contains(l.getLanguage())) {
        return Optional.of(l.getLanguage());
      }
    }
    return Optional.empty();
  }
}
