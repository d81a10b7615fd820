package io.vigia.monitor.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Ids for the event rows ingest writes itself (with plain JDBC, beside the batches that report
 * them), taken from the row of {@code id_sequence} that the {@code Event} entity's table generator
 * takes its own from, and the same way: add a block to {@code seq_count}, then own the values from
 * {@code seq_count - block + 1} to {@code seq_count}. The two never hand out the same id, on any
 * node. A block is taken in a short transaction of its own, so a group's transaction holds no lock
 * on that row; what is left of a block serves the next groups.
 */
final class EventIds {

  /** Ids taken at once, at least: as many as the entity's generator takes (its allocationSize). */
  static final int BLOCK = 50;

  /** Adds {@code size} to the counter, durably, and answers its new value. */
  @FunctionalInterface
  interface Counter {
    long add(int size) throws SQLException;
  }

  private long next; // the first id not handed out
  private long end; // one past the last id held

  /** The first of {@code n} consecutive ids, which are the caller's from now on. */
  synchronized long take(int n, Counter counter) throws SQLException {
    if (end - next < n) {
      int size = Math.max(n, BLOCK);
      long top = counter.add(size);
      next = top - size + 1; // what was left of the block before is a gap, never reused
      end = top + 1;
    }
    long first = next;
    next += n;
    return first;
  }

  /**
   * Adds {@code size} to the {@code event} counter in a transaction of its own on {@code c} (not in
   * auto-commit), committed before this returns.
   */
  static long add(Connection c, int size) throws SQLException {
    try (PreparedStatement up =
        c.prepareStatement(
            "UPDATE id_sequence SET seq_count = seq_count + ? WHERE seq_name = 'event'")) {
      up.setLong(1, size);
      if (up.executeUpdate() != 1) {
        throw new SQLException("id_sequence has no 'event' row");
      }
    }
    long top;
    try (PreparedStatement q =
            c.prepareStatement("SELECT seq_count FROM id_sequence WHERE seq_name = 'event'");
        ResultSet rs = q.executeQuery()) {
      rs.next();
      top = rs.getLong(1);
    }
    c.commit();
    return top;
  }
}
