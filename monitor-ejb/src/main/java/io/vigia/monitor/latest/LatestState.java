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
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Each host's last batch, by host id. When Payara's data grid runs (Server, or Micro in a cluster),
 * the map lives in the grid as JSON text, so every node can read it without sharing classes; a
 * single node without the grid keeps the batches themselves in a local map.
 */
@ApplicationScoped
public class LatestState {

  private static final Logger LOG = Logger.getLogger(LatestState.class.getName());
  private static final Jsonb JSONB = JsonbBuilder.create();
  static final String MAP = "vigia-latest";
  static final String PENDING_MAP = "vigia-commands-pending";

  /** The data grid's map (JSON text, readable on every node), or null on a single node. */
  private Map<Long, String> grid;

  /** A single node keeps the batches themselves: no JSON round trip on the ingest path. */
  private final Map<Long, Batch> local = new ConcurrentHashMap<>();

  /** The seq of each host's latest batch as this node put it: spares the grid a read per push. */
  private final Map<Long, Long> latestSeq = new ConcurrentHashMap<>();

  /** Hosts with commands waiting (in the grid when it runs, so any node's queueing counts). */
  private Map<Long, Boolean> pending = new ConcurrentHashMap<>();

  /** Hosts whose database flag this node has read since it started (the map starts empty). */
  private final Set<Long> pendingChecked = ConcurrentHashMap.newKeySet();

  /** When this node last took each host's minute snapshot (batch time). */
  private final Map<Long, Long> snapshotTs = new ConcurrentHashMap<>();

  private final Map<Long, Long> containerSampleTs = new ConcurrentHashMap<>();

  @PostConstruct
  @SuppressWarnings("unchecked")
  void connect() {
    Object hazelcast;
    try {
      // Payara binds its Hazelcast member here only while the data grid is enabled. JCache's
      // default provider is no test of that: without the grid it is a client that waits forever.
      hazelcast = new InitialContext().lookup("payara/Hazelcast");
    } catch (NamingException noGrid) {
      LOG.info("no data grid: the latest host state is kept on this node");
      return;
    }
    try {
      // HazelcastInstance.getMap returns an IMap, which is a java.util.Map; calling it by name
      // keeps the Hazelcast API out of the build.
      var getMap = hazelcast.getClass().getMethod("getMap", String.class);
      grid = (Map<Long, String>) getMap.invoke(hazelcast, MAP);
      pending = (Map<Long, Boolean>) getMap.invoke(hazelcast, PENDING_MAP);
      LOG.info("the latest host state is kept in the data grid (map '" + MAP + "')");
    } catch (ReflectiveOperationException | ClassCastException e) {
      LOG.warning("data grid present but unusable (" + e + "): the latest host state stays local");
    }
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
    if (grid != null) {
      grid.put(hostId, JSONB.toJson(batch));
    } else {
      local.put(hostId, batch);
    }
  }

  public Optional<Batch> get(long hostId) {
    if (grid != null) {
      return Optional.ofNullable(grid.get(hostId)).map(j -> JSONB.fromJson(j, Batch.class));
    }
    return Optional.ofNullable(local.get(hostId));
  }

  /** Marks the host's commands as waiting once the queueing transaction has committed. */
  void commandsQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) CommandsQueued queued) {
    pending.put(queued.hostId(), Boolean.TRUE);
  }

  /**
   * Whether the host's push must look for commands, clearing the mark: true if commands were queued
   * since, or if this node has not yet looked since it started (the database flag then decides).
   */
  public boolean takeCommandsPending(long hostId) {
    boolean firstLook = pendingChecked.add(hostId);
    return pending.remove(hostId) != null || firstLook;
  }

  /** Puts a mark taken by {@link #takeCommandsPending} back, after the push failed to deliver. */
  public void commandsStillPending(long hostId) {
    pending.put(hostId, Boolean.TRUE);
  }

  /**
   * Whether a minute has passed since this node's last process/container snapshot of the host at
   * batch time {@code ts}; if so, the caller takes one and this records it.
   */
  public boolean snapshotDue(long hostId, long ts) {
    return due(snapshotTs, hostId, ts, last -> ts - last >= 60_000);
  }

  /**
   * Whether the batch at time {@code ts} is the first this node sees of the host in its slot of
   * {@code intervalMs} (slots aligned to the epoch, so every minute holds the same number); if so,
   * the caller stores its containers' figures and this records it.
   */
  public boolean containerSampleDue(long hostId, long ts, long intervalMs) {
    return due(
        containerSampleTs,
        hostId,
        ts,
        last -> Math.floorDiv(ts, intervalMs) > Math.floorDiv(last, intervalMs));
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
