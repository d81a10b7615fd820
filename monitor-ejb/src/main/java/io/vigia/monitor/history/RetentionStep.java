package io.vigia.monitor.history;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/** One chunk of a purge, in its own short transaction, so ingest never waits long behind it. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class RetentionStep {

  @Resource(lookup = "java:app/jdbc/vigia")
  private DataSource dataSource;

  /** Deletes at most {@code limit} of a host's rows of {@code level} older than the cutoff. */
  public int deleteOlder(Resolution level, long hostId, long cutoffMs, int limit) {
    String t = level.timeColumn();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "DELETE FROM "
                    + level.table()
                    + " WHERE host_id = ? AND "
                    + t
                    + " < ? LIMIT "
                    + Math.min(limit, HistorySettings.MAX_DELETE_CHUNK))) {
      s.setLong(1, hostId);
      s.setLong(2, cutoffMs);
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("purging " + level.label() + " of host " + hostId, e);
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
