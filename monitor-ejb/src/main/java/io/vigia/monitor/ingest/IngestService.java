package io.vigia.monitor.ingest;

import io.vigia.monitor.command.CommandQueue;
import io.vigia.monitor.history.LateSamples;
import io.vigia.monitor.host.Host;
import io.vigia.monitor.latest.LatestState;
import io.vigia.monitor.latest.Snapshots;
import io.vigia.wire.Batch;
import io.vigia.wire.Command;
import io.vigia.wire.Cpu;
import io.vigia.wire.Memory;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/**
 * Stores one batch of one host in one transaction: the sample, the host's latest values, the
 * results of earlier commands, and the hand-over of queued commands — all of it or nothing. A batch
 * whose seq is already stored stores no sample and is reported as a duplicate.
 */
@Stateless
public class IngestService {

  @PersistenceContext(unitName = "vigia")
  private EntityManager em;

  @Inject private CommandQueue commands;
  @Inject private LatestState latest;
  @Inject private Snapshots snapshots;
  @Inject private LateSamples late;

  /** What a push led to: whether its sample was new, and the commands for the agent. */
  public record Outcome(boolean stored, List<Command> commands) {}

  public Outcome ingest(long hostId, Batch batch, long receivedMs) {
    if (batch.results() != null && !batch.results().isEmpty()) {
      commands.record(hostId, batch.results(), receivedMs);
    }
    boolean stored = store(hostId, batch, receivedMs);
    return new Outcome(stored, commands.deliver(hostId, receivedMs));
  }

  private boolean store(long hostId, Batch batch, long receivedMs) {
    // Locking the host row serialises a host's batches, so a duplicate sent twice at once is
    // found by the lookup below rather than by a key violation at commit.
    Host host = em.find(Host.class, hostId, LockModeType.PESSIMISTIC_WRITE);
    if (em.find(Sample.class, new SampleId(hostId, batch.seq())) != null) {
      host.seen(receivedMs, batch.seq(), host.getCpuPct(), host.getRamUsedPct());
      return false;
    }
    em.persist(Sample.of(hostId, batch));
    late.arrived(batch.ts(), receivedMs);
    boolean newest = host.getLastSeq() == null || batch.seq() > host.getLastSeq();
    host.seen(
        receivedMs,
        batch.seq(),
        Optional.ofNullable(batch.cpu()).map(Cpu::pct).orElse(null),
        Optional.ofNullable(batch.memory()).map(Memory::usedPct).orElse(null));
    if (newest) {
      latest.put(hostId, batch);
    }
    if ((batch.processes() != null || batch.containers() != null) && host.snapshotDue(batch.ts())) {
      snapshots.write(hostId, batch);
    }
    return true;
  }

  /** A host's raw samples in seq order (for checks and, later, history). */
  public List<Sample> samplesOf(long hostId) {
    return em.createNamedQuery("Sample.findByHost", Sample.class)
        .setParameter("hostId", hostId)
        .getResultList();
  }
}
