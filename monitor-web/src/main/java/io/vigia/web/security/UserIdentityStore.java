package io.vigia.web.security;

import io.vigia.monitor.security.Role;
import io.vigia.monitor.security.UserDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
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
 * of name and password (the salt is random per process; no password is kept). A wrong password is
 * never cached and always pays the full check.
 */
@ApplicationScoped
public class UserIdentityStore implements IdentityStore {

  private static final long REMEMBER_MS = 60_000;
  private static final int MAX_REMEMBERED = 10_000;

  @Inject private UserDirectory users;

  private final byte[] salt = new byte[16];
  private final Map<String, Remembered> recent = new ConcurrentHashMap<>();

  private record Remembered(Role role, long until) {}

  public UserIdentityStore() {
    new SecureRandom().nextBytes(salt);
  }

  public CredentialValidationResult validate(UsernamePasswordCredential credential) {
    String name = credential.getCaller();
    String key = key(name, credential.getPasswordAsString());
    long now = System.currentTimeMillis();
    Remembered r = recent.get(key);
    Optional<Role> role;
    if (r != null && r.until() > now) {
      role = Optional.of(r.role());
    } else {
      role = users.authenticate(name, credential.getPassword().getValue());
      if (role.isPresent()) {
        if (recent.size() >= MAX_REMEMBERED) {
          recent.clear();
        }
        recent.put(key, new Remembered(role.get(), now + REMEMBER_MS));
      }
    }
    return role.map(x -> new CredentialValidationResult(name, x.groups()))
        .orElse(CredentialValidationResult.INVALID_RESULT);
  }

  private String key(String name, String password) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(salt);
      sha.update(name.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(password.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
