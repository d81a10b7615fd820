package io.vigia.monitor.security;

import io.vigia.monitor.event.EventKind;
import io.vigia.monitor.event.EventLog;
import io.vigia.monitor.event.EventText;
import io.vigia.monitor.event.Severity;
import io.vigia.monitor.host.MonitorSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ApplicationException;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The users, and the first admin: when there is no user at all, {@code admin} is created with the
 * password from {@code vigia.admin.initial-password}, or a generated one written to a file only the
 * server's user can read ({@code vigia.admin.initial-password-file}); never to a log.
 *
 * <p>Every request of a signed-in user asks for their account ({@link #account}), to end sessions
 * whose user was disabled or whose password or role changed since. Accounts are kept on each node
 * for a minute so that this costs no query per request; a change drops them at once on the node
 * that made it, and within about a second on the others: every change to a user is logged as a
 * {@code user_changed} event in the same transaction, and the count and sum of the ids of those
 * events (one small indexed query, at most once a second per node) tell the other nodes that
 * something changed (see {@link MarkedCache}). Nothing else writes users but this class.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
// Read lock: sign-ins (tens of milliseconds of PBKDF2 each) run side by side; what must not
// interleave, the last-admin check, is serialised by row locks in the database, on every node.
@Lock(LockType.READ)
public class UserDirectory {

  private static final Logger LOG = Logger.getLogger(UserDirectory.class.getName());

  @PersistenceContext(unitName = "vigia")
  private EntityManager em;

  @Inject private Pbkdf2PasswordHash hash;
  @Inject private MonitorSettings settings;
  @Inject private EventLog events;

  @Resource private TransactionSynchronizationRegistry transactions;

  private static final long ACCOUNT_TTL_MS = 60_000;
  private static final long CHANGE_CHECK_MS = 1_000;
  private static final int MAX_ACCOUNTS = 10_000;

  /** The enabled accounts asked for lately, by user name (see the class comment). */
  private final MarkedCache<Account> accounts =
      new MarkedCache<>(ACCOUNT_TTL_MS, CHANGE_CHECK_MS, MAX_ACCOUNTS);

  /** What {@code Event.markerOfKind} says of the user changes logged: moves with each change. */
  private record ChangeMarker(long changes, long idSum) {}

  @PostConstruct
  void ensureFirstAdmin() {
    hash.initialize(Map.of("Pbkdf2PasswordHash.Iterations", "210000"));
    if (em.createNamedQuery("AppUser.count", Long.class).getSingleResult() > 0) {
      return;
    }
    Optional<String> configured = settings.initialAdminPassword();
    String password = configured.orElseGet(Secrets::newToken);
    if (configured.isEmpty()) {
      // Like Jenkins' initialAdminPassword: a file only the server's user can read, never a log.
      Path file = settings.initialAdminPasswordFile();
      try {
        writeOwnerOnly(file, password);
      } catch (IOException | UnsupportedOperationException e) {
        LOG.log(
            Level.SEVERE,
            "no user yet, and the generated password of 'admin' could not be written to "
                + file
                + ": set vigia.admin.initial-password (or vigia.admin.initial-password-file) and"
                + " restart",
            e);
        return; // no user without a password someone can know; the next start tries again
      }
      LOG.warning(
          "created user 'admin' with a generated password, written to "
              + file
              + " (readable by this user only): log in with it, then delete the file");
    } else {
      LOG.info("created user 'admin' with the password from vigia.admin.initial-password");
    }
    em.persist(
        new AppUser(
            "admin",
            hash.generate(password.toCharArray()),
            Role.ADMIN,
            System.currentTimeMillis()));
  }

  private static void writeOwnerOnly(Path file, String text) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, text + "\n", StandardCharsets.UTF_8);
  }

  /** An enabled user as signing in needs them: the role and the stored password hash. */
  public record Account(String username, Role role, String passwordHash) {

    /**
     * The version of the user's credentials: it changes whenever their password is set, even to the
     * same one (every stored hash has its own random salt). A session keeps the version it was
     * signed in with, and ends when it is no longer the user's.
     */
    public String credentials() {
      return Secrets.sha256Hex(passwordHash);
    }
  }

  /**
   * A user as admins see them (never the password or its hash).
   *
   * @param lastLogin when their password was last checked, null when never
   */
  public record UserInfo(
      String username, Role role, boolean enabled, Instant created, Instant lastLogin) {}

  /** Why a change to the users was refused. Nothing was changed. */
  public enum Refusal {
    /** the name is empty, longer than 64 or has a character outside A-Z a-z 0-9 . _ @ - */
    BAD_NAME,
    /** the password is shorter than 12 or longer than 256 characters */
    BAD_PASSWORD,
    /** no role, or one that is not viewer, operator or admin */
    BAD_ROLE,
    NAME_TAKEN,
    NO_SUCH_USER,
    /** the password given as the user's current one is not */
    WRONG_PASSWORD,
    /** the change would leave no enabled admin, and nobody could administer the monitor */
    LAST_ADMIN
  }

  /** A refused change, thrown as is (not wrapped) and rolling the transaction back. */
  @ApplicationException(rollback = true)
  public static class RefusedException extends RuntimeException {
    private final Refusal refusal;

    public RefusedException(Refusal refusal, String message) {
      super(message);
      this.refusal = refusal;
    }

    public Refusal refusal() {
      return refusal;
    }
  }

  static final int MIN_PASSWORD = 12;
  static final int MAX_PASSWORD = 256;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

  /**
   * The user if they exist and are enabled, as of the last change made on this node, or at most
   * about a second older when it was made on another (see the class comment).
   */
  public Optional<Account> account(String username) {
    if (username == null) {
      return Optional.empty();
    }
    return accounts.getOrLoad(
        username,
        System.currentTimeMillis(),
        this::changeMarker,
        () ->
            find(username)
                .filter(AppUser::isEnabled)
                .map(u -> new Account(u.getUsername(), u.getRole(), u.getPasswordHash())));
  }

  private ChangeMarker changeMarker() {
    Object[] row =
        em.createNamedQuery("Event.markerOfKind", Object[].class)
            .setParameter("kind", EventKind.USER_CHANGED.apiName())
            .getSingleResult();
    return new ChangeMarker(number(row[0]), number(row[1]));
  }

  private static long number(Object value) {
    return value == null ? 0 : ((Number) value).longValue();
  }

  /** Whether the password matches a hash {@link #account} gave (the slow PBKDF2 check). */
  public boolean verify(char[] password, String passwordHash) {
    return hash.verify(password, passwordHash);
  }

  /** Remembers that the user's password was just checked. */
  public void signedIn(String username, long nowMs) {
    find(username).ifPresent(u -> u.setLastLoginMs(nowMs));
  }

  public boolean exists(String username) {
    return find(username).isPresent();
  }

  /** Every user, by name. */
  public List<UserInfo> list() {
    return em.createNamedQuery("AppUser.findAll", AppUser.class).getResultList().stream()
        .map(
            u ->
                new UserInfo(
                    u.getUsername(),
                    u.getRole(),
                    u.isEnabled(),
                    Instant.ofEpochMilli(u.getCreatedMs()),
                    u.getLastLoginMs() == null ? null : Instant.ofEpochMilli(u.getLastLoginMs())))
        .toList();
  }

  /**
   * Adds a user on behalf of {@code actor} (logged as an event), with {@code password}, or with a
   * generated one when it is null.
   *
   * @return the password that was set: shown once to the admin, stored only as a hash
   */
  public String add(String username, char[] password, Role role, String actor) {
    if (username == null || !NAME.matcher(username).matches()) {
      throw new RefusedException(Refusal.BAD_NAME, "a user name is 1 to 64 of A-Z a-z 0-9 . _ @ -");
    }
    requireRole(role);
    if (exists(username)) {
      throw new RefusedException(Refusal.NAME_TAKEN, "user '" + username + "' exists");
    }
    char[] set = password == null ? Secrets.newToken().toCharArray() : password;
    checkPassword(set);
    em.persist(new AppUser(username, hash.generate(set), role, System.currentTimeMillis()));
    logChange(actor, EventText.of("user.added", username, role(role)));
    return new String(set);
  }

  /** Gives the user another role; refused when it would leave no enabled admin. */
  public void changeRole(String username, Role role, String actor) {
    requireRole(role);
    AppUser u = require(username);
    if (u.getRole() == role) {
      return;
    }
    refuseLastAdmin(u, role, u.isEnabled());
    Role before = u.getRole();
    u.setRole(role);
    logChange(actor, EventText.of("user.role", username, role(before), role(role)));
  }

  /**
   * Enables or disables the user. A disabled user cannot log in, and their open sessions end at
   * their next request. Refused when it would leave no enabled admin.
   */
  public void setEnabled(String username, boolean enabled, String actor) {
    AppUser u = require(username);
    if (u.isEnabled() == enabled) {
      return;
    }
    refuseLastAdmin(u, u.getRole(), enabled);
    u.setEnabled(enabled);
    logChange(actor, EventText.of(enabled ? "user.enabled" : "user.disabled", username));
  }

  /**
   * Gives the user a new generated password; the old one stops working at once.
   *
   * @return the new password, to be shown once
   */
  public String resetPassword(String username, String actor) {
    AppUser u = require(username);
    String password = Secrets.newToken();
    u.setPasswordHash(hash.generate(password.toCharArray()));
    logChange(actor, EventText.of("user.passwordReset", username));
    return password;
  }

  /**
   * Changes a user's own password, once the one they have now is checked: a wrong one, or a new one
   * outside the rules every password follows, changes nothing. Logged as their own change.
   */
  public void changeOwnPassword(String username, char[] current, char[] next) {
    AppUser u =
        find(username)
            .filter(AppUser::isEnabled)
            .orElseThrow(
                () -> new RefusedException(Refusal.NO_SUCH_USER, "no user '" + username + "'"));
    if (current == null || !hash.verify(current, u.getPasswordHash())) {
      throw new RefusedException(Refusal.WRONG_PASSWORD, "that is not the current password");
    }
    checkPassword(next);
    u.setPasswordHash(hash.generate(next));
    logChange(username, EventText.of("user.ownPassword"));
  }

  /**
   * Whether a change of {@code user} to {@code role} and {@code enabled} takes away the last
   * enabled admin, given how many enabled admins there are now (the user among them or not).
   */
  static boolean leavesNoAdmin(
      Role roleNow, boolean enabledNow, Role role, boolean enabled, long enabledAdmins) {
    boolean adminNow = enabledNow && roleNow == Role.ADMIN;
    boolean adminAfter = enabled && role == Role.ADMIN;
    return adminNow && !adminAfter && enabledAdmins <= 1;
  }

  private void refuseLastAdmin(AppUser u, Role role, boolean enabled) {
    // The admins' rows stay locked until the commit: two admins demoting each other at once, on
    // one node or two, are taken one after the other, and the second is refused.
    long admins =
        em.createNamedQuery("AppUser.findEnabledAdmins", AppUser.class)
            .setParameter("admin", Role.ADMIN)
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .getResultList()
            .size();
    if (leavesNoAdmin(u.getRole(), u.isEnabled(), role, enabled, admins)) {
      throw new RefusedException(
          Refusal.LAST_ADMIN,
          "'" + u.getUsername() + "' is the last enabled admin: make another admin first");
    }
  }

  private static void requireRole(Role role) {
    if (role == null) {
      throw new RefusedException(Refusal.BAD_ROLE, "a role is viewer, operator or admin");
    }
  }

  private void checkPassword(char[] password) {
    if (password == null || password.length < MIN_PASSWORD || password.length > MAX_PASSWORD) {
      throw new RefusedException(
          Refusal.BAD_PASSWORD,
          "a password has " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
    }
  }

  private AppUser require(String username) {
    return find(username)
        .orElseThrow(
            () -> new RefusedException(Refusal.NO_SUCH_USER, "no user '" + username + "'"));
  }

  private Optional<AppUser> find(String username) {
    return em.createNamedQuery("AppUser.findByName", AppUser.class)
        .setParameter("name", username)
        .getResultStream()
        .findFirst();
  }

  /** Logs a change to a user, which also tells every node to forget the accounts it keeps. */
  private void logChange(String actor, EventText message) {
    AfterCommit.run(transactions, accounts::changed);
    events.record(
        System.currentTimeMillis(),
        null,
        EventKind.USER_CHANGED,
        Severity.INFO,
        actor,
        message,
        null);
  }

  private static EventText.Word role(Role role) {
    return new EventText.Word("role", role.name().toLowerCase(Locale.ROOT));
  }
}
