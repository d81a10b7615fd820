package io.vigia.web.ui;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

/**
 * What a page's backing bean asks of the Faces request it serves: who calls and in which role, a
 * parameter a button carried, a message for the page. Actions that change something check the role
 * here themselves, whatever the page showed.
 */
final class FacesRequest {

  private FacesRequest() {}

  static boolean isAdmin() {
    return FacesContext.getCurrentInstance().getExternalContext().isUserInRole("admin");
  }

  /** The logged-in user's name. */
  static String user() {
    return FacesContext.getCurrentInstance().getExternalContext().getUserPrincipal().getName();
  }

  /** A request parameter (as a button's f:param sends it), or empty. */
  static String param(String name) {
    return FacesContext.getCurrentInstance()
        .getExternalContext()
        .getRequestParameterMap()
        .getOrDefault(name, "");
  }

  /** A message for the whole page (its growl or messages). */
  static void message(FacesMessage.Severity severity, String text) {
    FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
  }

  /**
   * False for an admin; for anyone else, tells them {@code refusal}, fails the request's validation
   * (so nothing the page sent is kept) and answers true.
   */
  static boolean refusedUnlessAdmin(String refusal) {
    if (isAdmin()) {
      return false;
    }
    message(FacesMessage.SEVERITY_ERROR, refusal);
    FacesContext.getCurrentInstance().validationFailed();
    return true;
  }
}
