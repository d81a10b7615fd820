package io.vigia.web.security;

import io.vigia.monitor.security.UserDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a user name and password against the users table; groups are the role names held.
 *
 * <p>A PBKDF2 check costs tens of milliseconds on purpose, which an API client sending HTTP Basic
 * would pay on every call. So a successful check is remembered for a minute under a salted SHA-256
 * of name, password and the stored hash (the salt is random per process; no password is kept). A
 * wrong password is never cached and always pays the full check. The user is still looked up on
 * every call (kept by {@link UserDirectory} on each node, and dropped there on every change):
 * disabling them, changing their role or resetting their password (a new stored hash) takes effect
 * at once on the node that made the change, and within about a second on the others.
 */
@ApplicationScoped
public class UserIdentityStore implements IdentityStore {

  private static final long REMEMBER_MS = 60_000;
  private static final int MAX_REMEMBERED = 10_000;

  /**
   * Request attribute: the account whose password was just found right, so that a session starts
   * with the version of the credentials that were checked, not of ones set a moment later.
   */
  static final String CHECKED = "io.vigia.web.security.checked";

  @Inject private UserDirectory users;
  @Inject private HttpServletRequest request;

  private final byte[] salt = new byte[16];
  private final Map<String, Remembered> recent = new ConcurrentHashMap<>();

  private record Remembered(long until) {}

  public UserIdentityStore() {
    new SecureRandom().nextBytes(salt);
  }

  public CredentialValidationResult validate(UsernamePasswordCredential credential) {
    String name = credential.getCaller();
    Optional<UserDirectory.Account> account = users.account(name);
    if (account.isEmpty()) {
      return CredentialValidationResult.INVALID_RESULT;
    }
    String hash = account.get().passwordHash();
    String key = key(name, credential.getPasswordAsString(), hash);
    long now = System.currentTimeMillis();
    Remembered r = recent.get(key);
    if (r == null || r.until() <= now) {
      if (!users.verify(credential.getPassword().getValue(), hash)) {
        return CredentialValidationResult.INVALID_RESULT;
      }
      users.signedIn(name, now);
      if (recent.size() >= MAX_REMEMBERED) {
        recent.clear();
      }
      recent.put(key, new Remembered(now + REMEMBER_MS));
    }
    request.setAttribute(CHECKED, account.get());
    return new CredentialValidationResult(name, account.get().role().groups());
  }

  private String key(String name, String password, String storedHash) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(salt);
      sha.update(name.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(password.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(storedHash.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
