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
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The users, and the first admin: when there is no user at all, {@code admin} is created with the
 * password from {@code vigia.admin.initial-password}, or a generated one printed once to the log.
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
    em.persist(
        new AppUser(
            "admin",
            hash.generate(password.toCharArray()),
            Role.ADMIN,
            System.currentTimeMillis()));
    if (configured.isPresent()) {
      LOG.info("created user 'admin' with the password from vigia.admin.initial-password");
    } else {
      // Shown once, at the first start, so the operator can log in; never stored in clear.
      LOG.warning(
          "created user 'admin' with generated password: "
              + password
              + "  (set vigia.admin.initial-password to choose it)");
    }
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
