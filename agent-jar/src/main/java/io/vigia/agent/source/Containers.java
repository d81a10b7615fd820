package io.vigia.agent.source;

import io.vigia.wire.ContainerInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The host's containers: counters from cgroups, names, images and states from the Docker Engine API
 * when its socket is there. Without Docker, every container cgroup is listed as running with no
 * name. The Docker list is fetched again when the set of container cgroups changes, and at least
 * every {@link #DOCKER_MAX_AGE_NS}, not on every sample.
 */
final class Containers {

  private static final Logger LOG = Logger.getLogger(Containers.class.getName());

  static final long DOCKER_MAX_AGE_NS = 5_000_000_000L;

  private static final int MAX_NAME = 255;
  private static final int MAX_IMAGE = 512;
  private static final int MAX_STATE = 32;

  private final CgroupContainers cgroups;
  private final Path socket;
  private final DockerApi docker;
  private List<DockerApi.Container> dockerList;
  private long dockerFetchedNs;
  private java.util.Set<String> dockerSawIds = java.util.Set.of();
  private boolean dockerFailing;
  private Map<String, long[]> previous = new HashMap<>(); // id -> {cpuNs, nowNs}

  Containers(Path cgroupRoot, Path dockerSocket) {
    this.cgroups = new CgroupContainers(cgroupRoot);
    this.socket = dockerSocket;
    this.docker = new DockerApi(dockerSocket, Duration.ofMillis(500));
  }

  /** Forgets previous counters: the next sample has null CPU % for every container. */
  void reset() {
    previous = new HashMap<>();
  }

  List<ContainerInfo> next(long nowNs) {
    Map<String, CgroupContainers.Reading> counters = cgroups.read();
    List<DockerApi.Container> named = dockerList(counters, nowNs);
    Map<String, long[]> seen = new HashMap<>();
    List<ContainerInfo> out = new ArrayList<>();
    Map<String, CgroupContainers.Reading> unnamed = new LinkedHashMap<>(counters);
    if (named != null) {
      for (DockerApi.Container c : named) {
        CgroupContainers.Reading r = unnamed.remove(c.id());
        out.add(info(c.id(), c.name(), c.image(), c.state(), r, nowNs, seen));
      }
    }
    for (CgroupContainers.Reading r : unnamed.values()) {
      out.add(info(r.id(), null, null, "running", r, nowNs, seen));
    }
    previous = seen;
    return out;
  }

  private ContainerInfo info(
      String id,
      String name,
      String image,
      String state,
      CgroupContainers.Reading r,
      long nowNs,
      Map<String, long[]> seen) {
    Double cpuPct = null;
    if (r != null && r.cpuNs() != null) {
      long[] before = previous.get(id);
      if (before != null && nowNs > before[1] && r.cpuNs() >= before[0]) {
        cpuPct = 100.0 * (r.cpuNs() - before[0]) / (nowNs - before[1]);
      }
      seen.put(id, new long[] {r.cpuNs(), nowNs});
    }
    return new ContainerInfo(
        id,
        cut(name, MAX_NAME),
        cut(image, MAX_IMAGE),
        cut(state, MAX_STATE),
        cpuPct,
        r == null ? null : r.memUsedBytes(),
        r == null ? null : r.memLimitBytes());
  }

  /** Docker's list, fresh enough; null when Docker is not there or does not answer. */
  private List<DockerApi.Container> dockerList(
      Map<String, CgroupContainers.Reading> counters, long nowNs) {
    if (!Files.exists(socket)) {
      dockerList = null;
      return null;
    }
    if (dockerFailing && nowNs >= dockerFetchedNs && nowNs - dockerFetchedNs < DOCKER_MAX_AGE_NS) {
      return null; // a daemon that just failed (maybe hung) is not asked again every second
    }
    boolean stale =
        dockerList == null
            || nowNs - dockerFetchedNs >= DOCKER_MAX_AGE_NS
            || nowNs < dockerFetchedNs
            || !counters.keySet().equals(dockerSawIds);
    if (!stale) {
      return dockerList;
    }
    try {
      dockerList = docker.containers();
      dockerFetchedNs = nowNs;
      dockerSawIds = counters.keySet();
      if (dockerFailing) {
        LOG.info(() -> "Docker API at " + socket + " answers again");
        dockerFailing = false;
      }
    } catch (IOException e) {
      if (!dockerFailing) {
        // Once per outage: containers are still listed from cgroups, without names.
        LOG.warning(
            () -> "Docker API at " + socket + " failed (" + e.getMessage() + "); names unknown");
        dockerFailing = true;
      }
      dockerList = null;
      dockerFetchedNs = nowNs;
    }
    return dockerList;
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
