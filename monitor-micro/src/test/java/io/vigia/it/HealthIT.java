package io.vigia.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.testsupport.MonitorApi;
import io.vigia.testsupport.TestDatabase;
import io.vigia.testsupport.VigiaTestSession;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /health/ready} and its timers check. The timers' traces in the database (the rollup
 * high-water mark, the last alert evaluation) are set back by the test, which then holds their row
 * locks: a timer that fires meanwhile waits instead of putting them right, so what the check reads
 * is what the test wrote, and nothing waits for a timer.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HealthIT {

  private static final long HOUR = 3_600_000L;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.builtWar();
  }

  @ArquillianResource private URL url;

  /**
   * One test, in order: the grace period is counted from deployment, and what the check has seen on
   * time before counts afterwards.
   */
  @Test
  void excusesLateTimersRightAfterDeploymentThenReportsTheirAgesAndDownWhenLate()
      throws SQLException {
    MonitorApi anonymous = new MonitorApi(Deployments.loopback(url));
    MonitorApi admin = anonymous.as("admin", VigiaTestSession.adminPassword());

    // Just deployed, rollups two hours behind (a monitor that was down): starting, not down.
    try (Held held =
        hold("rollup_state", "done_until_ms", "rollup_level = '1m'", now() - 2 * HOUR)) {
      JsonObject timers = timers(ready(anonymous, 200));
      assertThat(timers.getString("status")).isEqualTo("UP");
      JsonObject data = timers.getJsonObject("data");
      assertThat(data.getString("late")).contains("rollup");
      assertThat(text(data, "starting")).isEqualTo("true");
      assertThat(num(data, "graceLeftSeconds")).isPositive();
      assertThat(num(data, "rollupLagSeconds")).isGreaterThanOrEqualTo(7200);
    }

    // Both timers' work done now: up, with the ages.
    catchUp(admin);
    JsonObject ok = ready(anonymous, 200);
    assertThat(ok.getString("status")).isEqualTo("UP");
    JsonObject data = timers(ok).getJsonObject("data");
    assertThat(timers(ok).getString("status")).isEqualTo("UP");
    assertThat(data.containsKey("late")).isFalse();
    assertThat(data.containsKey("starting")).isFalse();
    assertThat(num(data, "rollupLagSeconds")).isLessThanOrEqualTo(num(data, "rollupMaxLagSeconds"));
    assertThat(num(data, "alertAgeSeconds")).isLessThanOrEqualTo(num(data, "alertMaxAgeSeconds"));
    assertThat(num(data, "rollupMaxLagSeconds")).isEqualTo(300);
    assertThat(num(data, "alertMaxAgeSeconds")).isEqualTo(30);

    // Rollups seen on time once, then behind: down, grace or not.
    try (Held held = hold("rollup_state", "done_until_ms", "rollup_level = '1m'", now() - HOUR)) {
      JsonObject down = ready(anonymous, 503);
      assertThat(down.getString("status")).isEqualTo("DOWN");
      assertThat(timers(down).getString("status")).isEqualTo("DOWN");
      assertThat(timers(down).getJsonObject("data").getString("late")).isEqualTo("rollup");
      assertThat(check(down, "database").getString("status")).isEqualTo("UP");
    }
    catchUp(admin);
    ready(anonymous, 200);

    // No alert evaluation for a minute: down.
    try (Held held = hold("alert_evaluation", "last_evaluated_ms", "id = 1", now() - 60_000)) {
      JsonObject down = ready(anonymous, 503);
      JsonObject late = timers(down).getJsonObject("data");
      assertThat(late.getString("late")).isEqualTo("alert");
      assertThat(num(late, "alertAgeSeconds")).isGreaterThanOrEqualTo(60);
    }
    catchUp(admin);
    ready(anonymous, 200);
  }

  private static long now() {
    return System.currentTimeMillis();
  }

  /** What the timers do, done now through the admin endpoints. */
  private static void catchUp(MonitorApi admin) {
    HttpResponse<String> m = admin.post("api/v1/history/maintenance?now=" + now(), null, "");
    assertThat(m.statusCode()).as(m.body()).isEqualTo(200);
    HttpResponse<String> e = admin.post("api/v1/alerts/evaluate?now=" + now(), null, "");
    assertThat(e.statusCode()).as(e.body()).isEqualTo(200);
  }

  private static JsonObject ready(MonitorApi anonymous, int status) {
    HttpResponse<String> r = anonymous.get("health/ready");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return MonitorApi.parse(r.body()).asJsonObject();
  }

  /** A check's datum as text: Payara writes numbers and booleans as JSON strings. */
  private static String text(JsonObject data, String key) {
    JsonValue v = data.get(key);
    assertThat(v).as("%s in %s", key, data).isNotNull();
    return v instanceof JsonString s ? s.getString() : v.toString();
  }

  private static long num(JsonObject data, String key) {
    return Long.parseLong(text(data, key));
  }

  private static JsonObject timers(JsonObject health) {
    return check(health, "timers");
  }

  private static JsonObject check(JsonObject health, String name) {
    return health.getJsonArray("checks").stream()
        .map(JsonValue::asJsonObject)
        .filter(c -> c.getString("name").equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no check '" + name + "' in " + health));
  }

  /** A row lock held by the test; closing it lets the timers at the row again. */
  private interface Held extends AutoCloseable {
    @Override
    void close() throws SQLException;
  }

  /**
   * Sets the column of the row to {@code value}, commits, and locks the row until closed. Should a
   * timer write between the commit and the lock, it is written again.
   */
  private static Held hold(String table, String column, String where, long value)
      throws SQLException {
    Connection c = TestDatabase.connect(VigiaTestSession.database());
    try {
      c.setAutoCommit(false);
      for (int attempt = 0; attempt < 5; attempt++) {
        try (PreparedStatement u =
            c.prepareStatement("UPDATE " + table + " SET " + column + " = ? WHERE " + where)) {
          u.setLong(1, value);
          assertThat(u.executeUpdate()).isEqualTo(1);
        }
        c.commit();
        try (PreparedStatement s =
                c.prepareStatement(
                    "SELECT " + column + " FROM " + table + " WHERE " + where + " FOR UPDATE");
            ResultSet rs = s.executeQuery()) {
          rs.next();
          if (rs.getLong(1) == value) {
            return () -> {
              try (c) {
                c.rollback();
              }
            };
          }
        }
        c.rollback();
      }
      throw new AssertionError("a timer kept writing " + table + "." + column);
    } catch (SQLException | RuntimeException | Error e) {
      c.close();
      throw e;
    }
  }
}
