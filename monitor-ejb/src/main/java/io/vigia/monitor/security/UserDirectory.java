package io.vigia.monitor.security;

import io.vigia.monitor.host.MonitorSettings;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The users, and the first admin: when there is no user at all, {@code admin} is created with the
 * password from {@code vigia.admin.initial-password}, or a generated one written to a file only the
 * server's user can read ({@code vigia.admin.initial-password-file}); never to a log.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class UserDirectory {

  private static final Logger LOG = Logger.getLogger(UserDirectory.class.getName());

  @PersistenceContext(unitName = "vigia")
  private EntityManager em;

  @Inject private Pbkdf2PasswordHash hash;
  @Inject private MonitorSettings settings;

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

  /** The user's role if the name and password match. */
  public Optional<Role> authenticate(String username, char[] password) {
    return em.createNamedQuery("AppUser.findByName", AppUser.class)
        .setParameter("name", username)
        .getResultStream()
        .findFirst()
        .filter(u -> hash.verify(password, u.getPasswordHash()))
        .map(AppUser::getRole);
  }

  public boolean exists(String username) {
    return !em.createNamedQuery("AppUser.findByName", AppUser.class)
        .setParameter("name", username)
        .getResultList()
        .isEmpty();
  }

  /** Adds a user; fails if the name is taken. */
  public void add(String username, char[] password, Role role) {
    em.persist(new AppUser(username, hash.generate(password), role, System.currentTimeMillis()));
  }
}
