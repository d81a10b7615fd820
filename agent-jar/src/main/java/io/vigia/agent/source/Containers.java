package io.vigia.agent.source;

import io.vigia.wire.ContainerEvent;
import io.vigia.wire.ContainerInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Logger;

/**
 * The host's containers: figures from cgroups every sample (cheap), names, labels and states from
 * the Docker Engine API, kept current by its event stream. Without an engine, every container
 * cgroup is listed as running with no name, and that is said once.
 *
 * <p>The engine's events ({@code create}, {@code start}, {@code die}, {@code oom}, {@code destroy},
 * ...) are also handed on ({@link #takeEvents}) with the container's last figures, so a container
 * created and gone between two samples is still on record. The engine keeps only its last 256
 * events, so after the stream reconnects (engine restarted) the list is fetched again and a
 * container that vanished meanwhile is reported destroyed. Not thread-safe except where noted: the
 * sampler's thread calls it; the event thread only fills a queue.
 */
final class Containers implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(Containers.class.getName());

  /** List again at least this often while the event stream is down. */
  static final long LIST_MAX_AGE_NS = 5_000_000_000L;

  /** ... and this often while it runs (events keep the cache current; this is a safety net). */
  static final long LIST_MAX_AGE_EVENTS_NS = 60_000_000_000L;

  /** Engine events handed on; others (attach, exec_*, top, ...) only refresh the cache. */
  static final Set<String> REPORTED =
      Set.of("create", "start", "die", "oom", "destroy", "restart", "pause", "unpause", "rename");

  private static final int MAX_NAME = 255;
  private static final int MAX_IMAGE = 512;
  private static final int MAX_STATE = 32;
  private static final int MAX_EVENTS = 1_000;
  private static final int MAX_INSPECTS_PER_SAMPLE = 200;
  private static final int MAX_LABELS = 256;

  private final CgroupContainers cgroups;
  private final DockerApi docker; // null: no engine configured
  private final DockerEvents events;
  private final Map<String, DockerApi.Details> meta = new LinkedHashMap<>();
  private final Set<String> dirty = new LinkedHashSet<>();
  private final Map<String, ContainerInfo> last = new HashMap<>();
  private final Deque<ContainerEvent> outbox = new ArrayDeque<>();
  private final Set<String> goneReported = new LinkedHashSet<>();
  private Map<String, long[]> previous = new HashMap<>(); // id -> {cpuNs, nowNs}
  private long listedNs;
  private boolean listed;
  private boolean engineDown;
  private boolean noEngineSaid;

  Containers(Path cgroupRoot, Path dockerSocket) {
    this(cgroupRoot, dockerSocket, true);
  }

  /**
   * @param dockerSocket the engine's unix socket, or null when there is none to ask
   * @param followEvents whether to follow the event stream (tests of the list alone say no)
   */
  Containers(Path cgroupRoot, Path dockerSocket, boolean followEvents) {
    this.cgroups = new CgroupContainers(cgroupRoot);
    this.docker = dockerSocket == null ? null : new DockerApi(dockerSocket, Duration.ofSeconds(2));
    this.events = docker != null && followEvents ? new DockerEvents(docker) : null;
  }

  /** The engine's client, for container actions; empty when there is no engine configured. */
  Optional<DockerApi> docker() {
    return Optional.ofNullable(docker);
  }

  /** Forgets previous counters: the next sample has null CPU % for every container. */
  void reset() {
    previous = new HashMap<>();
  }

  /**
   * The containers now.
   *
   * @param hostRamBytes the limit of a container without one (null when unknown)
   * @param hostCores the CPU limit of a container without one (null when unknown)
   */
  List<ContainerInfo> next(long nowNs, Long hostRamBytes, Integer hostCores) {
    Map<String, CgroupContainers.Reading> counters = cgroups.read();
    boolean engine = engineReachable();
    if (engine) {
      applyEvents();
      refreshList(counters, nowNs);
      inspectDirty();
    }
    Map<String, long[]> seen = new HashMap<>();
    List<ContainerInfo> out = new ArrayList<>();
    Map<String, CgroupContainers.Reading> unnamed = new LinkedHashMap<>(counters);
    if (engine && !engineDown) {
      for (DockerApi.Details d : meta.values()) {
        CgroupContainers.Reading r = unnamed.remove(d.id());
        out.add(info(d, r, nowNs, hostRamBytes, hostCores, seen));
      }
    }
    for (CgroupContainers.Reading r : unnamed.values()) {
      DockerApi.Details bare =
          new DockerApi.Details(r.id(), null, null, "running", null, null, null, null, null, null);
      out.add(info(bare, r, nowNs, hostRamBytes, hostCores, seen));
    }
    previous = seen;
    for (ContainerInfo c : out) {
      last.put(c.id(), c);
    }
    return out;
  }

  /** Engine events and reconciliations since the last call, oldest first (at most 1,000). */
  List<ContainerEvent> takeEvents() {
    List<ContainerEvent> out = new ArrayList<>(Math.min(outbox.size(), MAX_EVENTS));
    while (!outbox.isEmpty() && out.size() < MAX_EVENTS) {
      out.add(outbox.poll());
    }
    return out;
  }

  /** The last figures of a container (still there or gone), for events about it. */
  Optional<ContainerInfo> lastSeen(String id) {
    return Optional.ofNullable(last.get(id));
  }

  @Override
  public void close() {
    if (events != null) {
      events.close();
    }
    cgroups.close();
  }

  private boolean engineReachable() {
    if (docker == null) {
      if (!noEngineSaid) {
        LOG.info("no Docker engine configured: containers from cgroups only, without names");
        noEngineSaid = true;
      }
      return false;
    }
    if (!Files.exists(docker.socket())) {
      if (!noEngineSaid) {
        LOG.info(
            () ->
                "no Docker engine at "
                    + docker.socket()
                    + ": containers from cgroups only, without names (until it appears)");
        noEngineSaid = true;
      }
      meta.clear();
      listed = false;
      return false;
    }
    if (events != null) {
      events.start();
    }
    return true;
  }

  private void applyEvents() {
    if (events == null) {
      return;
    }
    if (events.takeReconnected()) {
      listed = false; // events may have been missed: list and reconcile
    }
    for (DockerApi.Event e = events.poll(); e != null; e = events.poll()) {
      if (e.action().equals("destroy")) {
        meta.remove(e.id());
        dirty.remove(e.id());
        if (goneReported.remove(e.id())) {
          continue; // listing found it gone first and said so
        }
      } else {
        dirty.add(e.id());
      }
      if (REPORTED.contains(e.action())) {
        outbox.add(event(e));
      }
    }
  }

  private ContainerEvent event(DockerApi.Event e) {
    ContainerInfo l = last.get(e.id());
    DockerApi.Details d = meta.get(e.id());
    Map<String, String> a = e.attributes();
    String name = a.getOrDefault("name", l != null ? l.name() : d != null ? d.name() : null);
    String image = a.getOrDefault("image", l != null ? l.image() : d != null ? d.image() : null);
    Integer exit = null;
    if (a.containsKey("exitCode")) {
      try {
        exit = Integer.valueOf(a.get("exitCode"));
      } catch (NumberFormatException ignored) {
        exit = null;
      }
    }
    if (e.action().equals("destroy")) {
      last.remove(e.id());
    }
    return new ContainerEvent(
        e.tsMs(),
        e.id(),
        cut(name, MAX_NAME),
        cut(image, MAX_IMAGE),
        e.action(),
        exit,
        l == null ? null : l.cpuPct(),
        l == null ? null : l.memUsedBytes(),
        l == null ? null : l.memLimitBytes(),
        null,
        null,
        null);
  }

  /** Lists when needed: first time, after a reconnect, when stale, when cgroups show news. */
  private void refreshList(Map<String, CgroupContainers.Reading> counters, long nowNs) {
    boolean eventsUp = events != null && events.connected();
    long maxAge = eventsUp ? LIST_MAX_AGE_EVENTS_NS : LIST_MAX_AGE_NS;
    boolean stale =
        !listed
            || nowNs - listedNs >= maxAge
            || nowNs < listedNs
            || !meta.keySet().containsAll(counters.keySet());
    if (engineDown && listed && nowNs - listedNs < LIST_MAX_AGE_NS && nowNs >= listedNs) {
      return; // a daemon that just failed (maybe hung) is not asked again every second
    }
    if (!stale) {
      return;
    }
    listedNs = nowNs;
    try {
      List<DockerApi.Container> list = docker.containers();
      Set<String> now = new LinkedHashSet<>();
      for (DockerApi.Container c : list) {
        now.add(c.id());
        DockerApi.Details known = meta.get(c.id());
        if (known == null || !java.util.Objects.equals(known.state(), c.state())) {
          // the list lacks exit code, restarts, start time and OOM: inspect fills them
          meta.put(
              c.id(),
              new DockerApi.Details(
                  c.id(),
                  c.name(),
                  c.image(),
                  c.state(),
                  c.labels(),
                  c.createdMs(),
                  known == null ? null : known.startedMs(),
                  known == null ? null : known.exitCode(),
                  known == null ? null : known.restartCount(),
                  known == null ? null : known.oomKilled()));
          dirty.add(c.id());
        }
      }
      for (String gone : new ArrayList<>(meta.keySet())) {
        if (!now.contains(gone)) {
          meta.remove(gone);
          dirty.remove(gone);
          if (listed || engineDown) {
            outbox.add(goneEvent(gone));
            goneReported.add(gone);
            if (goneReported.size() > 10_000) {
              goneReported.remove(goneReported.iterator().next());
            }
          }
        }
      }
      listed = true;
      if (engineDown) {
        LOG.info(() -> "Docker API at " + docker.socket() + " answers again");
        engineDown = false;
      }
    } catch (IOException e) {
      if (!engineDown) {
        // Once per outage: containers are still listed from cgroups, without names.
        LOG.warning(
            () ->
                "Docker API at "
                    + docker.socket()
                    + " failed ("
                    + e.getMessage()
                    + "); containers from cgroups only until it answers");
        engineDown = true;
      }
      docker.forgetVersion();
      listed = listed || !meta.isEmpty();
    }
  }

  /** A container that the list no longer shows, whose destroy event never came. */
  private ContainerEvent goneEvent(String id) {
    ContainerInfo l = last.remove(id);
    return new ContainerEvent(
        System.currentTimeMillis(),
        id,
        l == null ? null : l.name(),
        l == null ? null : l.image(),
        "destroy",
        null,
        l == null ? null : l.cpuPct(),
        l == null ? null : l.memUsedBytes(),
        l == null ? null : l.memLimitBytes(),
        null,
        null,
        "gone while the engine's events were not followed (seen by listing again)");
  }

  private void inspectDirty() {
    int n = 0;
    for (var it = dirty.iterator(); it.hasNext() && n < MAX_INSPECTS_PER_SAMPLE; n++) {
      String id = it.next();
      it.remove();
      try {
        Optional<DockerApi.Details> d = docker.inspect(id);
        // Absent: gone already. The list and the events decide what exists (its destroy event
        // or the next list removes it); inspect only adds details.
        d.ifPresent(x -> meta.put(id, x));
      } catch (IOException e) {
        dirty.add(id); // next sample
        return;
      }
    }
  }

  private ContainerInfo info(
      DockerApi.Details d,
      CgroupContainers.Reading r,
      long nowNs,
      Long hostRamBytes,
      Integer hostCores,
      Map<String, long[]> seen) {
    Double cpuPct = null;
    if (r != null && r.cpuNs() != null) {
      long[] before = previous.get(d.id());
      if (before != null && nowNs > before[1] && r.cpuNs() >= before[0]) {
        cpuPct = 100.0 * (r.cpuNs() - before[0]) / (nowNs - before[1]);
      }
      seen.put(d.id(), new long[] {r.cpuNs(), nowNs});
    }
    Double cpuLimit = r != null && r.cpuLimitCores() != null ? r.cpuLimitCores() : null;
    if (cpuLimit == null && hostCores != null && hostCores > 0) {
      cpuLimit = hostCores.doubleValue();
    }
    Long memLimit = r == null ? null : r.memLimitBytes();
    if (hostRamBytes != null && (memLimit == null || memLimit > hostRamBytes)) {
      memLimit = hostRamBytes; // as docker stats: no limit (or one above RAM) is the host's RAM
    }
    boolean running = r != null;
    return new ContainerInfo(
        d.id(),
        cut(d.name(), MAX_NAME),
        cut(d.image(), MAX_IMAGE),
        cut(d.state(), MAX_STATE),
        cpuPct,
        r == null ? null : r.memUsedBytes(),
        running ? memLimit : null,
        labels(d.labels()),
        d.exitCode(),
        d.restartCount(),
        d.createdMs(),
        d.startedMs(),
        d.oomKilled(),
        running ? cpuLimit : null,
        cpuPct == null || cpuLimit == null ? null : Math.min(100.0, cpuPct / cpuLimit));
  }

  private static Map<String, String> labels(Map<String, String> labels) {
    if (labels == null || labels.size() <= MAX_LABELS) {
      return labels;
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : labels.entrySet()) {
      if (out.size() == MAX_LABELS) {
        break;
      }
      out.put(e.getKey(), e.getValue());
    }
    return out;
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }

  /** The thread that follows the engine's event stream, reconnecting after it ends. */
  static final class DockerEvents implements AutoCloseable {
    private final DockerApi docker;
    private final ConcurrentLinkedQueue<DockerApi.Event> queue = new ConcurrentLinkedQueue<>();
    private volatile boolean connected;
    private volatile boolean reconnected;
    private volatile boolean closed;
    private Thread thread;

    DockerEvents(DockerApi docker) {
      this.docker = docker;
    }

    synchronized void start() {
      if (thread != null || closed) {
        return;
      }
      thread = new Thread(this::run, "vigia-docker-events");
      thread.setDaemon(true);
      thread.start();
    }

    boolean connected() {
      return connected;
    }

    /** True once after each (re)connection: events may have been missed before it. */
    boolean takeReconnected() {
      if (reconnected) {
        reconnected = false;
        return true;
      }
      return false;
    }

    DockerApi.Event poll() {
      return queue.poll();
    }

    private void run() {
      long backoffMs = 500;
      boolean failingSaid = false;
      // When a stream ends, the next one asks the engine for what happened since (it keeps its
      // last 256 events; a restarted engine, those since its start): a container started before
      // the follower is back is still reported. Events already passed on are not passed twice.
      long[] lastEventMs = {0};
      long sinceMs = 0;
      while (!closed) {
        try {
          long seenUntil = lastEventMs[0];
          docker.events(
              sinceMs,
              () -> {
                connected = true;
                reconnected = true;
                LOG.info(() -> "following Docker events at " + docker.socket());
              },
              e -> {
                if (e.tsMs() > seenUntil) {
                  lastEventMs[0] = Math.max(lastEventMs[0], e.tsMs());
                  queue.add(e);
                }
              });
          backoffMs = 500;
          if (!closed) {
            LOG.info(() -> "Docker event stream at " + docker.socket() + " ended; reconnecting");
          }
        } catch (IOException e) {
          if (!failingSaid && !closed) {
            LOG.info(() -> "Docker event stream unavailable (" + e.getMessage() + "); retrying");
            failingSaid = true;
          }
        }
        if (connected) {
          failingSaid = false;
          sinceMs = System.currentTimeMillis() - 1000; // the stream was live until about now
        }
        connected = false;
        docker.forgetVersion();
        synchronized (this) {
          if (closed) {
            return;
          }
          try {
            wait(backoffMs); // not a test's sleep: how long a reconnecting loop rests
          } catch (InterruptedException e) {
            return;
          }
        }
        backoffMs = Math.min(5_000, backoffMs * 2);
      }
    }

    @Override
    public synchronized void close() {
      closed = true;
      notifyAll();
      if (thread != null) {
        thread.interrupt();
      }
    }
  }
}
