package io.vigia.web.ui;

import io.vigia.monitor.host.Host;
import io.vigia.monitor.host.HostDirectory;
import io.vigia.monitor.host.HostSummary;
import io.vigia.monitor.security.AgentTokens;
import io.vigia.monitor.security.FleetKeys;
import io.vigia.monitor.security.Role;
import io.vigia.monitor.security.UserDirectory;
import io.vigia.web.security.SessionUser;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.text.MessageFormat;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Backs {@code admin.xhtml}: users and their roles, the fleet key, host tokens. Admins only: the
 * page answers 403 to anyone else, and every action checks the role again on the server. The checks
 * on what may change (names, passwords, the last admin) are the services'; this bean only turns
 * their refusals into the page's language.
 *
 * <p>The tables are read when the page is shown and after each change, and kept in the view: a
 * row's button acts on the user or host that row showed, even if the lists changed in between.
 */
@Named
@ViewScoped
public class Administration implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = Logger.getLogger(Administration.class.getName());

  @Inject private transient UserDirectory users;
  @Inject private transient FleetKeys fleetKeys;
  @Inject private transient AgentTokens tokens;
  @Inject private transient HostDirectory hosts;

  /** A user as a row shows them. */
  public record UserRow(
      String username, String role, boolean enabled, Instant created, Instant lastLogin)
      implements Serializable {}

  /** A host's tokens as a row shows them; {@code lastSeen} is the host's last push. */
  public record TokenRow(
      String host, int live, int total, Instant newest, Instant lastRevoked, Instant lastSeen)
      implements Serializable {}

  /**
   * A secret shown once: a password or a fleet key, with whom or what it is for. The page shows it
   * until the admin closes it; it is never kept anywhere else.
   *
   * @param kind {@code password} or {@code key}
   */
  public record Secret(String kind, String subject, String value) implements Serializable {}

  private List<UserRow> userRows = List.of();
  private List<TokenRow> tokenRows = List.of();
  private FleetKeys.State keyState;
  private final Map<String, String> roleChoices = new HashMap<>();
  private Secret secret;

  private String newName;
  private String newRole = "viewer";
  private String newPassword;

  @PostConstruct
  void load() {
    if (isAdmin()) {
      reload();
    }
  }

  private void reload() {
    userRows =
        users.list().stream()
            .map(
                u ->
                    new UserRow(
                        u.username(), roleName(u.role()), u.enabled(), u.created(), u.lastLogin()))
            .toList();
    roleChoices.clear();
    userRows.forEach(u -> roleChoices.put(u.username(), u.role()));
    Map<String, Instant> seen =
        hosts.overview().stream()
            .filter(h -> h.lastSeen() != null)
            .collect(Collectors.toMap(HostSummary::name, HostSummary::lastSeen, (a, b) -> a));
    tokenRows =
        tokens.byHost().stream()
            .map(
                t ->
                    new TokenRow(
                        t.host(),
                        t.live(),
                        t.total(),
                        t.newest(),
                        t.lastRevoked(),
                        seen.get(t.host())))
            .toList();
    keyState = fleetKeys.state();
  }

  /** Whether the person looking is an admin; the page shows nothing else to anyone else. */
  public boolean isAdmin() {
    return FacesContext.getCurrentInstance().getExternalContext().isUserInRole("admin");
  }

  /** Before the page is rendered: anyone but an admin gets 403 and the "admins only" text. */
  public void refuseOthers() {
    if (!isAdmin()) {
      FacesContext.getCurrentInstance().getExternalContext().setResponseStatus(403);
    }
  }

  // ---- users

  public List<UserRow> getUsers() {
    return userRows;
  }

  public List<String> getRoles() {
    return List.of("viewer", "operator", "admin");
  }

  /** The role chosen in each user's row, by user name. */
  public Map<String, String> getRoleChoices() {
    return roleChoices;
  }

  public void addUser() {
    Optional<String> admin = admin();
    if (admin.isEmpty()) {
      return;
    }
    secret = null;
    boolean generated = newPassword == null || newPassword.isEmpty();
    String name = newName == null ? "" : newName.strip();
    try {
      String password =
          users.add(name, generated ? null : newPassword.toCharArray(), role(newRole), admin.get());
      LOG.info(() -> admin.get() + " added user " + name + " (" + newRole + ")");
      info("user.added", name, roleText(newRole));
      if (generated) {
        secret = new Secret("password", name, password);
      }
      newName = null;
      newPassword = null;
      newRole = "viewer";
    } catch (UserDirectory.RefusedException e) {
      refused(e, name);
    } finally {
      reload();
    }
  }

  public void changeRole(String username) {
    Optional<String> admin = admin();
    if (admin.isEmpty()) {
      return;
    }
    secret = null;
    String chosen = roleChoices.get(username);
    try {
      users.changeRole(username, role(chosen), admin.get());
      keepOwnSession(username, admin.get());
      LOG.info(() -> admin.get() + " changed the role of " + username + " to " + chosen);
      info("user.roleChanged", username, roleText(chosen));
    } catch (UserDirectory.RefusedException e) {
      refused(e, username);
    } finally {
      reload();
    }
  }

  public void setEnabled(String username, boolean enabled) {
    Optional<String> admin = admin();
    if (admin.isEmpty()) {
      return;
    }
    secret = null;
    try {
      users.setEnabled(username, enabled, admin.get());
      LOG.info(() -> admin.get() + (enabled ? " enabled" : " disabled") + " user " + username);
      info(enabled ? "user.enabled" : "user.disabled", username);
    } catch (UserDirectory.RefusedException e) {
      refused(e, username);
    } finally {
      reload();
    }
  }

  public void resetPassword(String username) {
    Optional<String> admin = admin();
    if (admin.isEmpty()) {
      return;
    }
    secret = null;
    try {
      String password = users.resetPassword(username, admin.get());
      keepOwnSession(username, admin.get());
      LOG.info(() -> admin.get() + " reset the password of " + username);
      info("user.passwordReset", username);
      secret = new Secret("password", username, password);
    } catch (UserDirectory.RefusedException e) {
      refused(e, username);
    } finally {
      reload();
    }
  }

  /**
   * A change an admin makes to their own account (a new role, a new password) does not end the
   * session they made it from; their other sessions, like anyone's, end at their next request.
   */
  private void keepOwnSession(String username, String admin) {
    if (username.equals(admin)) {
      HttpServletRequest request =
          (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
      users.account(username).ifPresent(now -> SessionUser.carryOver(request, now));
    }
  }

  // ---- fleet key

  public FleetKeys.State getKeyState() {
    return keyState;
  }

  public void rotateKey() {
    Optional<String> admin = admin();
    if (admin.isEmpty()) {
      return;
    }
    String key = fleetKeys.rotate(admin.get(), System.currentTimeMillis());
    LOG.info(() -> admin.get() + " generated a new fleet key");
    info("key.rotated");
    secret = new Secret("key", null, key);
    reload();
  }

  /** How an agent enrols with the key: the key by environment (never on a command line). */
  public String enrolCommand(String key) {
    return "VIGIA_FLEET_KEY='" + key + "' java -jar vigia-agent.jar enroll --server=" + serverUrl();
  }

  /** This monitor's address as the admin's browser reaches it. */
  public String serverUrl() {
    HttpServletRequest r =
        (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
    int port = r.getServerPort();
    boolean defaultPort =
        (r.getScheme().equals("http") && port == 80)
            || (r.getScheme().equals("https") && port == 443);
    return r.getScheme()
        + "://"
        + r.getServerName()
        + (defaultPort ? "" : ":" + port)
        + r.getContextPath()
        + "/";
  }

  // ---- host tokens

  public List<TokenRow> getTokens() {
    return tokenRows;
  }

  public void revoke(String hostName) {
    Optional<String> admin = admin();
    if (admin.isEmpty()) {
      return;
    }
    secret = null;
    Optional<Host> host = hosts.byName(hostName);
    if (host.isEmpty()) {
      error("host.unknown", hostName);
    } else {
      int revoked = tokens.revokeAll(host.get(), admin.get(), System.currentTimeMillis());
      LOG.info(() -> admin.get() + " revoked " + revoked + " token(s) of host " + hostName);
      info(revoked == 0 ? "host.nothingToRevoke" : "host.revoked", hostName, revoked);
    }
    reload();
  }

  // ---- the secret shown once

  public Secret getSecret() {
    return secret;
  }

  /** The admin closed the secret: it is gone from the page and the server. */
  public void dismissSecret() {
    secret = null;
  }

  // ---- form fields

  public String getNewName() {
    return newName;
  }

  public void setNewName(String newName) {
    this.newName = newName;
  }

  public String getNewRole() {
    return newRole;
  }

  public void setNewRole(String newRole) {
    this.newRole = newRole;
  }

  public String getNewPassword() {
    return newPassword;
  }

  public void setNewPassword(String newPassword) {
    this.newPassword = newPassword;
  }

  // ---- confirmations

  /** A confirmation's question about one user or host. */
  public String question(String key, String subject) {
    return text(key, subject);
  }

  public String revokeQuestion(TokenRow row) {
    return text("tokens.revokeConfirm", row.host(), row.live());
  }

  // ---- helpers

  /** The admin's name, or empty (with a message and a 403) when the caller is not an admin. */
  private Optional<String> admin() {
    ExternalContext ec = FacesContext.getCurrentInstance().getExternalContext();
    if (!isAdmin()) {
      ec.setResponseStatus(403);
      error("adminsOnly");
      return Optional.empty();
    }
    return Optional.of(ec.getUserPrincipal().getName());
  }

  /** A role from the page's choice; an unknown one is refused by the service as no role. */
  private static Role role(String name) {
    try {
      return Role.valueOf(String.valueOf(name).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String roleName(Role role) {
    return role.name().toLowerCase(Locale.ROOT);
  }

  private void refused(UserDirectory.RefusedException e, String username) {
    error("refused." + e.refusal().name(), username);
  }

  private void info(String key, Object... args) {
    message(FacesMessage.SEVERITY_INFO, key, args);
  }

  private void error(String key, Object... args) {
    message(FacesMessage.SEVERITY_ERROR, key, args);
  }

  private void message(FacesMessage.Severity severity, String key, Object... args) {
    FacesContext.getCurrentInstance()
        .addMessage(null, new FacesMessage(severity, text(key, args), null));
  }

  private static String roleText(String role) {
    FacesContext faces = FacesContext.getCurrentInstance();
    return faces.getApplication().getResourceBundle(faces, "msg").getString("role." + role);
  }

  private String text(String key, Object... args) {
    FacesContext faces = FacesContext.getCurrentInstance();
    String pattern = faces.getApplication().getResourceBundle(faces, "adminText").getString(key);
    return args.length == 0
        ? pattern
        : new MessageFormat(pattern, faces.getViewRoot().getLocale()).format(args);
  }
}
