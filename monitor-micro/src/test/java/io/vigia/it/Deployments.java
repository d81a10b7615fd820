package io.vigia.it;

import io.vigia.testsupport.TestDatabase;
import io.vigia.testsupport.VigiaTestSession;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The archive under test (the real build output) and direct looks into its database. */
final class Deployments {

  private Deployments() {}

  static WebArchive builtWar() {
    File war = new File(System.getProperty("vigia.war", "target/vigia-monitor.war"));
    if (!war.isFile()) {
      throw new IllegalStateException(war + " is missing: run the package phase first");
    }
    return ShrinkWrap.createFromZipFile(WebArchive.class, war);
  }

  /** Arquillian hands out the machine's address; agents only speak plain HTTP to loopback. */
  static URI loopback(URL url) {
    return URI.create("http://127.0.0.1:" + url.getPort() + "/");
  }

  /** The real {@code vigia-agent.jar}, run with this JVM's java and the given arguments. */
  static ProcessBuilder agent(String... args) {
    File jar =
        new File(System.getProperty("vigia.agent.jar", "../agent-jar/target/vigia-agent.jar"));
    if (!jar.isFile()) {
      throw new IllegalStateException(jar + " is missing: build agent-jar first");
    }
    String javaBin = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of(javaBin, "-jar", jar.getPath()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true);
  }

  static long count(String sql, Object... params) throws SQLException {
    try (Connection c = TestDatabase.connect(VigiaTestSession.database());
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  static long samplesOf(String host) throws SQLException {
    return count(
        "SELECT COUNT(*) FROM sample s JOIN host h ON h.id = s.host_id WHERE h.name = ?", host);
  }
}
