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
                + Family.HOST.table(source)
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
   * Rewrites the buckets of a set of hosts in [done, end) — their own and their containers' — each
   * host from its first source row in the range onwards (rolling up again is idempotent), with
   * three statements per family for all of them: one aggregate read through the (host_id, time)
   * index, one delete, one multi-row insert. A thousand hosts were four thousand statements a
   * minute, each a round trip, in one transaction beside a loaded ingest.
   *
   * @return whether any of the hosts had samples in the range
   */
  private static boolean rollHosts(
      Connection c, Resolution level, List<Long> hosts, long done, long end) throws SQLException {
    if (!roll(c, Family.HOST, level, hosts, done, end)) {
      return false; // container rows come only with a host's sample: none here either
    }
    roll(c, Family.CONTAINER, level, hosts, done, end);
    return true;
  }

  /** One family's share of {@link #rollHosts}; whether it had source rows in the range. */
  private static boolean roll(
      Connection c, Family family, Resolution level, List<Long> hosts, long done, long end)
      throws SQLException {
    int keys = family.keys().size();
    int width = keys + 2 + 3 * family.measures().size();
    List<Object[]> all = new ArrayList<>();
    Map<Long, Long> firstBucket = new LinkedHashMap<>();
    try (PreparedStatement s = c.prepareStatement(aggregateSql(family, level, hosts.size()))) {
      int p = 1;
      for (long host : hosts) {
        s.setLong(p++, host);
      }
      s.setLong(p++, done);
      s.setLong(p, end);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          Object[] row = new Object[width];
          for (int k = 0; k < keys; k++) {
            row[k] = rs.getObject(k + 1);
          }
          row[0] = rs.getLong(1);
          row[keys] = rs.getLong(keys + 1); // bucket
          row[keys + 1] = rs.getLong(keys + 2); // n
          for (int i = keys + 2; i < width; i++) {
            double v = rs.getDouble(i + 1);
            row[i] = rs.wasNull() ? null : v;
          }
          firstBucket.merge((Long) row[0], (Long) row[keys], Math::min);
          all.add(row);
        }
      }
    }
    if (all.isEmpty()) {
      return false;
    }
    String delete =
        "DELETE FROM "
            + family.table(level)
            + " WHERE "
            + SqlText.anyOf(
                "(host_id = ? AND bucket_ms >= ? AND bucket_ms < ?)", firstBucket.size());
    try (PreparedStatement d = c.prepareStatement(delete)) {
      int p = 1;
      for (Map.Entry<Long, Long> e : firstBucket.entrySet()) {
        d.setLong(p++, e.getKey());
        d.setLong(p++, e.getValue());
        d.setLong(p++, end);
      }
      d.executeUpdate();
    }
    for (int from = 0; from < all.size(); from += ROWS_PER_INSERT) {
      List<Object[]> part = all.subList(from, Math.min(all.size(), from + ROWS_PER_INSERT));
      try (PreparedStatement ins = c.prepareStatement(insertSql(family, level, part.size()))) {
        int p = 1;
        for (Object[] row : part) {
          for (int i = 0; i < keys + 2; i++) {
            ins.setObject(p++, row[i]);
          }
          for (int i = keys + 2; i < row.length; i++) {
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

  /**
   * Per series (host, or host and container) and bucket of {@code level}, for {@code hosts} hosts
   * ({@code host_id IN (?, …)}, then the range), ordered by series and bucket: the key columns,
   * bucket start, n, then min/avg/max of every measure.
   */
  static String aggregateSql(Family family, Resolution level, int hosts) {
    String keys = String.join(", ", family.keys());
    List<Measure> measures = family.measures();
    StringBuilder sql = new StringBuilder("SELECT ").append(keys).append(", b, ");
    StringBuilder inner = new StringBuilder("SELECT ").append(keys).append(", ");
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
      for (int i = 0; i < measures.size(); i++) {
        sql.append(", MIN(m").append(i).append("), AVG(m").append(i).append("), MAX(m");
        sql.append(i).append(')');
        inner.append(", ").append(measures.get(i).rawExpression()).append(" AS m").append(i);
      }
    } else {
      sql.append("SUM(n)");
      inner.append(", n");
      for (Measure m : measures) {
        String col = m.column();
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
        .append(family.table(source))
        .append(" WHERE host_id IN (")
        .append(SqlText.parameters(hosts))
        .append(") AND ")
        .append(t)
        .append(" >= ? AND ")
        .append(t)
        .append(" < ?");
    return sql.append(" FROM (")
        .append(inner)
        .append(") x GROUP BY ")
        .append(keys)
        .append(", b ORDER BY ")
        .append(keys)
        .append(", b")
        .toString();
  }

  /** A multi-row insert of {@code rows} rollup rows. */
  static String insertSql(Family family, Resolution level, int rows) {
    StringBuilder cols = new StringBuilder(String.join(", ", family.keys()));
    cols.append(", bucket_ms, n");
    for (Measure m : family.measures()) {
      for (String suffix : new String[] {"_min", "_avg", "_max"}) {
        cols.append(", ").append(m.column()).append(suffix);
      }
    }
    return "INSERT INTO "
        + family.table(level)
        + " ("
        + cols
        + ") VALUES "
        + SqlText.tuples(rows, family.keys().size() + 2 + 3 * family.measures().size());
  }
}
