package io.vigia.web.ui;

import static io.vigia.web.ui.JsonBuilders.JSON;

import io.vigia.monitor.latest.BatchLanded;
import io.vigia.wire.Batch;
import io.vigia.wire.ContainerInfo;
import io.vigia.wire.Cpu;
import io.vigia.wire.Load;
import io.vigia.wire.Memory;
import io.vigia.wire.ProcessCounts;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.faces.event.WebsocketEvent;
import jakarta.faces.push.Push;
import jakarta.faces.push.PushContext;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Pushes each batch that lands to the browsers watching its host's live page ({@code host.xhtml},
 * {@code <f:websocket channel="host" user="HOST NAME">}): one small JSON point per batch — the
 * figures the page's charts and counters show — sent to that host's sockets only.
 *
 * <p>It runs inside the agent's push, so it costs ingest nothing it can avoid: a batch of a host
 * nobody watches on this node is dropped after one map look-up; otherwise it is handed to the
 * managed executor, at most one waiting task per host (a newer batch replaces a waiting one, a slow
 * browser never queues work up), and the WebSocket send itself is asynchronous. A failure is logged
 * once, until a push works again, and never reaches ingest.
 *
 * <p>Sockets live in one JVM. In a cluster a browser watches through one node while its host's
 * agent may push to another: this node then never sees the batch. A cluster needs the point
 * published on a data-grid topic (Hazelcast {@code ITopic}, as {@code LatestState} finds the grid)
 * by the node that ingests, and every node pushing what it receives to its own sockets; not built
 * yet, as the cluster of Micro nodes has no browser test.
 */
@ApplicationScoped
public class HostPush {

  /** The channel of {@code <f:websocket>} on the host page. */
  public static final String CHANNEL = "host";

  private static final Logger LOG = Logger.getLogger(HostPush.class.getName());

  @Inject
  @Push(channel = CHANNEL)
  private PushContext sockets;

  @Resource private ManagedExecutorService executor;

  /** Open sockets on this node by host name. */
  private final Map<String, Integer> watchers = new ConcurrentHashMap<>();

  /** The newest batch per host not yet pushed; a task for the host is queued while one is here. */
  private final Map<String, BatchLanded> waiting = new ConcurrentHashMap<>();

  private final AtomicBoolean failing = new AtomicBoolean();

  /**
   * Created with the application, not by the first batch: the push context takes the session scope
   * of the request that creates it, and an agent's push must not start an HTTP session.
   */
  void start(@Observes @Initialized(ApplicationScoped.class) Object application) {
    LOG.fine(() -> "live host pages push on channel '" + CHANNEL + "'");
  }

  void opened(@Observes @WebsocketEvent.Opened WebsocketEvent socket) {
    if (CHANNEL.equals(socket.getChannel()) && socket.getUser() instanceof String host) {
      watchers.merge(host, 1, Integer::sum);
    }
  }

  void closed(@Observes @WebsocketEvent.Closed WebsocketEvent socket) {
    if (CHANNEL.equals(socket.getChannel()) && socket.getUser() instanceof String host) {
      watchers.computeIfPresent(host, (h, n) -> n > 1 ? n - 1 : null);
    }
  }

  /** How many browsers watch the host through this node. */
  public int watching(String host) {
    return watchers.getOrDefault(host, 0);
  }

  void landed(@Observes BatchLanded landed) {
    String host = landed.hostName();
    if (!watchers.containsKey(host)) {
      return;
    }
    if (waiting.put(host, landed) != null) {
      return; // a task for this host is queued and will send this newer batch
    }
    try {
      executor.execute(() -> send(host));
    } catch (RejectedExecutionException e) {
      waiting.remove(host);
      failed("the executor refused the push of " + host, e);
    }
  }

  private void send(String host) {
    BatchLanded landed = waiting.remove(host);
    if (landed == null) {
      return;
    }
    try {
      sockets.send(point(landed.batch()), host);
      if (failing.compareAndSet(true, false)) {
        LOG.info("live host pages are pushed to again");
      }
    } catch (RuntimeException e) {
      failed("the push of " + host + " failed", e);
    }
  }

  private void failed(String what, Exception e) {
    if (failing.compareAndSet(false, true)) {
      LOG.log(Level.WARNING, what + "; further failures are not logged until a push works", e);
    }
  }

  /**
   * What the page draws from one batch, as JSON text: {@code ts} (epoch ms), {@code cpu}, {@code
   * cores} (per core), {@code ram}, {@code swap} (all % used, null when unknown), {@code load} (1,
   * 5, 15 min), {@code counts} (processes by state letter), {@code processes} and {@code
   * containers} (how many), and {@code ctrs}: the {@link LiveCharts#busiest busiest} running
   * containers, each {@code id}, {@code name} (text from the host: the page draws it on a canvas or
   * as text, never as HTML), {@code cpu} (% of one core), {@code mem} and {@code limit} (bytes).
   */
  static String point(Batch b) {
    JsonObjectBuilder o = JSON.createObjectBuilder().add("ts", b.ts());
    Cpu cpu = b.cpu();
    add(o, "cpu", cpu == null ? null : cpu.pct());
    List<Double> cores = cpu == null ? null : cpu.perCorePct();
    if (cores == null) {
      o.addNull("cores");
    } else {
      JsonArrayBuilder a = JSON.createArrayBuilder();
      cores.forEach(a::add);
      o.add("cores", a);
    }
    Memory m = b.memory();
    add(o, "ram", m == null ? null : m.usedPct());
    add(o, "swap", swapPct(m));
    Load l = b.load();
    if (l == null) {
      o.addNull("load");
    } else {
      JsonArrayBuilder a = JSON.createArrayBuilder();
      for (Double v : new Double[] {l.one(), l.five(), l.fifteen()}) {
        if (v == null) {
          a.addNull();
        } else {
          a.add(v);
        }
      }
      o.add("load", a);
    }
    ProcessCounts c = b.processes() == null ? null : b.processes().counts();
    if (c == null) {
      o.addNull("counts");
    } else {
      o.add(
          "counts",
          JSON.createObjectBuilder()
              .add("total", c.total())
              .add("R", c.running())
              .add("S", c.sleeping())
              .add("D", c.diskSleep())
              .add("T", c.stopped())
              .add("Z", c.zombie())
              .add("I", c.idle()));
    }
    if (b.processes() == null || b.processes().list() == null) {
      o.addNull("processes");
    } else {
      o.add("processes", b.processes().list().size());
    }
    if (b.containers() == null) {
      o.addNull("containers");
    } else {
      o.add("containers", b.containers().size());
    }
    JsonArrayBuilder ctrs = JSON.createArrayBuilder();
    for (ContainerInfo container : LiveCharts.busiest(b.containers())) {
      JsonObjectBuilder ctr =
          JSON.createObjectBuilder()
              .add("id", container.id())
              .add("name", HostLive.nameOf(container));
      add(ctr, "cpu", container.cpuPct());
      add(ctr, "mem", container.memUsedBytes());
      add(ctr, "limit", container.memLimitBytes());
      ctrs.add(ctr);
    }
    o.add("ctrs", ctrs);
    return o.build().toString();
  }

  /** Swap used as a share of swap, or null without swap. */
  static Double swapPct(Memory m) {
    if (m == null || m.swapTotalKb() == null || m.swapFreeKb() == null || m.swapTotalKb() == 0) {
      return null;
    }
    return 100.0 * (m.swapTotalKb() - m.swapFreeKb()) / m.swapTotalKb();
  }

  private static void add(JsonObjectBuilder o, String key, Long value) {
    if (value == null) {
      o.addNull(key);
    } else {
      o.add(key, value);
    }
  }

  private static void add(JsonObjectBuilder o, String key, Double value) {
    if (value == null || value.isNaN()) {
      o.addNull(key);
    } else {
      o.add(key, value);
    }
  }
}
