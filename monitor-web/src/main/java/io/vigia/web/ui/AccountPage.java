package io.vigia.web.ui;

import io.vigia.monitor.security.UserDirectory;
import io.vigia.web.security.SessionUser;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Arrays;
import java.util.logging.Logger;

/**
 * Backs {@code account.xhtml}: the signed-in user's own account, where they change their password.
 * The current password is checked by the user service on the server, and the rules for the new one
 * are its rules; a refusal changes nothing. This session stays signed in (with a new id); the
 * user's other sessions (other browsers) end at their next request.
 */
@Named
@RequestScoped
public class AccountPage {

  private static final Logger LOG = Logger.getLogger(AccountPage.class.getName());

  @Inject private UserDirectory users;
  @Inject private Formats fmt;

  private String current;
  private String next;
  private String repeat;

  /** Who is signed in. */
  public String getName() {
    Principal p = FacesContext.getCurrentInstance().getExternalContext().getUserPrincipal();
    return p == null ? "" : p.getName();
  }

  /** Their role, as {@code msg['role.…']} calls it: {@code viewer}, {@code operator}, … */
  public String getRole() {
    ExternalContext ec = FacesContext.getCurrentInstance().getExternalContext();
    for (String role : new String[] {"admin", "operator", "viewer"}) {
      if (ec.isUserInRole(role)) {
        return role;
      }
    }
    return "viewer";
  }

  public void changePassword() {
    FacesContext faces = FacesContext.getCurrentInstance();
    String name = getName();
    try {
      if (next == null || !next.equals(repeat)) {
        error("password.differ");
        return;
      }
      char[] currentChars = current == null ? new char[0] : current.toCharArray();
      char[] nextChars = next.toCharArray();
      try {
        users.changeOwnPassword(name, currentChars, nextChars);
      } finally {
        Arrays.fill(currentChars, '\0');
        Arrays.fill(nextChars, '\0');
      }
      LOG.info(() -> name + " changed their own password");
      users
          .account(name)
          .ifPresent(
              now ->
                  SessionUser.carryOver(
                      (HttpServletRequest) faces.getExternalContext().getRequest(), now));
      message(FacesMessage.SEVERITY_INFO, "password.changed");
    } catch (UserDirectory.RefusedException e) {
      error("refused." + e.refusal().name());
    } finally {
      current = null;
      next = null;
      repeat = null;
    }
  }

  private void error(String key) {
    message(FacesMessage.SEVERITY_ERROR, key);
  }

  private void message(FacesMessage.Severity severity, String key) {
    FacesContext.getCurrentInstance()
        .addMessage(null, new FacesMessage(severity, fmt.text("accountText", key), null));
  }

  public String getCurrent() {
    return current;
  }

  public void setCurrent(String current) {
    this.current = current;
  }

  public String getNext() {
    return next;
  }

  public void setNext(String next) {
    this.next = next;
  }

  public String getRepeat() {
    return repeat;
  }

  public void setRepeat(String repeat) {
    this.repeat = repeat;
  }
}
