package io.vigia.monitor.history;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The fleet's busiest containers over a span (the last day, say), from the rollups: whole hours
 * from {@code container_1h}, the edges and the hour not yet rolled up from {@code container_1m}.
 * Means are weighted by the raw samples behind each bucket, as in charts. What happened since the
 * last minute rolled up is not in it; the latest batches answer for "right now".
 */
@Stateless
public class ContainerRanking {

  /** One container's figures over the span. Means and peaks are null when never reported. */
  public record Ranked(
      long hostId,
      String containerId,
      long samples,
      Double cpuPctAvg,
      Double cpuPctMax,
      Double memUsedAvg,
      Double memUsedMax) {}

  /** A container's name and image, as last recorded by a minute snapshot. */
  public record Named(String name, String image) {}

  @Resource(lookup = "java:app/jdbc/vigia")
  private DataSource dataSource;

  @Inject private RollupStep rollups;

  /**
   * The {@code limit} containers with the highest mean CPU ({@code byCpu}) or memory over [from,
   * now), busiest first.
   */
  public List<Ranked> top(boolean byCpu, int limit, long fromMs) {
    long minuteDone = rollups.doneUntil(Resolution.MINUTE);
    long hourDone = rollups.doneUntil(Resolution.HOUR);
    long from = Resolution.MINUTE.floor(fromMs);
    long hourStart = -Math.floorDiv(-fromMs, Resolution.HOUR.bucketMs()) * 3_600_000L;
    long hourEnd = Math.max(hourStart, hourDone);
    List<Ranked> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql(byCpu))) {
      s.setLong(1, hourStart);
      s.setLong(2, hourEnd);
      s.setLong(3, from);
      s.setLong(4, Math.min(hourStart, minuteDone));
      s.setLong(5, hourEnd);
      s.setLong(6, minuteDone);
      s.setInt(7, limit);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Ranked(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getLong(3),
                  nullable(rs, 4),
                  nullable(rs, 5),
                  nullable(rs, 6),
                  nullable(rs, 7)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("ranking containers failed", e);
    }
    return out;
  }

  /** The name and image a container had in its host's last minute snapshot holding it. */
  public Optional<Named> lastNamed(long hostId, String containerId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT name, image FROM container_sample WHERE host_id = ? AND container_id = ?"
                    + " ORDER BY ts_ms DESC LIMIT 1")) {
      s.setLong(1, hostId);
      s.setString(2, containerId);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next()
            ? Optional.of(new Named(rs.getString(1), rs.getString(2)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading the name of container " + containerId, e);
    }
  }

  private static Double nullable(ResultSet rs, int column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : v;
  }

  /**
   * Hours [?, ?) from the hourly rollups, minutes [?, ?) and [?, ?) from the minute ones, grouped
   * per container, then the top {@code ?}.
   */
  static String sql(boolean byCpu) {
    String columns =
        "host_id, container_id, n, cpu_pct_avg, cpu_pct_max, mem_used_avg, mem_used_max";
    return "SELECT host_id, container_id, SUM(n),"
        + " SUM(cpu_pct_avg * n) / SUM(CASE WHEN cpu_pct_avg IS NOT NULL THEN n END) AS cpu,"
        + " MAX(cpu_pct_max),"
        + " SUM(mem_used_avg * n) / SUM(CASE WHEN mem_used_avg IS NOT NULL THEN n END) AS mem,"
        + " MAX(mem_used_max)"
        + " FROM (SELECT "
        + columns
        + " FROM container_1h WHERE bucket_ms >= ? AND bucket_ms < ?"
        + " UNION ALL SELECT "
        + columns
        + " FROM container_1m WHERE (bucket_ms >= ? AND bucket_ms < ?)"
        + " OR (bucket_ms >= ? AND bucket_ms < ?)) x"
        + " GROUP BY host_id, container_id"
        + (byCpu ? " ORDER BY cpu DESC" : " ORDER BY mem DESC")
        + ", host_id, container_id LIMIT ?";
  }
}
