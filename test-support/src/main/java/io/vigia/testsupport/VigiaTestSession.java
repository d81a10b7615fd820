package io.vigia.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    if (System.getProperty("vigia.test.grid-commands") == null) {
      System.setProperty("vigia.test.grid-commands", writeGridCommands().toString());
    }
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

  /**
   * A pre-boot command file giving the Payara Micro instances of this JVM a data grid name of their
   * own. Started with {@code --nocluster}, Micro still joins a Payara Server's grid that it finds
   * at start under Payara's default name, "development" (README, "The data grid").
   */
  private static Path writeGridCommands() {
    try {
      Path file = Files.createTempFile("vigia-it-grid-", ".asadmin");
      file.toFile().deleteOnExit();
      String name = "vigia-it-" + UUID.randomUUID().toString().substring(0, 8);
      return Files.writeString(
          file, "set hazelcast-runtime-configuration.cluster-group-name=" + name + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the data grid's pre-boot commands", e);
    }
  }

  /** The pre-boot command file that names this JVM's data grid ({@code --prebootcommandfile}). */
  public static Path gridCommands() {
    return Path.of(System.getProperty("vigia.test.grid-commands"));
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
