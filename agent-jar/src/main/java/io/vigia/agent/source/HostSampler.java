package io.vigia.agent.source;

import io.vigia.wire.Batch;
import io.vigia.wire.Cpu;
import io.vigia.wire.Load;
import io.vigia.wire.Memory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Optional;

/**
 * Takes one sample of the host from plain /proc and remembers the CPU reading so the next sample
 * can turn counters into a percentage. Not thread-safe: one sampler per collection loop.
 */
public final class HostSampler {

  private final MemInfo memInfo;
  private final CpuStat cpuStat;
  private final LoadAvg loadAvg;
  private final Clock clock;
  private CpuStat.Reading previous;

  public HostSampler(ProcRoot root, Clock clock) {
    this.memInfo = new MemInfo(root);
    this.cpuStat = new CpuStat(root);
    this.loadAvg = new LoadAvg(root);
    this.clock = clock;
  }

  /** A batch for this moment with the given identity; CPU % is null on the very first call. */
  public Batch sample(String agentId, String host, long seq) {
    long ts = clock.millis();
    try {
      Optional<CpuStat.Reading> now = cpuStat.read();
      Double pct = null;
      Integer cores = null;
      if (now.isPresent()) {
        // No cpuN line means the file was cut short, not a host without cores.
        cores = now.get().cores().isEmpty() ? null : now.get().cores().size();
        if (previous != null) {
          pct = now.get().total().busyPctSince(previous.total()).orElse(null);
        }
        previous = now.get();
      }
      Memory memory = memInfo.read();
      Load load = loadAvg.read().orElse(null);
      return Batch.ofHost(agentId, host, seq, ts, "proc", Cpu.total(pct, cores), memory, load);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read /proc", e);
    }
  }
}
