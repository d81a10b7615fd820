package io.vigia.monitor.history;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/** One chunk of a purge, in its own short transaction, so ingest never waits long behind it. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class RetentionStep {

  /** Logs kept for {@code vigia.retention.events}, not per host: one time-ordered index each. */
  public enum Log {
    /** Events by their time. */
    EVENTS("DELETE FROM event WHERE ts_ms < ? LIMIT "),
    /** Alerts by when they were cleared; open ones (cleared_ms NULL) never match. */
    CLOSED_ALERTS("DELETE FROM alert WHERE cleared_ms < ? LIMIT ");

    private final String delete;

    Log(String delete) {
      this.delete = delete;
    }
  }

  @Resource(lookup = "java:app/jdbc/vigia")
  private DataSource dataSource;

  /**
   * Deletes at most {@code limit} of a host's rows of {@code level} older than the cutoff: of its
   * samples, or of its containers' (of whose minute snapshots too, for raw).
   */
  public int deleteOlder(Family family, Resolution level, long hostId, long cutoffMs, int limit) {
    return deleteOlder(family.table(level), level.timeColumn(), hostId, cutoffMs, limit);
  }

  /** The minute snapshots a batch leaves once a minute per host, kept as long as raw samples. */
  public enum Snapshot {
    /** The top processes by CPU and by memory. */
    PROCESSES("process_snapshot"),
    /** Every container: name, image, state. */
    CONTAINERS("container_sample");

    private final String table;

    Snapshot(String table) {
      this.table = table;
    }
  }

  /** Deletes at most {@code limit} of a host's minute snapshots older than the cutoff. */
  public int deleteOlder(Snapshot kind, long hostId, long cutoffMs, int limit) {
    return deleteOlder(kind.table, "ts_ms", hostId, cutoffMs, limit);
  }

  private int deleteOlder(String table, String t, long hostId, long cutoffMs, int limit) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "DELETE FROM "
                    + table
                    + " WHERE host_id = ? AND "
                    + t
                    + " < ? LIMIT "
                    + Math.min(limit, HistorySettings.MAX_DELETE_CHUNK))) {
      s.setLong(1, hostId);
      s.setLong(2, cutoffMs);
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("purging " + table + " of host " + hostId, e);
    }
  }

  /** Deletes at most {@code limit} rows of {@code log} older than the cutoff. */
  public int deleteOlder(Log log, long cutoffMs, int limit) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(log.delete + Math.min(limit, HistorySettings.MAX_DELETE_CHUNK))) {
      s.setLong(1, cutoffMs);
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(
          "purging " + log.name().toLowerCase(Locale.ROOT) + " failed", e);
    }
  }

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<Long> hostIds() {
    try (Connection c = dataSource.getConnection()) {
      return RollupStep.hostIds(c);
    } catch (SQLException e) {
      throw new IllegalStateException("listing hosts failed", e);
    }
  }
}
