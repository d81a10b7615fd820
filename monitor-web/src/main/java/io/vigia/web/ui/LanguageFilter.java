package io.vigia.web.ui;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Remembers a language chosen with {@code ?lang=es|en} for a year in a cookie (so the login page of
 * the next visit speaks it too; no session is made for it). Runs before the page is built, while
 * the response can still take a cookie.
 */
@WebFilter(urlPatterns = {"*.xhtml", "/"})
public class LanguageFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    String asked = req.getParameter("lang");
    if (asked != null && req.getMethod().equals("GET")) {
      Language.supported(asked)
          .ifPresent(
              lang -> {
                Cookie cookie = new Cookie(Language.COOKIE, lang);
                cookie.setPath(req.getContextPath().isEmpty() ? "/" : req.getContextPath());
                cookie.setMaxAge(365 * 24 * 3600);
                cookie.setHttpOnly(true);
                cookie.setAttribute("SameSite", "Lax");
                res.addCookie(cookie);
              });
    }
    chain.doFilter(req, res);
  }
}
