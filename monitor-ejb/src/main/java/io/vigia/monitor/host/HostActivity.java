package io.vigia.monitor.host;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * When each host was last heard from and its latest values (for the fleet overview and offline
 * detection), as this node received them, written to the host rows by one background thread every
 * {@code vigia.host.flush-interval} (default 1 s) rather than by every push.
 *
 * <p>Why: a push that updated its host row needed a write lock on it, and every transaction that
 * inserts rows referring to hosts (the minute rollup of the whole fleet, alert events) holds a
 * share lock on those rows until it commits; so each rollup stalled every push for as long as it
 * ran. Pushes now only insert, and only this thread waits.
 *
 * <p>Readers merge: {@link #merge} gives a host row's values overlaid with what this node knows
 * that is newer. Another node's pushes reach the row within the interval.
 */
@ApplicationScoped
public class HostActivity {

  private static final Logger LOG = Logger.getLogger(HostActivity.class.getName());

  /** Moves a host's last-seen time forward; its latest values only for a newer seq. */
  private static final String UPDATE_HOST =
      "UPDATE host SET last_seen_ms = CASE WHEN last_seen_ms IS NULL OR last_seen_ms < ? THEN ?"
          + " ELSE last_seen_ms END, cpu_pct = CASE WHEN last_seq IS NULL OR last_seq < ? THEN ?"
          + " ELSE cpu_pct END, ram_used_pct = CASE WHEN last_seq IS NULL OR last_seq < ? THEN ?"
          + " ELSE ram_used_pct END, last_seq = CASE WHEN last_seq IS NULL OR last_seq < ? THEN ?"
          + " ELSE last_seq END WHERE id = ?";

  /**
   * What a host's pushes said: the latest receive time, and the values of the newest sample (null
   * seq: none stored, only duplicates).
   */
  public record Seen(long lastSeenMs, Long seq, Double cpuPct, Double ramUsedPct) {

    /** The last-seen time, or null when the host was never heard from. */
    public Long lastSeen() {
      return lastSeenMs == Long.MIN_VALUE ? null : lastSeenMs;
    }

    Seen merge(Seen other) {
      boolean otherNewer = other.seq != null && (seq == null || other.seq > seq);
      Seen values = otherNewer ? other : this;
      return new Seen(
          Math.max(lastSeenMs, other.lastSeenMs), values.seq, values.cpuPct, values.ramUsedPct);
    }
  }

  /** Host rows updated per transaction. */
  private static final int ROWS_PER_TRANSACTION = 50;

  @Resource(lookup = "java:app/jdbc/vigia")
  private DataSource dataSource;

  @Resource private ManagedThreadFactory threadFactory;

  @Inject
  @ConfigProperty(name = "vigia.host.flush-interval", defaultValue = "PT1S")
  Duration flushInterval;

  /** Everything this node has heard, newest per host. */
  private final Map<Long, Seen> known = new ConcurrentHashMap<>();

  /** What the host rows do not have yet. */
  private final Map<Long, Seen> unwritten = new ConcurrentHashMap<>();

  private Thread flusher;
  private volatile boolean stopping;

  @PostConstruct
  void start() {
    flusher = threadFactory.newThread(this::run);
    flusher.setName("vigia-host-flusher");
    flusher.setDaemon(true);
    flusher.start();
  }

  @PreDestroy
  void stop() {
    stopping = true;
    flusher.interrupt();
    try {
      flusher.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      flush();
    } catch (RuntimeException e) {
      // Undeploying: the datasource may be gone already; the next start reads the rows as they are.
      LOG.log(Level.WARNING, "host rows not written at shutdown", e);
    }
  }

  /** A push of the host arrived at {@code receivedMs}; {@code seq} null when it was a duplicate. */
  public void seen(long hostId, long receivedMs, Long seq, Double cpuPct, Double ramUsedPct) {
    Seen s = new Seen(receivedMs, seq, cpuPct, ramUsedPct);
    known.merge(hostId, s, Seen::merge);
    unwritten.merge(hostId, s, Seen::merge);
  }

  /** What this node has heard from the host, if anything. */
  public Optional<Seen> of(long hostId) {
    return Optional.ofNullable(known.get(hostId));
  }

  /** The host row's values, overlaid with what this node heard that is newer. */
  public Seen merge(Host h) {
    Seen row =
        new Seen(
            h.getLastSeenMs() == null ? Long.MIN_VALUE : h.getLastSeenMs(),
            h.getLastSeq(),
            h.getCpuPct(),
            h.getRamUsedPct());
    return of(h.getId()).map(row::merge).orElse(row);
  }

  /** When the host was last heard from (here or, through its row, on any node); null if never. */
  public Long lastSeenMs(Host h) {
    return merge(h).lastSeen();
  }

  private void run() {
    while (!stopping) {
      try {
        Thread.sleep(Math.max(10, flushInterval.toMillis()));
      } catch (InterruptedException e) {
        if (stopping) {
          return;
        }
      }
      flush();
    }
  }

  /** Writes what the host rows lack, in host id order; keeps it for the next try on failure. */
  void flush() {
    List<Long> ids = new ArrayList<>(unwritten.keySet());
    if (ids.isEmpty()) {
      return;
    }
    ids.sort(null);
    List<Map.Entry<Long, Seen>> entries = new ArrayList<>(ids.size());
    for (long id : ids) {
      Seen s = unwritten.remove(id);
      if (s != null) {
        entries.add(Map.entry(id, s));
      }
    }
    // Small transactions: a host row being updated is write-locked, and a push inserting a sample
    // of that host waits for the lock (its foreign key check), so no lock is held for long.
    for (int from = 0; from < entries.size(); from += ROWS_PER_TRANSACTION) {
      List<Map.Entry<Long, Seen>> part =
          entries.subList(from, Math.min(entries.size(), from + ROWS_PER_TRANSACTION));
      writeWithRetry(part);
    }
  }

  private void writeWithRetry(List<Map.Entry<Long, Seen>> rows) {
    for (int attempt = 1; ; attempt++) {
      try {
        write(rows);
        return;
      } catch (SQLException e) {
        if (attempt < 3) {
          continue;
        }
        LOG.log(Level.WARNING, "could not update " + rows.size() + " host rows; will retry", e);
        rows.forEach(r -> unwritten.merge(r.getKey(), r.getValue(), Seen::merge));
        return;
      }
    }
  }

  private void write(List<Map.Entry<Long, Seen>> rows) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement update = c.prepareStatement(UPDATE_HOST)) {
        for (Map.Entry<Long, Seen> e : rows) {
          Seen s = e.getValue();
          update.setLong(1, s.lastSeenMs());
          update.setLong(2, s.lastSeenMs());
          update.setObject(3, s.seq(), Types.BIGINT);
          update.setObject(4, s.cpuPct(), Types.DOUBLE);
          update.setObject(5, s.seq(), Types.BIGINT);
          update.setObject(6, s.ramUsedPct(), Types.DOUBLE);
          update.setObject(7, s.seq(), Types.BIGINT);
          update.setObject(8, s.seq(), Types.BIGINT);
          update.setLong(9, e.getKey());
          update.addBatch();
        }
        update.executeBatch();
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }
}
