package io.vigia.monitor.host;

import io.vigia.wire.Batch;
import io.vigia.wire.ContainerInfo;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the fleet page shows of each host beyond its latest CPU and RAM: load, process and container
 * counts, and the last minutes of CPU and RAM for the sparklines — kept in memory from the batches
 * this node stores, so the page of 500 hosts reads no sample rows and parses no process lists.
 *
 * <p>The sparkline holds {@value #POINTS} points of {@value #STEP_MS} ms each (the average of the
 * samples in that step). In a cluster each node keeps what it ingested; a host whose pushes land on
 * another node shows its figures from the host row and an empty sparkline on this one.
 */
@ApplicationScoped
public class FleetVitals {

  /** Points in a sparkline. */
  static final int POINTS = 60;

  /** One sparkline point per 10 s: 60 points are the last 10 minutes. */
  public static final long STEP_MS = 10_000;

  /**
   * A host's figures from its latest batch; counts null when the batch had none.
   *
   * @param cpu and {@code ram}: sparkline points, oldest first, {@code null} for steps without a
   *     sample; {@code stepStartMs} is the start of the first step
   */
  public record Vitals(
      long ts,
      Double load1,
      Integer processes,
      Integer containers,
      Integer containersRunning,
      long stepStartMs,
      Double[] cpu,
      Double[] ram) {}

  private final Map<Long, Recent> hosts = new ConcurrentHashMap<>();

  /** Takes the figures of a batch just stored; an older batch than the last one changes nothing. */
  public void record(long hostId, Batch batch) {
    hosts.computeIfAbsent(hostId, id -> new Recent()).add(batch);
  }

  public Optional<Vitals> of(long hostId, long now) {
    Recent r = hosts.get(hostId);
    return r == null ? Optional.empty() : Optional.of(r.vitals(now));
  }

  /** One host's recent figures; its own lock, so hosts never wait on each other. */
  static final class Recent {
    private long ts = Long.MIN_VALUE;
    private Double load1;
    private Integer processes;
    private Integer containers;
    private Integer containersRunning;

    // A ring of POINTS steps: sums and counts per step, and the step each slot holds.
    private final long[] step = new long[POINTS];
    private final double[] cpuSum = new double[POINTS];
    private final int[] cpuN = new int[POINTS];
    private final double[] ramSum = new double[POINTS];
    private final int[] ramN = new int[POINTS];

    Recent() {
      java.util.Arrays.fill(step, Long.MIN_VALUE);
    }

    synchronized void add(Batch b) {
      if (b.ts() > ts) {
        ts = b.ts();
        load1 = b.load() == null ? null : b.load().one();
        processes =
            b.processes() == null || b.processes().counts() == null
                ? null
                : b.processes().counts().total();
        if (b.containers() != null) {
          containers = b.containers().size();
          containersRunning =
              (int)
                  b.containers().stream()
                      .map(ContainerInfo::state)
                      .filter("running"::equals)
                      .count();
        }
      }
      long s = Math.floorDiv(b.ts(), STEP_MS);
      int i = (int) Math.floorMod(s, POINTS);
      if (step[i] != s) {
        if (step[i] > s) {
          return; // older than the ring: nothing to add to
        }
        step[i] = s;
        cpuSum[i] = 0;
        cpuN[i] = 0;
        ramSum[i] = 0;
        ramN[i] = 0;
      }
      Double cpu = b.cpu() == null ? null : b.cpu().pct();
      Double ram = b.memory() == null ? null : b.memory().usedPct();
      if (cpu != null) {
        cpuSum[i] += cpu;
        cpuN[i]++;
      }
      if (ram != null) {
        ramSum[i] += ram;
        ramN[i]++;
      }
    }

    synchronized Vitals vitals(long now) {
      long last = Math.floorDiv(now, STEP_MS);
      long first = last - POINTS + 1;
      Double[] cpu = new Double[POINTS];
      Double[] ram = new Double[POINTS];
      for (int k = 0; k < POINTS; k++) {
        long s = first + k;
        int i = (int) Math.floorMod(s, POINTS);
        if (step[i] == s) {
          cpu[k] = cpuN[i] == 0 ? null : cpuSum[i] / cpuN[i];
          ram[k] = ramN[i] == 0 ? null : ramSum[i] / ramN[i];
        }
      }
      return new Vitals(
          ts, load1, processes, containers, containersRunning, first * STEP_MS, cpu, ram);
    }
  }
}
