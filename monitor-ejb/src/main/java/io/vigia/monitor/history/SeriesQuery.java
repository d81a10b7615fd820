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
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Answers chart queries: one host (or one of its containers), one metric, a time range, at most N
 * points, each with min, avg and max. One aggregate SQL statement per request; the database does
 * the bucketing.
 */
@Stateless
public class SeriesQuery {

  @Resource(lookup = "java:app/jdbc/vigia")
  private DataSource dataSource;

  @Inject private HistorySettings settings;

  public Series query(long hostId, Metric metric, long fromMs, long toMs, int points, long nowMs) {
    SeriesPlan plan = SeriesPlan.of(fromMs, toMs, points, nowMs, settings);
    return new Series(
        metric.apiName(),
        plan,
        points(Family.HOST, plan, metric, List.of(hostId), "host " + hostId));
  }

  /** One container's series, from the container tables at the level a host's would use. */
  public Series query(
      long hostId,
      String containerId,
      ContainerMetric metric,
      long fromMs,
      long toMs,
      int points,
      long nowMs) {
    SeriesPlan plan = SeriesPlan.of(fromMs, toMs, points, nowMs, settings);
    return new Series(
        metric.apiName(),
        plan,
        points(
            Family.CONTAINER,
            plan,
            metric,
            List.of(hostId, containerId),
            "container " + containerId + " of host " + hostId));
  }

  private List<SeriesPoint> points(
      Family family, SeriesPlan plan, Measure measure, List<Object> key, String what) {
    List<SeriesPoint> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql(family, plan.resolution(), measure))) {
      int p = 1;
      s.setLong(p++, plan.startMs());
      s.setLong(p++, plan.stepMs());
      for (Object k : key) {
        s.setObject(p++, k);
      }
      s.setLong(p++, plan.startMs());
      s.setLong(p, plan.endMs());
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
      throw new IllegalStateException("series query failed for " + what, e);
    }
    return out;
  }

  /**
   * Buckets numbered from the plan's start. Rollup means are weighted by the raw samples behind
   * each, so a chart's average is the same whichever level answers.
   */
  static String sql(Family family, Resolution level, Measure measure) {
    String t = level.timeColumn();
    String where =
        family.keys().stream().map(k -> k + " = ?").collect(Collectors.joining(" AND "))
            + " AND "
            + t
            + " >= ? AND "
            + t
            + " < ?";
    if (level == Resolution.RAW) {
      return "SELECT b, MIN(v), AVG(v), MAX(v) FROM (SELECT FLOOR((ts_ms - ?) / ?) AS b, "
          + measure.rawExpression()
          + " AS v FROM "
          + family.table(level)
          + " WHERE "
          + where
          + ") x GROUP BY b ORDER BY b";
    }
    String col = measure.column();
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
        + family.table(level)
        + " WHERE "
        + where
        + ") x GROUP BY b ORDER BY b";
  }
}
