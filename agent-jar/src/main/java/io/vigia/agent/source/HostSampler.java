package io.vigia.agent.source;

import io.vigia.wire.Batch;
import io.vigia.wire.ContainerEvent;
import io.vigia.wire.ContainerInfo;
import io.vigia.wire.Cpu;
import io.vigia.wire.Load;
import io.vigia.wire.Memory;
import io.vigia.wire.ProcessCounts;
import io.vigia.wire.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Takes one sample of the host: from the Vigia kernel module when its files are there and sound,
 * from plain /proc otherwise, with /proc filling what the module lacks (swap size, load, command
 * lines); containers from cgroups and Docker. Remembers the previous sample so the next can turn
 * counters into percentages. Not thread-safe: one sampler per collection loop.
 */
public final class HostSampler implements AutoCloseable {

  private final ProcRoot root;
  private final MemInfo memInfo;
  private final CpuStat cpuStat;
  private final LoadAvg loadAvg;
  private final Uptime uptime;
  private final PidTable pidTable;
  private final ModuleSource module;
  private final HostCpu hostCpu = new HostCpu();
  private final ProcessList processList;
  private final Containers containers;
  private final Clock clock;
  private String previousSource;

  public HostSampler(ProcRoot root, Clock clock) {
    this(root, clock, SourceSettings.DEFAULTS);
  }

  public HostSampler(ProcRoot root, Clock clock, SourceSettings settings) {
    this.root = root;
    this.memInfo = new MemInfo(root);
    this.cpuStat = new CpuStat(root);
    this.loadAvg = new LoadAvg(root);
    this.uptime = new Uptime(root);
    this.pidTable = new PidTable(root);
    this.module = new ModuleSource(root, settings);
    this.processList = new ProcessList(new Cmdlines(root), new UserNames(settings.passwdFile()));
    this.containers = new Containers(settings.cgroupRoot(), settings.dockerSocket());
    this.clock = clock;
  }

  /** The Docker engine's client, for container actions; empty when none is configured. */
  public Optional<DockerApi> docker() {
    return containers.docker();
  }

  /** Stops following the Docker engine's events. */
  @Override
  public void close() {
    containers.close();
  }

  /** A batch for this moment with the given identity; percentages are null on the first call. */
  public Batch sample(String agentId, String host, long seq) {
    long ts = clock.millis();
    try {
      Optional<ModuleSource.Reading> fromModule = module.read();
      String source = fromModule.isPresent() ? "module" : "proc";
      if (!source.equals(previousSource)) {
        // ns from the module and ticks from /proc round differently: no deltas across a switch.
        hostCpu.reset();
        processList.reset();
        previousSource = source;
      }
      Memory memory;
      Cpu cpu;
      long nowNs;
      List<Task> tasks;
      ProcessCounts counts;
      if (fromModule.isPresent()) {
        ModuleCpu.Reading m = fromModule.get().cpu();
        memory = withSwapTotal(fromModule.get().memory());
        cpu = hostCpu.next(m.total(), m.cores().isEmpty() ? null : m.cores());
        nowNs = m.nowNs();
        tasks = m.tasks();
        counts = m.counts();
      } else {
        memory = memInfo.read();
        cpu = procCpu();
        nowNs = uptime.readNanos().orElse(ts * 1_000_000);
        tasks = pidTable.read();
        counts = ProcessList.count(tasks);
      }
      Load load = loadAvg.read().orElse(null);
      Processes processes = new Processes(counts, processList.next(tasks, nowNs, memory.totalKb()));
      List<ContainerInfo> containerList =
          containers.next(
              nowNs, memory.totalKb() == null ? null : memory.totalKb() * 1024, cpu.cores());
      List<ContainerEvent> events = containers.takeEvents();
      return new Batch(
          agentId,
          host,
          seq,
          ts,
          source,
          cpu,
          memory,
          load,
          processes,
          containerList,
          null,
          events.isEmpty() ? null : events,
          null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read /proc at " + root.path(), e);
    }
  }

  private Cpu procCpu() throws IOException {
    Optional<CpuStat.Reading> now = cpuStat.read();
    if (now.isEmpty()) {
      hostCpu.reset();
      return new Cpu(null, null, null);
    }
    // No cpuN line means the file was cut short, not a host without cores.
    List<CpuTimes> cores = now.get().cores().isEmpty() ? null : now.get().cores();
    return hostCpu.next(
        now.get().total().scaled(Task.NANOS_PER_TICK),
        cores == null ? null : cores.stream().map(c -> c.scaled(Task.NANOS_PER_TICK)).toList());
  }

  /** The module cannot know the swap size (README: always null); /proc/meminfo can. */
  private Memory withSwapTotal(Memory m) {
    if (m.swapTotalKb() != null) {
      return m;
    }
    Long swapTotal;
    try {
      swapTotal = memInfo.read().swapTotalKb();
    } catch (IOException unreadable) {
      swapTotal = null;
    }
    return new Memory(
        m.totalKb(),
        m.freeKb(),
        m.availableKb(),
        m.buffersKb(),
        m.cachedKb(),
        swapTotal,
        m.swapFreeKb());
  }
}
