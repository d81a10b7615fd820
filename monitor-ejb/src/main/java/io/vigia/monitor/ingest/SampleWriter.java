package io.vigia.monitor.ingest;

import io.vigia.monitor.SqlText;
import io.vigia.monitor.event.Event;
import io.vigia.monitor.event.EventLog;
import io.vigia.monitor.host.HostActivity;
import io.vigia.monitor.latest.Snapshots;
import io.vigia.wire.Batch;
import io.vigia.wire.ContainerInfo;
import io.vigia.wire.Cpu;
import io.vigia.wire.Load;
import io.vigia.wire.Memory;
import io.vigia.wire.ProcessInfo;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Group commit for pushes: request threads queue their batch and wait; a few writer threads each
 * take whatever is queued (up to {@code vigia.ingest.group-max} batches) and store it in one
 * transaction — one duplicate check, multi-row inserts (samples, every 10 s their containers'
 * figures, once a minute per host the top processes and containers, and the container events the
 * batches report), one commit — then answer every waiting push. A batch is stored with its events
 * or not at all, and a duplicate logs nothing again: an agent that resends a batch the monitor did
 * not store loses none of its events. Host rows are not written here (see {@code HostActivity}): a
 * push takes no write lock that a timer's transaction could make it wait for. A push is answered
 * only after its sample is committed, so an agent never drops a batch the monitor has not stored;
 * but a thousand agents cost tens of commits a second rather than a thousand.
 *
 * <p>Plain JDBC on the application's datasource, outside any JTA transaction: the SQL is portable
 * (MySQL, MariaDB, H2). A group that breaks a constraint (a batch stored at the same moment by
 * another node, say) is written again one batch per transaction, so one bad batch fails alone; a
 * group picked as a deadlock victim is written again whole.
 */
@ApplicationScoped
public class SampleWriter {

  private static final Logger LOG = Logger.getLogger(SampleWriter.class.getName());

  /** Rows per multi-row INSERT: well under every driver's limit on parameters. */
  private static final int ROWS_PER_INSERT = 200;

  private static final String SAMPLE_COLUMNS =
      "host_id, seq, ts_ms, cpu_pct, cores, mem_total_kb, mem_free_kb, mem_available_kb,"
          + " buffers_kb, cached_kb, swap_total_kb, swap_free_kb, load1, load5, load15";
  private static final String PROCESS_COLUMNS =
      "host_id, ts_ms, pid, start_ticks, name, username, state, cpu_pct, rss_kb";
  private static final String CONTAINER_RAW_COLUMNS =
      "host_id, container_id, ts_ms, seq, cpu_pct, mem_used_bytes, mem_limit_bytes";
  private static final String CONTAINER_COLUMNS =
      "host_id, ts_ms, container_id, name, image, state, cpu_pct, mem_used_bytes,"
          + " mem_limit_bytes";
  private static final String EVENT_COLUMNS =
      "id, ts_ms, host_id, kind, severity, actor, message, detail, message_text, detail_text";

  /**
   * The database refuses the batch itself (a value it cannot hold: a string too long for its
   * column, characters its character set lacks), alone in its own transaction: sending it again
   * cannot help, and every group it joined would fail with it.
   */
  public static class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The push queue is full: the monitor is behind, the agent should come back later. */
  public static class Overloaded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Overloaded(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * One push waiting for its group's commit: true once stored, false for a duplicate. Its container
   * events are worded on the push's own thread, so the writer only inserts them.
   */
  private record Item(
      long hostId,
      Batch batch,
      long receivedMs,
      boolean snapshot,
      boolean containers,
      List<Event> events,
      CompletableFuture<Boolean> done) {
    SampleId key() {
      return new SampleId(hostId, batch.seq());
    }
  }

  private static final Comparator<Item> BY_HOST_AND_SEQ =
      Comparator.comparingLong(Item::hostId).thenComparingLong(i -> i.batch().seq());

  @Resource(lookup = "java:app/jdbc/vigia")
  private DataSource dataSource;

  @Resource private ManagedThreadFactory threadFactory;

  @Inject private HostActivity activity;

  private final EventIds eventIds = new EventIds();

  @Inject
  @ConfigProperty(name = "vigia.ingest.writers", defaultValue = "2")
  int writerCount;

  @Inject
  @ConfigProperty(name = "vigia.ingest.group-max", defaultValue = "500")
  int groupMax;

  @Inject
  @ConfigProperty(name = "vigia.ingest.queue", defaultValue = "10000")
  int queueCapacity;

  private BlockingQueue<Item> queue;
  private final List<Thread> writers = new ArrayList<>();
  private volatile boolean stopping;

  @PostConstruct
  void start() {
    queue = new ArrayBlockingQueue<>(Math.max(1, queueCapacity));
    for (int i = 0; i < Math.max(1, writerCount); i++) {
      Thread t = threadFactory.newThread(this::run);
      t.setName("vigia-sample-writer-" + i);
      t.setDaemon(true);
      writers.add(t);
      t.start();
    }
    LOG.info(
        "sample writers: "
            + writers.size()
            + ", up to "
            + groupMax
            + " batches per commit, queue of "
            + queueCapacity);
  }

  @PreDestroy
  void stop() {
    stopping = true;
    writers.forEach(Thread::interrupt);
    for (Thread t : writers) {
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    List<Item> left = new ArrayList<>();
    queue.drainTo(left);
    left.forEach(i -> i.done().completeExceptionally(new Overloaded("the monitor is stopping")));
  }

  /**
   * Queues a host's batch for the next group; the answer completes once the group is committed:
   * true if the sample is new, false if it was stored before.
   *
   * @param snapshot also store the batch's top processes and containers (the minute's snapshot)
   * @param containers also store its containers' figures (their raw history)
   * @throws Overloaded when the queue is full
   */
  public CompletableFuture<Boolean> submit(
      long hostId, Batch batch, long receivedMs, boolean snapshot, boolean containers) {
    List<Event> events =
        batch.containerEvents() == null
            ? List.of()
            : batch.containerEvents().stream()
                .map(e -> EventLog.containerEvent(hostId, e))
                .toList();
    Item item =
        new Item(
            hostId, batch, receivedMs, snapshot, containers, events, new CompletableFuture<>());
    if (stopping || !queue.offer(item)) {
      throw new Overloaded(
          stopping ? "the monitor is stopping" : queue.size() + " batches already wait");
    }
    return item.done();
  }

  /** Batches waiting for a writer now. */
  public int queued() {
    return queue.size();
  }

  private void run() {
    List<Item> group = new ArrayList<>(groupMax);
    while (!stopping) {
      try {
        Item first = queue.poll(1, TimeUnit.SECONDS);
        if (first == null) {
          continue;
        }
        group.add(first);
        queue.drainTo(group, groupMax - 1);
        write(group);
      } catch (InterruptedException e) {
        if (stopping) {
          break;
        }
      } catch (RuntimeException | Error e) {
        LOG.log(Level.SEVERE, "sample writer failed a group", e);
        group.forEach(i -> i.done().completeExceptionally(e));
      } finally {
        group.clear();
      }
    }
  }

  /** How often a group chosen as a deadlock victim is written again before its pushes fail. */
  private static final int DEADLOCK_TRIES = 3;

  private void write(List<Item> group) {
    for (int attempt = 1; ; attempt++) {
      try {
        Map<Item, Boolean> stored = writeTogether(group);
        group.forEach(i -> answer(i, stored.get(i)));
        return;
      } catch (SQLException e) {
        if (isTransient(e) && attempt < DEADLOCK_TRIES) {
          // Another transaction (a timer's, say) held host rows in another order; ours was
          // rolled back whole, so writing it again is safe.
          continue;
        }
        if (isConstraint(e) || isData(e)) {
          // A constraint: most likely a batch another writer stored after this one looked (a
          // group of one included). A value the database refuses: one batch's. Either way each
          // batch again on its own, where the first shows as a duplicate and the second fails
          // alone rather than with every batch of every group it joins.
          for (Item i : group) {
            writeAlone(i);
          }
        } else {
          LOG.log(Level.WARNING, "could not store " + group.size() + " batches", e);
          group.forEach(i -> i.done().completeExceptionally(e));
        }
        return;
      }
    }
  }

  /**
   * Writes one batch in its own transaction. A constraint broken here is most likely the same batch
   * committed by another writer after this one looked: the second try sees it and answers
   * "duplicate".
   */
  private void writeAlone(Item item) {
    for (int attempt = 1; ; attempt++) {
      try {
        answer(item, writeTogether(List.of(item)).get(item));
        return;
      } catch (SQLException e) {
        if ((attempt < 2 && isConstraint(e)) || (attempt < DEADLOCK_TRIES && isTransient(e))) {
          continue;
        }
        LOG.log(Level.WARNING, "could not store a batch of host #" + item.hostId(), e);
        item.done()
            .completeExceptionally(
                isData(e)
                    ? new Refused("the database cannot store this batch: " + e.getMessage(), e)
                    : e);
        return;
      }
    }
  }

  /** After the commit: the host was heard from; then the push gets its answer. */
  private void answer(Item i, boolean stored) {
    Batch b = i.batch();
    if (stored) {
      activity.seen(
          i.hostId(),
          i.receivedMs(),
          b.seq(),
          Optional.ofNullable(b.cpu()).map(Cpu::pct).orElse(null),
          Optional.ofNullable(b.memory()).map(Memory::usedPct).orElse(null));
    } else {
      activity.seen(i.hostId(), i.receivedMs(), null, null, null);
    }
    i.done().complete(stored);
  }

  /** A deadlock or serialisation failure: the transaction was rolled back and may be retried. */
  private static boolean isTransient(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransactionRollbackException
          || (t instanceof SQLException s
              && s.getSQLState() != null
              && s.getSQLState().startsWith("40"))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isConstraint(SQLException e) {
    return e.getSQLState() != null && e.getSQLState().startsWith("23");
  }

  /**
   * A value the database cannot hold: SQL's class 22 (data exception: too long, out of range, a
   * character the column's set lacks on MariaDB), or MySQL's 1366 and 1406, which it reports under
   * the general state HY000 in some modes.
   */
  static boolean isData(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s
          && ((s.getSQLState() != null && s.getSQLState().startsWith("22"))
              || s.getErrorCode() == 1366
              || s.getErrorCode() == 1406)) {
        return true;
      }
    }
    return false;
  }

  /** Stores the group in one transaction; which of its batches were new. */
  private Map<Item, Boolean> writeTogether(List<Item> group) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        // Ids for every event of the group, duplicates' too (unused ids are only a gap), taken
        // before the group's transaction begins: it holds no lock on the id row.
        int events = group.stream().mapToInt(i -> i.events().size()).sum();
        long[] nextEventId = {events == 0 ? 0 : eventIds.take(events, n -> EventIds.add(c, n))};
        Set<SampleId> before = existing(c, group);
        Map<Item, Boolean> stored = new HashMap<>();
        List<Item> fresh = new ArrayList<>();
        Set<SampleId> seen = new HashSet<>();
        for (Item i : group) {
          boolean isNew = !before.contains(i.key()) && seen.add(i.key());
          stored.put(i, isNew);
          if (isNew) {
            fresh.add(i);
          }
        }
        // In host id order: the foreign key checks share-lock host rows, and the host-row flusher
        // takes them in this order too, so the two never wait on each other in a circle.
        fresh.sort(BY_HOST_AND_SEQ);
        insertRows(c, "sample", SAMPLE_COLUMNS, fresh, i -> List.<Object[]>of(sampleRow(i)));
        insertRows(
            c,
            "container_raw",
            CONTAINER_RAW_COLUMNS,
            fresh.stream().filter(Item::containers).toList(),
            SampleWriter::containerRawRows);
        List<Item> snapshots = fresh.stream().filter(Item::snapshot).toList();
        insertRows(c, "process_snapshot", PROCESS_COLUMNS, snapshots, SampleWriter::processRows);
        insertRows(
            c, "container_sample", CONTAINER_COLUMNS, snapshots, SampleWriter::containerRows);
        insertRows(c, "event", EVENT_COLUMNS, fresh, i -> eventRows(i, nextEventId));
        c.commit();
        return stored;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  /** Which of the group's (host, seq) keys are stored already. */
  private static Set<SampleId> existing(Connection c, List<Item> group) throws SQLException {
    Set<SampleId> found = new HashSet<>();
    for (int from = 0; from < group.size(); from += ROWS_PER_INSERT) {
      List<Item> part = group.subList(from, Math.min(group.size(), from + ROWS_PER_INSERT));
      String sql =
          "SELECT host_id, seq FROM sample WHERE "
              + SqlText.anyOf("(host_id = ? AND seq = ?)", part.size());
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int p = 1;
        for (Item i : part) {
          ps.setLong(p++, i.hostId());
          ps.setLong(p++, i.batch().seq());
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            found.add(new SampleId(rs.getLong(1), rs.getLong(2)));
          }
        }
      }
    }
    return found;
  }

  /** Inserts the rows of the items with as few multi-row statements as the limit allows. */
  private static void insertRows(
      Connection c,
      String table,
      String columns,
      List<Item> items,
      Function<Item, List<Object[]>> rows)
      throws SQLException {
    List<Object[]> all = new ArrayList<>();
    items.forEach(i -> all.addAll(rows.apply(i)));
    if (all.isEmpty()) {
      return;
    }
    int width = all.get(0).length;
    for (int from = 0; from < all.size(); from += ROWS_PER_INSERT) {
      List<Object[]> part = all.subList(from, Math.min(all.size(), from + ROWS_PER_INSERT));
      String sql =
          "INSERT INTO "
              + table
              + " ("
              + columns
              + ") VALUES "
              + SqlText.tuples(part.size(), width);
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int p = 1;
        for (Object[] row : part) {
          for (Object value : row) {
            ps.setObject(p++, value);
          }
        }
        ps.executeUpdate();
      }
    }
  }

  private static Object[] sampleRow(Item i) {
    Batch b = i.batch();
    Optional<Cpu> cpu = Optional.ofNullable(b.cpu());
    Optional<Memory> mem = Optional.ofNullable(b.memory());
    Optional<Load> load = Optional.ofNullable(b.load());
    return new Object[] {
      i.hostId(),
      b.seq(),
      b.ts(),
      cpu.map(Cpu::pct).orElse(null),
      cpu.map(Cpu::cores).orElse(null),
      mem.map(Memory::totalKb).orElse(null),
      mem.map(Memory::freeKb).orElse(null),
      mem.map(Memory::availableKb).orElse(null),
      mem.map(Memory::buffersKb).orElse(null),
      mem.map(Memory::cachedKb).orElse(null),
      mem.map(Memory::swapTotalKb).orElse(null),
      mem.map(Memory::swapFreeKb).orElse(null),
      load.map(Load::one).orElse(null),
      load.map(Load::five).orElse(null),
      load.map(Load::fifteen).orElse(null)
    };
  }

  private static List<Object[]> processRows(Item i) {
    Batch b = i.batch();
    if (b.processes() == null || b.processes().list() == null) {
      return List.of();
    }
    List<Object[]> rows = new ArrayList<>();
    for (ProcessInfo p : Snapshots.topProcesses(b.processes().list())) {
      rows.add(
          new Object[] {
            i.hostId(),
            b.ts(),
            p.pid(),
            p.startTicks(),
            p.name(),
            p.user(),
            p.state(),
            p.cpuPct(),
            p.rssKb()
          });
    }
    return rows;
  }

  /** Every container's figures, each batch: the containers' raw history. */
  private static List<Object[]> containerRawRows(Item i) {
    Batch b = i.batch();
    List<Object[]> rows = new ArrayList<>();
    for (ContainerInfo c : distinctContainers(b)) {
      rows.add(
          new Object[] {
            i.hostId(), c.id(), b.ts(), b.seq(), c.cpuPct(), c.memUsedBytes(), c.memLimitBytes()
          });
    }
    return rows;
  }

  /** The batch's containers, each id once (a repeated id would break the tables' keys). */
  private static java.util.Collection<ContainerInfo> distinctContainers(Batch b) {
    if (b.containers() == null) {
      return List.of();
    }
    Map<String, ContainerInfo> byId = new LinkedHashMap<>();
    b.containers().forEach(c -> byId.putIfAbsent(c.id(), c));
    return byId.values();
  }

  /** The batch's container events, numbered from {@code nextId} on (which is advanced). */
  private static List<Object[]> eventRows(Item i, long[] nextId) {
    List<Object[]> rows = new ArrayList<>(i.events().size());
    for (Event e : i.events()) {
      rows.add(
          new Object[] {
            nextId[0]++,
            e.getTsMs(),
            e.getHostId(),
            e.getKind(),
            e.getSeverity(),
            e.getActor(),
            e.getMessage(),
            e.getDetail(),
            e.getMessageText(),
            e.getDetailText()
          });
    }
    return rows;
  }

  private static List<Object[]> containerRows(Item i) {
    Batch b = i.batch();
    List<Object[]> rows = new ArrayList<>();
    for (ContainerInfo c : distinctContainers(b)) {
      rows.add(
          new Object[] {
            i.hostId(),
            b.ts(),
            c.id(),
            c.name(),
            c.image(),
            c.state(),
            c.cpuPct(),
            c.memUsedBytes(),
            c.memLimitBytes()
          });
    }
    return rows;
  }
}
