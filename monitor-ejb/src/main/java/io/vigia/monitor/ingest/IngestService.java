package io.vigia.monitor.ingest;

import io.vigia.monitor.command.CommandQueue;
import io.vigia.monitor.history.LateSamples;
import io.vigia.monitor.latest.BatchLanded;
import io.vigia.monitor.latest.LatestState;
import io.vigia.wire.Batch;
import io.vigia.wire.Command;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Stores one batch of one host. The sample (with the host's latest values, the container events it
 * reports and, once a minute, its top processes and containers) goes to the {@link SampleWriter},
 * which commits it with other hosts' batches; the push is answered only after that commit. A batch
 * whose seq is already stored stores nothing and is reported as a duplicate.
 *
 * <p>Commands ride in the same push: the results an agent reports and the commands waiting for it
 * are exchanged in a transaction of their own, after the sample is stored — so if that fails, the
 * agent sends the batch again (a duplicate now) and gets its commands then. The host row is read
 * for that only when commands wait or results come; otherwise a push touches the database once,
 * inside a group.
 *
 * <p>A plain CDI bean, not an EJB: it starts no transaction of its own, and an EJB call per push
 * cost more than the rest of the push's work in the monitor.
 */
@ApplicationScoped
public class IngestService {

  /** How long a push waits for its group's commit before the agent is told to try again. */
  private static final long COMMIT_WAIT_S = 30;

  @Inject private SampleWriter writer;
  @Inject private CommandQueue commands;
  @Inject private LatestState latest;
  @Inject private io.vigia.monitor.host.FleetVitals vitals;
  @Inject private LateSamples late;
  @Inject private io.vigia.monitor.container.PolicyDelivery policies;
  @Inject private Event<BatchLanded> landed;

  /**
   * How often a host's containers' figures are stored (the containers' raw history): every batch
   * would be a row per container per second, which with 5 containers a host doubled the ingest p99
   * of 1,000 hosts. The live host page still shows every batch, pushed.
   */
  @Inject
  @ConfigProperty(name = "vigia.history.container-interval", defaultValue = "PT10S")
  Duration containerInterval;

  /**
   * What a push led to: whether its sample was new, the commands for the agent, and the container
   * policy when the agent's differs (else null).
   */
  public record Outcome(
      boolean stored, List<Command> commands, io.vigia.wire.ContainerPolicy policy) {}

  /** The push could not be stored now; the agent keeps the batch and sends it again. */
  public static class NotStored extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotStored(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * @throws SampleWriter.Overloaded when too many pushes wait for the database already
   * @throws NotStored when the database did not take the batch
   * @throws SampleWriter.Refused when the database cannot take this batch, ever
   */
  public Outcome ingest(long hostId, Batch batch, long receivedMs) {
    boolean snapshot =
        (batch.processes() != null || batch.containers() != null)
            && latest.snapshotDue(hostId, batch.ts());
    boolean containers =
        batch.containers() != null
            && !batch.containers().isEmpty()
            && latest.containerSampleDue(hostId, batch.ts(), containerInterval.toMillis());
    boolean stored;
    try {
      stored = await(writer.submit(hostId, batch, receivedMs, snapshot, containers));
    } catch (RuntimeException e) {
      latest.notStored(hostId, batch.ts(), snapshot, containers);
      throw e;
    }
    if (stored) {
      late.arrived(batch.ts(), receivedMs);
      if (latest.putIfNewer(hostId, batch)) {
        // Synchronous, on this thread: the observers (live pages) return at once by contract.
        landed.fire(new BatchLanded(hostId, batch.host(), batch));
      }
      vitals.record(hostId, batch);
    }
    io.vigia.wire.ContainerPolicy policy =
        policies.forReply(hostId, batch.policyVersion(), receivedMs);
    boolean hasResults = batch.results() != null && !batch.results().isEmpty();
    boolean pending = latest.takeCommandsPending(hostId);
    if (!hasResults && !pending) {
      return new Outcome(stored, List.of(), policy);
    }
    try {
      return new Outcome(stored, commands.exchange(hostId, batch.results(), receivedMs), policy);
    } catch (RuntimeException e) {
      if (pending) {
        latest.commandsStillPending(hostId);
      }
      throw e;
    }
  }

  private static boolean await(CompletableFuture<Boolean> stored) {
    try {
      return stored.get(COMMIT_WAIT_S, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NotStored("interrupted while the batch was being stored", e);
    } catch (TimeoutException e) {
      throw new NotStored("the database did not store the batch within " + COMMIT_WAIT_S + " s", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SampleWriter.Overloaded overloaded) {
        throw overloaded;
      }
      if (e.getCause() instanceof SampleWriter.Refused refused) {
        throw refused;
      }
      throw new NotStored("the database did not store the batch", e.getCause());
    }
  }
}
