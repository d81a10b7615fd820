package io.vigia.monitor.ingest;

import io.vigia.wire.Batch;
import io.vigia.wire.Cpu;
import io.vigia.wire.Load;
import io.vigia.wire.Memory;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.Optional;

/** One raw sample of a host: what one batch said. */
@Entity
@Table(name = "sample")
@IdClass(SampleId.class)
@NamedQuery(
    name = "Sample.findByHost",
    query = "SELECT s FROM Sample s WHERE s.hostId = :hostId ORDER BY s.seq")
public class Sample {

  @Id
  @Column(name = "host_id")
  private Long hostId;

  @Id private Long seq;

  @Column(name = "ts_ms", nullable = false)
  private long tsMs;

  @Column(name = "cpu_pct")
  private Double cpuPct;

  private Integer cores;

  @Column(name = "mem_total_kb")
  private Long memTotalKb;

  @Column(name = "mem_free_kb")
  private Long memFreeKb;

  @Column(name = "mem_available_kb")
  private Long memAvailableKb;

  @Column(name = "buffers_kb")
  private Long buffersKb;

  @Column(name = "cached_kb")
  private Long cachedKb;

  @Column(name = "swap_total_kb")
  private Long swapTotalKb;

  @Column(name = "swap_free_kb")
  private Long swapFreeKb;

  private Double load1;
  private Double load5;
  private Double load15;

  protected Sample() {}

  static Sample of(long hostId, Batch b) {
    Sample s = new Sample();
    s.hostId = hostId;
    s.seq = b.seq();
    s.tsMs = b.ts();
    Optional<Cpu> cpu = Optional.ofNullable(b.cpu());
    s.cpuPct = cpu.map(Cpu::pct).orElse(null);
    s.cores = cpu.map(Cpu::cores).orElse(null);
    Optional<Memory> mem = Optional.ofNullable(b.memory());
    s.memTotalKb = mem.map(Memory::totalKb).orElse(null);
    s.memFreeKb = mem.map(Memory::freeKb).orElse(null);
    s.memAvailableKb = mem.map(Memory::availableKb).orElse(null);
    s.buffersKb = mem.map(Memory::buffersKb).orElse(null);
    s.cachedKb = mem.map(Memory::cachedKb).orElse(null);
    s.swapTotalKb = mem.map(Memory::swapTotalKb).orElse(null);
    s.swapFreeKb = mem.map(Memory::swapFreeKb).orElse(null);
    Optional<Load> load = Optional.ofNullable(b.load());
    s.load1 = load.map(Load::one).orElse(null);
    s.load5 = load.map(Load::five).orElse(null);
    s.load15 = load.map(Load::fifteen).orElse(null);
    return s;
  }

  public long getSeq() {
    return seq;
  }

  public long getTsMs() {
    return tsMs;
  }

  public Double getCpuPct() {
    return cpuPct;
  }

  public Long getMemTotalKb() {
    return memTotalKb;
  }

  public Long getMemAvailableKb() {
    return memAvailableKb;
  }

  public Double getLoad1() {
    return load1;
  }
}
