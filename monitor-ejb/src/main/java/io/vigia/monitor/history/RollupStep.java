package io.vigia.monitor.history;

import io.vigia.monitor.SqlText;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * One transaction of rolling up: the next chunk of buckets of one level, and the level's high-water
 * mark moved past them, together or not at all. The level's {@code rollup_state} row is locked
 * first, so concurrent runs (a timer on each cluster node, an operator) take turns.
 *
 * <p>A bucket is rewritten (deleted, then inserted) from the first source row of its host in the
 * chunk onwards, never before: rolling up again is idempotent, and rolling up again over a range
 * whose source rows retention has already purged leaves the rollups there untouched.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class RollupStep {

  private static final Metric[] METRICS = Metric.values();

  /** Hosts rolled up per aggregate statement. */
  private static final int HOSTS_PER_STATEMENT = 200;

  /** Rollup rows per multi-row insert. */
  private static final int ROWS_PER_INSERT = 200;

  @Resource(lookup = "java:app/jdbc/vigia")
  private DataSource dataSource;

  /**
   * Rolls up the next chunk of {@code level} before {@code targetMs} (a bucket boundary).
   *
   * @return the level's high-water mark afterwards: unchanged when there was nothing to do
   */
  public long rollNext(Resolution level, long targetMs) {
    try (Connection c = dataSource.getConnection()) {
      long done = lockState(c, level);
      long limit = targetMs;
      if (level == Resolution.HOUR) {
        // An hour is rolled up from its minutes, so only once all of them are.
        limit = Math.min(limit, Resolution.HOUR.floor(doneUntil(c, Resolution.MINUTE)));
      }
      if (done >= limit) {
        return done;
      }
      long end = Math.min(limit, done + chunkSpan(level));
      List<Long> hosts = hostIds(c);
      boolean any = false;
      for (int from = 0; from < hosts.size(); from += HOSTS_PER_STATEMENT) {
        any |=
            rollHosts(
                c,
                level,
                hosts.subList(from, Math.min(hosts.size(), from + HOSTS_PER_STATEMENT)),
                done,
                end);
      }
      long newDone = end;
      if (!any) {
        // Nothing in this chunk (the monitor was down, or the fleet empty): jump to the next data.
        OptionalLong next = OptionalLong.empty();
        for (long host : hosts) {
          OptionalLong n = firstSourceTime(c, level.source(), host, end, Long.MAX_VALUE);
          if (n.isPresent() && (next.isEmpty() || n.getAsLong() < next.getAsLong())) {
            next = n;
          }
        }
        newDone =
            next.isPresent()
                ? Math.max(end, Math.min(limit, level.floor(next.getAsLong())))
                : limit;
      }
      setState(c, level, newDone);
      return newDone;
    } catch (SQLException e) {
      throw new IllegalStateException("rolling up " + level.label() + " failed", e);
    }
  }

  /** Moves the level's high-water mark back to {@code sinceMs} (never forward). */
  public void rewind(Resolution level, long sinceMs) {
    try (Connection c = dataSource.getConnection()) {
      long done = lockState(c, level);
      long since = level.floor(Math.max(0, sinceMs));
      if (since < done) {
        setState(c, level, since);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("rewinding the " + level.label() + " rollup failed", e);
    }
  }

  /** The level's high-water mark, without locking. */
  public long doneUntil(Resolution level) {
    try (Connection c = dataSource.getConnection()) {
      return doneUntil(c, level);
    } catch (SQLException e) {
      throw new IllegalStateException("reading the " + level.label() + " rollup state failed", e);
    }
  }

  /**
   * Buckets per transaction: small enough to keep locks and CPU bursts short, large enough to catch
   * up fast. Five minutes of 1,000 hosts are 300,000 raw rows; with 15 minutes a catch-up held
   * pushes for over 3 s per transaction on 2 cores (bench/RESULTS.md).
   */
  private static long chunkSpan(Resolution level) {
    return level == Resolution.MINUTE ? 5 * 60_000L : 24 * 3_600_000L;
  }

  private static long lockState(Connection c, Resolution level) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT done_until_ms FROM rollup_state WHERE rollup_level = ? FOR UPDATE")) {
      s.setString(1, level.label());
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("rollup_state has no row for " + level.label());
        }
        return rs.getLong(1);
      }
    }
  }

  static long doneUntil(Connection c, Resolution level) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT done_until_ms FROM rollup_state WHERE rollup_level = ?")) {
      s.setString(1, level.label());
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0L;
      }
    }
  }

  private static void setState(Connection c, Resolution level, long doneUntil) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("UPDATE rollup_state SET done_until_ms = ? WHERE rollup_level = ?")) {
      s.setLong(1, doneUntil);
      s.setString(2, level.label());
      s.executeUpdate();
    }
  }

  static List<Long> hostIds(Connection c) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT id FROM host ORDER BY id");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  /** The earliest source row of a host in [from, to), through the (host_id, time) index. */
  private static OptionalLong firstSourceTime(
      Connection c, Resolution source, long host, long from, long to) throws SQLException {
    String t = source.timeColumn();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT MIN("
                + t
                + ") FROM "
                + source.table()
                + " WHERE host_id = ? AND "
                + t
                + " >= ? AND "
                + t
                + " < ?")) {
      s.setLong(1, host);
      s.setLong(2, from);
      s.setLong(3, to);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        long v = rs.getLong(1);
        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(v);
      }
    }
  }

  /**
   * Rewrites the buckets of a set of hosts in [done, end), each from its first source row in the
   * range onwards (rolling up again is idempotent), with three statements for all of them: one
   * aggregate read through the (host_id, time) index, one delete, one multi-row insert. A thousand
   * hosts were four thousand statements a minute, each a round trip, in one transaction beside a
   * loaded ingest.
   *
   * @return whether any of the hosts had source rows in the range
   */
  private static boolean rollHosts(
      Connection c, Resolution level, List<Long> hosts, long done, long end) throws SQLException {
    int width = 2 + 3 * METRICS.length;
    Map<Long, List<Object[]>> byHost = new LinkedHashMap<>();
    try (PreparedStatement s = c.prepareStatement(aggregateSql(level, hosts.size()))) {
      int p = 1;
      for (long host : hosts) {
        s.setLong(p++, host);
      }
      s.setLong(p++, done);
      s.setLong(p, end);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          Object[] row = new Object[width];
          long host = rs.getLong(1);
          row[0] = rs.getLong(2);
          row[1] = rs.getLong(3);
          for (int i = 2; i < width; i++) {
            double v = rs.getDouble(i + 2);
            row[i] = rs.wasNull() ? null : v;
          }
          byHost.computeIfAbsent(host, h -> new ArrayList<>()).add(row);
        }
      }
    }
    if (byHost.isEmpty()) {
      return false;
    }
    // Rows come in bucket order per host: its first bucket is where its rewrite starts.
    String delete =
        "DELETE FROM "
            + level.table()
            + " WHERE "
            + SqlText.anyOf("(host_id = ? AND bucket_ms >= ? AND bucket_ms < ?)", byHost.size());
    try (PreparedStatement d = c.prepareStatement(delete)) {
      int p = 1;
      for (Map.Entry<Long, List<Object[]>> e : byHost.entrySet()) {
        d.setLong(p++, e.getKey());
        d.setLong(p++, (Long) e.getValue().get(0)[0]);
        d.setLong(p++, end);
      }
      d.executeUpdate();
    }
    List<Object[]> all = new ArrayList<>();
    byHost.forEach((host, rows) -> rows.forEach(r -> all.add(withHost(host, r))));
    for (int from = 0; from < all.size(); from += ROWS_PER_INSERT) {
      List<Object[]> part = all.subList(from, Math.min(all.size(), from + ROWS_PER_INSERT));
      try (PreparedStatement ins = c.prepareStatement(insertSql(level, part.size()))) {
        int p = 1;
        for (Object[] row : part) {
          ins.setLong(p++, (Long) row[0]);
          ins.setLong(p++, (Long) row[1]);
          ins.setLong(p++, (Long) row[2]);
          for (int i = 3; i < row.length; i++) {
            if (row[i] == null) {
              ins.setNull(p++, Types.DOUBLE);
            } else {
              ins.setDouble(p++, (Double) row[i]);
            }
          }
        }
        ins.executeUpdate();
      }
    }
    return true;
  }

  private static Object[] withHost(long host, Object[] row) {
    Object[] r = new Object[row.length + 1];
    r[0] = host;
    System.arraycopy(row, 0, r, 1, row.length);
    return r;
  }

  /**
   * Per host and bucket of {@code level}, for {@code hosts} hosts ({@code host_id IN (?, …)}, then
   * the range), ordered by host and bucket: host, bucket start, n, then min/avg/max of every
   * metric.
   */
  static String aggregateSql(Resolution level, int hosts) {
    StringBuilder sql = new StringBuilder("SELECT host_id, b, ");
    StringBuilder inner = new StringBuilder("SELECT host_id, ");
    Resolution source = level.source();
    inner
        .append("FLOOR(")
        .append(source.timeColumn())
        .append(" / ")
        .append(level.bucketMs())
        .append(") * ")
        .append(level.bucketMs())
        .append(" AS b");
    if (source == Resolution.RAW) {
      sql.append("COUNT(*)");
      for (int i = 0; i < METRICS.length; i++) {
        sql.append(", MIN(m").append(i).append("), AVG(m").append(i).append("), MAX(m");
        sql.append(i).append(')');
        inner.append(", ").append(METRICS[i].rawExpression()).append(" AS m").append(i);
      }
    } else {
      sql.append("SUM(n)");
      inner.append(", n");
      for (int i = 0; i < METRICS.length; i++) {
        String col = METRICS[i].column();
        sql.append(", MIN(").append(col).append("_min)");
        sql.append(", SUM(").append(col).append("_avg * n) / SUM(CASE WHEN ");
        sql.append(col).append("_avg IS NOT NULL THEN n END)");
        sql.append(", MAX(").append(col).append("_max)");
        inner.append(", ").append(col).append("_min, ").append(col).append("_avg, ");
        inner.append(col).append("_max");
      }
    }
    String t = source.timeColumn();
    inner
        .append(" FROM ")
        .append(source.table())
        .append(" WHERE host_id IN (")
        .append(SqlText.parameters(hosts))
        .append(") AND ")
        .append(t)
        .append(" >= ? AND ")
        .append(t)
        .append(" < ?");
    return sql.append(" FROM (")
        .append(inner)
        .append(") x GROUP BY host_id, b ORDER BY host_id, b")
        .toString();
  }

  /** A multi-row insert of {@code rows} rollup rows. */
  static String insertSql(Resolution level, int rows) {
    StringBuilder cols = new StringBuilder("host_id, bucket_ms, n");
    for (Metric m : METRICS) {
      for (String suffix : new String[] {"_min", "_avg", "_max"}) {
        cols.append(", ").append(m.column()).append(suffix);
      }
    }
    return "INSERT INTO "
        + level.table()
        + " ("
        + cols
        + ") VALUES "
        + SqlText.tuples(rows, 3 + 3 * METRICS.length);
  }
}
