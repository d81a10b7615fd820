package io.vigia.monitor.history;

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
import java.util.List;
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
      for (long host : hosts) {
        OptionalLong first = firstSourceTime(c, level.source(), host, done, end);
        if (first.isPresent()) {
          rollHost(c, level, host, level.floor(first.getAsLong()), end);
          any = true;
        }
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

  /** Buckets per transaction: small enough to keep locks short, large enough to catch up fast. */
  private static long chunkSpan(Resolution level) {
    return level == Resolution.MINUTE ? 15 * 60_000L : 24 * 3_600_000L;
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
   * Rewrites one host's buckets in [from, to). The aggregate is read first and written after (not
   * INSERT ... SELECT), so the read takes no locks on raw rows that ingest is writing next to.
   */
  private static void rollHost(Connection c, Resolution level, long host, long from, long to)
      throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    int width = 2 + 3 * METRICS.length;
    try (PreparedStatement s = c.prepareStatement(aggregateSql(level))) {
      s.setLong(1, host);
      s.setLong(2, from);
      s.setLong(3, to);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          Object[] row = new Object[width];
          row[0] = rs.getLong(1);
          row[1] = rs.getLong(2);
          for (int i = 2; i < width; i++) {
            double v = rs.getDouble(i + 1);
            row[i] = rs.wasNull() ? null : v;
          }
          rows.add(row);
        }
      }
    }
    try (PreparedStatement d =
        c.prepareStatement(
            "DELETE FROM "
                + level.table()
                + " WHERE host_id = ? AND bucket_ms >= ? AND bucket_ms < ?")) {
      d.setLong(1, host);
      d.setLong(2, from);
      d.setLong(3, to);
      d.executeUpdate();
    }
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement ins = c.prepareStatement(insertSql(level))) {
      for (Object[] row : rows) {
        ins.setLong(1, host);
        ins.setLong(2, (Long) row[0]);
        ins.setLong(3, (Long) row[1]);
        for (int i = 2; i < width; i++) {
          if (row[i] == null) {
            ins.setNull(i + 2, Types.DOUBLE);
          } else {
            ins.setDouble(i + 2, (Double) row[i]);
          }
        }
        ins.addBatch();
      }
      ins.executeBatch();
    }
  }

  /** Per bucket of {@code level}: bucket start, n, then min/avg/max of every metric. */
  static String aggregateSql(Resolution level) {
    StringBuilder sql = new StringBuilder("SELECT b, ");
    StringBuilder inner = new StringBuilder();
    Resolution source = level.source();
    inner
        .append("SELECT FLOOR(")
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
        .append(" WHERE host_id = ? AND ")
        .append(t)
        .append(" >= ? AND ")
        .append(t)
        .append(" < ?");
    return sql.append(" FROM (").append(inner).append(") x GROUP BY b ORDER BY b").toString();
  }

  static String insertSql(Resolution level) {
    StringBuilder cols = new StringBuilder("host_id, bucket_ms, n");
    StringBuilder marks = new StringBuilder("?, ?, ?");
    for (Metric m : METRICS) {
      for (String suffix : new String[] {"_min", "_avg", "_max"}) {
        cols.append(", ").append(m.column()).append(suffix);
        marks.append(", ?");
      }
    }
    return "INSERT INTO " + level.table() + " (" + cols + ") VALUES (" + marks + ")";
  }
}
