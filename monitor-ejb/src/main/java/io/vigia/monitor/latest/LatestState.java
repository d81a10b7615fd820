package io.vigia.monitor.latest;

import io.vigia.monitor.command.CommandsQueued;
import io.vigia.wire.Batch;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Each host's last batch, by host id, and which hosts have commands waiting.
 *
 * <p>This node keeps both in its own memory. Only while Payara's data grid has other members (a
 * cluster of monitors behind one address, where a host's pushes and a browser's requests may land
 * on different nodes) are they also kept in the grid, the batches as JSON text so that every node
 * can read them without sharing classes. A grid of one member (Payara Server's DAS, Payara Micro
 * with {@code --nocluster}) is not used: handing two map operations a push to its partition
 * threads, with a JSON copy of the batch, cost about a tenth of the monitor's CPU at 1,000 agents
 * and made pushes queue behind those threads.
 *
 * <p>Members come and go at run time: reads take the newer of this node's batch and the grid's;
 * when other members appear, this node's command marks are copied into the grid, and when they
 * leave, every host's next push reads its database flag again (a mark another node put in the grid
 * may not have reached this node).
 */
@ApplicationScoped
public class LatestState {

  private static final Logger LOG = Logger.getLogger(LatestState.class.getName());
  private static final Jsonb JSONB = JsonbBuilder.create();
  static final String MAP = "vigia-latest";
  static final String PENDING_MAP = "vigia-commands-pending";

  /** Payara's data grid, or null when it does not run. */
  private Grid grid;

  /** Each host's latest batch as this node saw it. */
  private final Map<Long, Batch> local = new ConcurrentHashMap<>();

  /** The seq of each host's latest batch as this node put it: spares the grid a read per push. */
  private final Map<Long, Long> latestSeq = new ConcurrentHashMap<>();

  /** Hosts with commands waiting, as this node knows it. */
  private final Map<Long, Boolean> pending = new ConcurrentHashMap<>();

  /** Hosts whose database flag this node has read since it started (the map starts empty). */
  private final Set<Long> pendingChecked = ConcurrentHashMap.newKeySet();

  /** Whether the grid had other members at the last look. */
  private final AtomicBoolean wasShared = new AtomicBoolean();

  /** When this node last took each host's minute snapshot (batch time). */
  private final Map<Long, Long> snapshotTs = new ConcurrentHashMap<>();

  private final Map<Long, Long> containerSampleTs = new ConcurrentHashMap<>();

  /** Payara's data grid as this class uses it. */
  interface Grid {
    /** Each host's latest batch as JSON text. */
    Map<Long, String> latest();

    /** Hosts with commands waiting. */
    Map<Long, Boolean> pending();

    /** Stores without reading the previous value back (Hazelcast's {@code IMap.set}). */
    void setLatest(long hostId, String json);

    /** Whether the grid has members besides this node. */
    boolean shared();
  }

  public LatestState() {}

  /** For tests: a state over the given grid (or none). */
  LatestState(Grid grid) {
    this.grid = grid;
  }

  @PostConstruct
  void connect() {
    Object hazelcast;
    try {
      // Payara binds its Hazelcast member here only while the data grid is enabled. JCache's
      // default provider is no test of that: without the grid it is a client that waits forever.
      hazelcast = new InitialContext().lookup(HazelcastGrid.JNDI_NAME);
    } catch (NamingException noGrid) {
      LOG.info("no data grid: the latest host state is kept on this node");
      return;
    }
    try {
      grid = new HazelcastGrid(hazelcast);
      LOG.info(
          "the latest host state is kept on this node, and in the data grid (map '"
              + MAP
              + "') while it has other members");
    } catch (ReflectiveOperationException | ClassCastException e) {
      LOG.warning("data grid present but unusable (" + e + "): the latest host state stays local");
    }
  }

  /**
   * Whether the grid is to be used now (it has other members); notices when that changes and hands
   * the command marks over.
   */
  private boolean shared() {
    if (grid == null) {
      return false;
    }
    boolean shared = grid.shared();
    if (wasShared.compareAndSet(!shared, shared)) {
      if (shared) {
        pending.keySet().forEach(h -> grid.pending().put(h, Boolean.TRUE));
      } else {
        pendingChecked.clear();
      }
    }
    return shared;
  }

  /**
   * Keeps the batch as the host's latest unless a newer one (higher seq) is kept already.
   *
   * @return whether it was kept
   */
  public boolean putIfNewer(long hostId, Batch batch) {
    long seq = batch.seq();
    boolean[] newer = {false};
    latestSeq.compute(
        hostId,
        (id, kept) -> {
          newer[0] = kept == null || seq > kept;
          return newer[0] ? seq : kept;
        });
    if (newer[0]) {
      put(hostId, batch);
    }
    return newer[0];
  }

  public void put(long hostId, Batch batch) {
    local.put(hostId, batch);
    if (shared()) {
      grid.setLatest(hostId, JSONB.toJson(batch));
    }
  }

  /** The host's latest batch: this node's, or the grid's when that is newer. */
  public Optional<Batch> get(long hostId) {
    Batch mine = local.get(hostId);
    if (!shared()) {
      return Optional.ofNullable(mine);
    }
    Batch theirs =
        Optional.ofNullable(grid.latest().get(hostId))
            .map(j -> JSONB.fromJson(j, Batch.class))
            .orElse(null);
    if (mine == null || (theirs != null && theirs.seq() > mine.seq())) {
      return Optional.ofNullable(theirs);
    }
    return Optional.of(mine);
  }

  /** Marks the host's commands as waiting once the queueing transaction has committed. */
  void commandsQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) CommandsQueued queued) {
    commandsStillPending(queued.hostId());
  }

  /**
   * Whether the host's push must look for commands, clearing the mark: true if commands were queued
   * since, or if this node has not yet looked since it started (the database flag then decides).
   */
  public boolean takeCommandsPending(long hostId) {
    boolean shared = shared(); // first: members leaving clears what this node has looked at
    boolean firstLook = pendingChecked.add(hostId);
    boolean marked = pending.remove(hostId) != null;
    if (shared) {
      marked |= grid.pending().remove(hostId) != null;
    }
    return marked || firstLook;
  }

  /** Puts a mark taken by {@link #takeCommandsPending} back, after the push failed to deliver. */
  public void commandsStillPending(long hostId) {
    pending.put(hostId, Boolean.TRUE);
    if (shared()) {
      grid.pending().put(hostId, Boolean.TRUE);
    }
  }

  /**
   * Whether the batch at time {@code ts} is the first this node sees of the host in its current
   * minute (see {@link #slotDue}); if so, the caller takes the process/container snapshot and this
   * records it.
   */
  public boolean snapshotDue(long hostId, long ts) {
    return slotDue(snapshotTs, hostId, ts, 60_000);
  }

  /**
   * Whether the batch at time {@code ts} is the first this node sees of the host in its current
   * slot of {@code intervalMs}; if so, the caller stores its containers' figures and this records
   * it.
   */
  public boolean containerSampleDue(long hostId, long ts, long intervalMs) {
    return slotDue(containerSampleTs, hostId, ts, intervalMs);
  }

  /**
   * Gives back what {@link #snapshotDue} and {@link #containerSampleDue} recorded for a batch that
   * was then not stored (its group failed, its push timed out): the agent sends it again, and the
   * resend must still store the snapshot and figures of its slot.
   */
  public void notStored(long hostId, long ts, boolean snapshot, boolean containers) {
    if (snapshot) {
      snapshotTs.remove(hostId, ts);
    }
    if (containers) {
      containerSampleTs.remove(hostId, ts);
    }
  }

  /**
   * Whether {@code ts} falls in a later slot of {@code intervalMs} than the host's last recorded
   * time; if so, records it. Each host's slots are shifted by its own {@link #phase}: every
   * interval still holds one per host, but the hosts do not all come due at the same second. With
   * slots aligned to the epoch, 1,000 hosts stored their 5,000 containers' figures in the same
   * second every 10 s, and pushes of that second made the ingest's p99.
   */
  private static boolean slotDue(Map<Long, Long> lastTs, long hostId, long ts, long intervalMs) {
    long phase = phase(hostId, intervalMs);
    return due(
        lastTs,
        hostId,
        ts,
        last -> Math.floorDiv(ts - phase, intervalMs) > Math.floorDiv(last - phase, intervalMs));
  }

  /**
   * Where in each interval the host's slots begin: host ids, which are consecutive, times the
   * 64-bit golden ratio (Fibonacci hashing) spread evenly over the interval.
   */
  static long phase(long hostId, long intervalMs) {
    return Math.floorMod(hostId * 0x9E3779B97F4A7C15L, intervalMs);
  }

  /** Whether {@code ts} is due after the host's last recorded time; if so, records {@code ts}. */
  private static boolean due(
      Map<Long, Long> lastTs, long hostId, long ts, java.util.function.LongPredicate after) {
    boolean[] due = {false};
    lastTs.compute(
        hostId,
        (id, last) -> {
          due[0] = last == null || after.test(last);
          return due[0] ? ts : last;
        });
    return due[0];
  }
}
