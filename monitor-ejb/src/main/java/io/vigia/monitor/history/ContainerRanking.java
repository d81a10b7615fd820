package io.vigia.monitor.history;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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

  /** A container's name, image and memory limit, as last recorded by a minute snapshot. */
  public record Named(String name, String image, Long memLimitBytes) {}

  /** A container of one host with figures in a range, and its last bucket or sample there. */
  public record Seen(String containerId, long lastMs) {}

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
    return Optional.ofNullable(lastNamed(hostId, List.of(containerId)).get(containerId));
  }

  /** Most ids named in one query: the statement's parameters stay well below drivers' limits. */
  static final int NAMES_PER_QUERY = 200;

  /**
   * The names, images and memory limits these containers of one host had in their last minute
   * snapshot, by container id; a container never snapshot (or purged since) is left out.
   */
  public Map<String, Named> lastNamed(long hostId, Collection<String> containerIds) {
    Map<String, Named> out = new HashMap<>();
    List<String> ids = new ArrayList<>(new LinkedHashSet<>(containerIds));
    for (int from = 0; from < ids.size(); from += NAMES_PER_QUERY) {
      List<String> chunk = ids.subList(from, Math.min(from + NAMES_PER_QUERY, ids.size()));
      try (Connection c = dataSource.getConnection();
          PreparedStatement s = c.prepareStatement(namesSql(chunk.size()))) {
        s.setLong(1, hostId);
        for (int i = 0; i < chunk.size(); i++) {
          s.setString(2 + i, chunk.get(i));
        }
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            long limit = rs.getLong(4);
            out.put(
                rs.getString(1),
                new Named(rs.getString(2), rs.getString(3), rs.wasNull() ? null : limit));
          }
        }
      } catch (SQLException e) {
        throw new IllegalStateException("reading the names of containers of host " + hostId, e);
      }
    }
    return out;
  }

  /**
   * Each container's newest snapshot among those of one host ({@code ?}) and {@code n} ids, found
   * through the (host, container, time) index rather than by scanning every snapshot.
   */
  static String namesSql(int n) {
    String ids = String.join(", ", java.util.Collections.nCopies(n, "?"));
    return "SELECT s.container_id, s.name, s.image, s.mem_limit_bytes FROM container_sample s"
        + " JOIN (SELECT host_id, container_id, MAX(ts_ms) AS last_ms FROM container_sample"
        + " WHERE host_id = ? AND container_id IN ("
        + ids
        + ") GROUP BY host_id, container_id) l ON s.host_id = l.host_id"
        + " AND s.container_id = l.container_id AND s.ts_ms = l.last_ms";
  }

  /**
   * The containers of a host with figures in [from, to), the most recently seen first, at most
   * {@code limit}: those gone since included. Hours come from the hourly rollups; only the last
   * hours (not yet rolled up into hours) from the minutes, and the last minutes from raw samples,
   * so a month's range does not read a month of minutes.
   */
  public List<Seen> seenOnHost(long hostId, long fromMs, long toMs, int limit) {
    long[][] ranges = {
      {Math.max(fromMs, toMs - RAW_TAIL_MS), toMs},
      {Math.max(Resolution.MINUTE.floor(fromMs), toMs - MINUTE_TAIL_MS), toMs},
      {Resolution.HOUR.floor(fromMs), toMs}
    };
    List<Seen> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(SEEN_SQL)) {
      int p = 1;
      for (long[] range : ranges) {
        s.setLong(p++, hostId);
        s.setLong(p++, range[0]);
        s.setLong(p++, range[1]);
      }
      s.setInt(p, limit);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(new Seen(rs.getString(1), rs.getLong(2)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("listing the containers of host " + hostId, e);
    }
    return out;
  }

  /** How far back raw samples and minutes are read: past the rollups' lag, with room to spare. */
  static final long RAW_TAIL_MS = 15 * 60_000L;

  static final long MINUTE_TAIL_MS = 3 * 3_600_000L;

  private static final String SEEN_SQL =
      "SELECT container_id, MAX(last_ms) AS seen_ms FROM ("
          + "SELECT container_id, MAX(ts_ms) AS last_ms FROM container_raw"
          + " WHERE host_id = ? AND ts_ms >= ? AND ts_ms < ? GROUP BY container_id"
          + " UNION ALL SELECT container_id, MAX(bucket_ms) FROM container_1m"
          + " WHERE host_id = ? AND bucket_ms >= ? AND bucket_ms < ? GROUP BY container_id"
          + " UNION ALL SELECT container_id, MAX(bucket_ms) FROM container_1h"
          + " WHERE host_id = ? AND bucket_ms >= ? AND bucket_ms < ? GROUP BY container_id"
          + ") x GROUP BY container_id ORDER BY seen_ms DESC, container_id LIMIT ?";

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
