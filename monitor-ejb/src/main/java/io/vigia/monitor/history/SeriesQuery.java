package io.vigia.monitor.history;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Answers chart queries: one host, one metric, a time range, at most N points, each with min, avg
 * and max. One aggregate SQL statement per request; the database does the bucketing.
 */
@Stateless
public class SeriesQuery {

  @Resource(lookup = "java:app/jdbc/vigia")
  private DataSource dataSource;

  @Inject private HistorySettings settings;

  public Series query(long hostId, Metric metric, long fromMs, long toMs, int points, long nowMs) {
    SeriesPlan plan = SeriesPlan.of(fromMs, toMs, points, nowMs, settings);
    String sql = sql(plan.resolution(), metric);
    List<SeriesPoint> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, plan.startMs());
      s.setLong(2, plan.stepMs());
      s.setLong(3, hostId);
      s.setLong(4, plan.startMs());
      s.setLong(5, plan.endMs());
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          long bucket = rs.getLong(1);
          double min = rs.getDouble(2);
          if (rs.wasNull()) {
            continue; // rows in the bucket, but none with this metric
          }
          out.add(
              new SeriesPoint(
                  Instant.ofEpochMilli(plan.startMs() + bucket * plan.stepMs()),
                  min,
                  rs.getDouble(3),
                  rs.getDouble(4)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("series query failed for host " + hostId, e);
    }
    return new Series(metric, plan, out);
  }

  /**
   * Buckets numbered from the plan's start. Rollup means are weighted by the raw samples behind
   * each, so a chart's average is the same whichever level answers.
   */
  static String sql(Resolution level, Metric metric) {
    String t = level.timeColumn();
    if (level == Resolution.RAW) {
      return "SELECT b, MIN(v), AVG(v), MAX(v) FROM (SELECT FLOOR((ts_ms - ?) / ?) AS b, "
          + metric.rawExpression()
          + " AS v FROM sample WHERE host_id = ? AND ts_ms >= ? AND ts_ms < ?) x"
          + " GROUP BY b ORDER BY b";
    }
    String col = metric.column();
    return "SELECT b, MIN(mn), SUM(av * n) / SUM(CASE WHEN av IS NOT NULL THEN n END), MAX(mx)"
        + " FROM (SELECT FLOOR(("
        + t
        + " - ?) / ?) AS b, n, "
        + col
        + "_min AS mn, "
        + col
        + "_avg AS av, "
        + col
        + "_max AS mx FROM "
        + level.table()
        + " WHERE host_id = ? AND "
        + t
        + " >= ? AND "
        + t
        + " < ?) x GROUP BY b ORDER BY b";
  }
}
