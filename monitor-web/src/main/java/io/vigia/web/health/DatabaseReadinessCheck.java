package io.vigia.web.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the database answers: without it, no batch can be stored. The probe is open to
 * anyone, so it tells UP or DOWN and a short reason (the SQLState); the driver's own message, which
 * can name hosts, users and schemas, goes to the server log, once each time it changes.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements HealthCheck {

  private static final Logger LOG = Logger.getLogger(DatabaseReadinessCheck.class.getName());

  private volatile String lastError;

  @Resource(lookup = "java:app/jdbc/vigia")
  private DataSource dataSource;

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("database");
    try (Connection c = dataSource.getConnection()) {
      boolean valid = c.isValid(2);
      if (valid) {
        lastError = null;
      }
      return response
          .status(valid)
          .withData("product", c.getMetaData().getDatabaseProductName())
          .build();
    } catch (SQLException e) {
      String detail = e.getSQLState() + " " + e.getMessage();
      if (!Objects.equals(detail, lastError)) {
        lastError = detail;
        LOG.log(Level.WARNING, "readiness: the database does not answer", e);
      }
      return response
          .down()
          .withData("reason", "no connection to the database")
          .withData("sqlState", String.valueOf(e.getSQLState()))
          .build();
    }
  }
}
