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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Answers chart queries: one host (or one of its containers), one metric, a time range, at most N
 * points, each with min, avg and max. One aggregate SQL statement per level read; the database does
 * the bucketing.
 *
 * <p>The plan's level holds data only up to where it has been rolled up ({@code rollup_state}): a
 * minute is rolled up once it is over, an hour once its minutes are. The rest of the range — the
 * last minute or hour, or all of it for a host that started minutes ago — is read from the next
 * finer level, in the same buckets, so the newest data shows at every range. A bucket that spans
 * the boundary merges both, its average weighted by the samples behind each.
 */
@Stateless
public class SeriesQuery {

  @Resource(lookup = "java:app/jdbc/vigia")
  private DataSource dataSource;

  @Inject private HistorySettings settings;

  public Series query(long hostId, Metric metric, long fromMs, long toMs, int points, long nowMs) {
    SeriesPlan plan = SeriesPlan.of(fromMs, toMs, points, nowMs, settings);
    return read(Family.HOST, plan, metric.apiName(), metric, List.of(hostId), "host " + hostId);
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
    return read(
        Family.CONTAINER,
        plan,
        metric.apiName(),
        metric,
        List.of(hostId, containerId),
        "container " + containerId + " of host " + hostId);
  }

  private Series read(
      Family family,
      SeriesPlan plan,
      String metric,
      Measure measure,
      List<Object> key,
      String what) {
    try (Connection c = dataSource.getConnection()) {
      Map<Resolution, Long> done = plan.resolution() == Resolution.RAW ? Map.of() : doneUntil(c);
      List<SeriesSource> sources = sources(plan, level -> done.getOrDefault(level, 0L));
      SortedMap<Long, Bucket> buckets = new TreeMap<>();
      for (SeriesSource source : sources) {
        read(c, family, plan, source, measure, key, buckets);
      }
      List<SeriesPoint> points = new ArrayList<>(buckets.size());
      buckets.forEach(
          (b, v) ->
              points.add(
                  new SeriesPoint(
                      Instant.ofEpochMilli(plan.startMs() + b * plan.stepMs()),
                      v.min,
                      v.avg(),
                      v.max)));
      return new Series(metric, plan, sources, points);
    } catch (SQLException e) {
      throw new IllegalStateException("series query failed for " + what, e);
    }
  }

  /** How far each level is rolled up ({@code rollup_state}), in one read. */
  private static Map<Resolution, Long> doneUntil(Connection c) throws SQLException {
    Map<Resolution, Long> done = new EnumMap<>(Resolution.class);
    try (PreparedStatement s =
            c.prepareStatement("SELECT rollup_level, done_until_ms FROM rollup_state");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        String label = rs.getString(1);
        for (Resolution r : Resolution.values()) {
          if (r.label().equals(label)) {
            done.put(r, rs.getLong(2));
          }
        }
      }
    }
    return done;
  }

  /**
   * The levels to read, oldest stretch first: the plan's level up to where it is rolled up, the
   * next finer one from there up to where that one is, and raw samples for the rest.
   */
  static List<SeriesSource> sources(SeriesPlan plan, ToLongFunction<Resolution> doneUntil) {
    List<SeriesSource> out = new ArrayList<>();
    long from = plan.startMs();
    Resolution level = plan.resolution();
    while (level != Resolution.RAW) {
      long done = Math.min(doneUntil.applyAsLong(level), plan.endMs());
      if (done > from) {
        out.add(new SeriesSource(level, from, done));
        from = done;
      }
      if (from >= plan.endMs()) {
        return out;
      }
      level = level.source();
    }
    out.add(new SeriesSource(Resolution.RAW, from, plan.endMs()));
    return out;
  }

  /** Min, max, and the average with its weight (the samples behind it), of one bucket. */
  private static final class Bucket {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double avg;
    double weight;

    void add(double min, double avg, double max, double weight) {
      this.min = Math.min(this.min, min);
      this.max = Math.max(this.max, max);
      // One source: its average as the database gave it, so a chart's figures do not move by
      // a rounding when nothing was merged.
      this.avg =
          this.weight == 0 ? avg : (this.avg * this.weight + avg * weight) / (this.weight + weight);
      this.weight += weight;
    }

    double avg() {
      return avg;
    }
  }

  private static void read(
      Connection c,
      Family family,
      SeriesPlan plan,
      SeriesSource source,
      Measure measure,
      List<Object> key,
      SortedMap<Long, Bucket> buckets)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql(family, source.resolution(), measure))) {
      int p = 1;
      s.setLong(p++, plan.startMs());
      s.setLong(p++, plan.stepMs());
      for (Object k : key) {
        s.setObject(p++, k);
      }
      s.setLong(p++, source.fromMs());
      s.setLong(p, source.toMs());
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          long bucket = rs.getLong(1);
          double min = rs.getDouble(2);
          if (rs.wasNull()) {
            continue; // rows in the bucket, but none with this metric
          }
          buckets
              .computeIfAbsent(bucket, b -> new Bucket())
              .add(min, rs.getDouble(3), rs.getDouble(4), rs.getDouble(5));
        }
      }
    }
  }

  /**
   * Buckets numbered from the plan's start: b, min, avg, max, and the samples behind the average.
   * Rollup means are weighted by the raw samples behind each, so a chart's average is the same
   * whichever level answers.
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
      return "SELECT b, MIN(v), AVG(v), MAX(v), COUNT(v) FROM (SELECT FLOOR((ts_ms - ?) / ?) AS b, "
          + measure.rawExpression()
          + " AS v FROM "
          + family.table(level)
          + " WHERE "
          + where
          + ") x GROUP BY b ORDER BY b";
    }
    String col = measure.column();
    return "SELECT b, MIN(mn), SUM(av * n) / SUM(CASE WHEN av IS NOT NULL THEN n END), MAX(mx),"
        + " SUM(CASE WHEN av IS NOT NULL THEN n END)"
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
