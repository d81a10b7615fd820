package io.vigia.testsupport;

import java.util.UUID;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Runs once per test JVM before any test: makes a fresh database on the test MariaDB and publishes
 * how to reach it as system properties, so {@code arquillian.xml} can hand them to the server it
 * starts ({@code vigia.test.db.url}, {@code .user}, {@code .password}, {@code
 * vigia.test.fleet.key}).
 */
public class VigiaTestSession implements LauncherSessionListener {

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    if (System.getProperty("vigia.test.db.url") != null) {
      return;
    }
    TestDatabase.Settings db = TestDatabase.get().freshDatabase("vigia_it");
    System.setProperty("vigia.test.db.url", db.url());
    // Arquillian substitutes ${...} into arquillian.xml before parsing it, so '&' must be escaped.
    System.setProperty("vigia.test.db.url-xml", db.url().replace("&", "&amp;"));
    System.setProperty("vigia.test.db.user", db.user());
    System.setProperty("vigia.test.db.password", db.password());
    System.setProperty("vigia.test.fleet.key", UUID.randomUUID().toString());
    System.setProperty("vigia.test.admin.password", UUID.randomUUID().toString());
  }

  /** The database this JVM's tests share, as {@link #launcherSessionOpened} made it. */
  public static TestDatabase.Settings database() {
    return new TestDatabase.Settings(
        System.getProperty("vigia.test.db.url"),
        System.getProperty("vigia.test.db.user"),
        System.getProperty("vigia.test.db.password"));
  }

  public static String fleetKey() {
    return System.getProperty("vigia.test.fleet.key");
  }

  /** Password of the monitor's first user, {@code admin}. */
  public static String adminPassword() {
    return System.getProperty("vigia.test.admin.password");
  }
}
