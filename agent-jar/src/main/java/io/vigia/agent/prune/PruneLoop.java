package io.vigia.agent.prune;

import io.vigia.agent.source.DockerApi;
import io.vigia.wire.ContainerEvent;
import io.vigia.wire.ContainerInfo;
import io.vigia.wire.ContainerPolicy;
import io.vigia.wire.PrunePlan;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Applies the monitor's prune policy after every sample: each container the plan condemns is
 * stopped and removed (on the container-actions thread, never twice at once), and every action is a
 * {@code prune} event naming the container, its class, the rule and its last figures. In dry run,
 * or when {@code containers.actions.enabled=false}, nothing is touched and each condemned container
 * is reported once per policy version as {@code prune-dry-run}.
 */
public final class PruneLoop implements Consumer<ContainerPolicy> {

  private static final Logger LOG = Logger.getLogger(PruneLoop.class.getName());
  static final int STOP_TIMEOUT_S = 10;

  private final boolean actionsEnabled;
  private final Supplier<Optional<DockerApi>> docker;
  private final Executor actions;
  private final ConcurrentLinkedQueue<ContainerEvent> events = new ConcurrentLinkedQueue<>();
  private final Set<String> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final Set<String> dryRunSaid = new HashSet<>();
  private volatile ContainerPolicy policy;

  public PruneLoop(boolean actionsEnabled, Supplier<Optional<DockerApi>> docker, Executor actions) {
    this.actionsEnabled = actionsEnabled;
    this.docker = docker;
    this.actions = actions;
  }

  /** A policy from a push reply; null leaves the one held. */
  @Override
  public void accept(ContainerPolicy p) {
    if (p != null) {
      ContainerPolicy before = policy;
      policy = p;
      if (before == null || !before.version().equals(p.version())) {
        LOG.info(
            () ->
                "container policy "
                    + p.version()
                    + ": "
                    + (p.classes() == null ? 0 : p.classes().size())
                    + " classes"
                    + (p.dryRun() || !actionsEnabled ? ", dry run" : ""));
      }
    }
  }

  /** The version of the policy held, for the batch; null before the first. */
  public String version() {
    ContainerPolicy p = policy;
    return p == null ? null : p.version();
  }

  /** Decides on the containers of one sample and sets the removals going. */
  public void apply(List<ContainerInfo> containers, long nowMs) {
    ContainerPolicy p = policy;
    if (p == null || containers == null) {
      return;
    }
    boolean dry = p.dryRun() || !actionsEnabled;
    for (PrunePlan.Removal r : PrunePlan.of(p, containers)) {
      ContainerInfo c = r.container();
      if (dry) {
        if (dryRunSaid.add(p.version() + "/" + c.id())) {
          events.add(event(nowMs, r, "prune-dry-run", "would stop and remove"));
        }
        continue;
      }
      if (!inFlight.add(c.id())) {
        continue;
      }
      actions.execute(() -> remove(r));
    }
    if (dryRunSaid.size() > 100_000) {
      dryRunSaid.clear();
    }
  }

  private void remove(PrunePlan.Removal r) {
    String id = r.container().id();
    try {
      Optional<DockerApi> api = docker.get();
      if (api.isEmpty()) {
        return;
      }
      String detail;
      try {
        DockerApi d = api.get();
        DockerApi.Answer stop = d.stop(id, STOP_TIMEOUT_S);
        DockerApi.Answer rm = d.remove(id, true);
        detail =
            rm.status() == 204 || rm.status() == 404
                ? "stopped (" + stop.status() + ") and removed"
                : "stop "
                    + stop.status()
                    + ", remove failed "
                    + rm.status()
                    + ": "
                    + rm.text().trim();
      } catch (IOException e) {
        detail = "failed: " + e.getMessage();
      }
      String d = detail.length() > 1000 ? detail.substring(0, 1000) : detail;
      events.add(event(System.currentTimeMillis(), r, "prune", d));
      LOG.info(
          () ->
              "pruned container "
                  + r.container().name()
                  + " ("
                  + id.substring(0, Math.min(12, id.length()))
                  + ") of class "
                  + r.className()
                  + " by rule '"
                  + r.rule()
                  + "': "
                  + d);
    } finally {
      inFlight.remove(id);
    }
  }

  private static ContainerEvent event(long ts, PrunePlan.Removal r, String action, String detail) {
    ContainerInfo c = r.container();
    return new ContainerEvent(
        ts,
        c.id(),
        c.name(),
        c.image(),
        action,
        null,
        c.cpuPct(),
        c.memUsedBytes(),
        c.memLimitBytes(),
        r.className(),
        r.rule().length() > 255 ? r.rule().substring(0, 255) : r.rule(),
        detail);
  }

  /** Policy events since the last call, oldest first. */
  public List<ContainerEvent> takeEvents() {
    List<ContainerEvent> out = new ArrayList<>();
    for (ContainerEvent e = events.poll(); e != null && out.size() < 500; e = events.poll()) {
      out.add(e);
    }
    return out;
  }
}
