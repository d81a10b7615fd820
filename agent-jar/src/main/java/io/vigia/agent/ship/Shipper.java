package io.vigia.agent.ship;

import io.vigia.wire.Command;
import io.vigia.wire.ContainerPolicy;
import io.vigia.wire.IngestReply;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drains the spool to the monitor on its own thread, oldest batch first, so collection never waits
 * on the network. A batch leaves the spool only when the monitor has it ({@code stored} true, or
 * false for a duplicate of a batch it already had, which is what makes replays idempotent) or when
 * the monitor refused it for good. Anything else — no connection, a timeout, a 5xx — keeps the
 * batch at the head of the spool and retries after a backoff with jitter.
 *
 * <p>An outage is logged twice: when the first push fails, and when the spool has been drained
 * again, with how many batches were replayed.
 */
public final class Shipper implements AutoCloseable {

  /** Sends one gzipped batch body; {@link MonitorClient#push(String, byte[])} with the token. */
  @FunctionalInterface
  public interface Transport {
    IngestReply push(byte[] gzippedJson) throws IOException, InterruptedException;
  }

  private static final Logger LOG = Logger.getLogger(Shipper.class.getName());

  private final SpoolFile spool;
  private final Transport transport;
  private final Consumer<List<Command>> commands;
  private final Consumer<ContainerPolicy> policies;
  private final Backoff backoff;
  private final Thread thread;
  private volatile boolean stopping;

  // Outage bookkeeping, touched by the shipper thread only.
  private long outageStartNanos;
  private volatile boolean inOutage;
  private long droppedAtOutageStart;
  private int failuresInARow;
  private long replayed;

  public Shipper(
      SpoolFile spool, Transport transport, Consumer<List<Command>> commands, Backoff backoff) {
    this(spool, transport, commands, p -> {}, backoff);
  }

  /** As above; {@code policies} receives the container policy a reply carries. */
  public Shipper(
      SpoolFile spool,
      Transport transport,
      Consumer<List<Command>> commands,
      Consumer<ContainerPolicy> policies,
      Backoff backoff) {
    this.policies = policies;
    this.spool = spool;
    this.transport = transport;
    this.commands = commands;
    this.backoff = backoff;
    this.thread = new Thread(this::loop, "vigia-ship");
  }

  public void start() {
    thread.start();
  }

  /** Whether an answer with this status means the batch itself is bad, so resending is useless. */
  static boolean refusedForGood(int status) {
    // 401/403: a token problem the operator fixes by enrolling again; 404: a wrong URL or a monitor
    // still deploying. None says anything about the batch, so it is kept and retried.
    return status >= 400
        && status < 500
        && status != 401
        && status != 403
        && status != 404
        && status != 408
        && status != 429;
  }

  private void loop() {
    while (!stopping) {
      try {
        Optional<SpoolFile.Entry> next = spool.oldest(1, TimeUnit.SECONDS);
        if (next.isPresent()) {
          ship(next.get());
        }
      } catch (InterruptedException e) {
        return; // stopping: what is not sent stays in the spool for the next start
      } catch (IOException | RuntimeException e) {
        // The spool's disk, not the network: log, wait, try again rather than die.
        LOG.log(Level.SEVERE, "shipping stalled: " + e, e);
        if (!pause(++failuresInARow)) {
          return;
        }
      }
    }
  }

  private void ship(SpoolFile.Entry entry) throws IOException, InterruptedException {
    IngestReply reply;
    try {
      reply = transport.push(entry.body());
    } catch (MonitorClient.RejectedException e) {
      if (refusedForGood(e.status())) {
        LOG.warning(
            () ->
                "monitor refused batch seq "
                    + entry.seq()
                    + " for good, dropping it: "
                    + e.getMessage());
        spool.remove(entry.seq());
        delivered();
        return;
      }
      failed(e);
      return;
    } catch (IOException e) {
      failed(e);
      return;
    }
    spool.remove(entry.seq());
    delivered();
    if (reply.policy() != null) {
      try {
        policies.accept(reply.policy());
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "container policy " + reply.policy() + " could not be taken", e);
      }
    }
    List<Command> orders = reply.commands();
    if (orders != null && !orders.isEmpty()) {
      try {
        commands.accept(orders);
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "commands " + orders + " could not be handled", e);
      }
    }
  }

  private void delivered() {
    failuresInARow = 0;
    if (!inOutage) {
      return;
    }
    replayed++;
    if (spool.size() == 0) {
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - outageStartNanos);
      long dropped = spool.dropped() - droppedAtOutageStart;
      LOG.info(
          "monitor reachable again: outage of "
              + seconds
              + " s over, "
              + replayed
              + " batches replayed, "
              + dropped
              + " dropped for lack of spool space");
      inOutage = false;
    }
  }

  private void failed(IOException e) throws InterruptedException {
    if (!inOutage) {
      inOutage = true;
      outageStartNanos = System.nanoTime();
      droppedAtOutageStart = spool.dropped();
      replayed = 0;
      LOG.warning(
          "monitor unreachable ("
              + describe(e)
              + "): keeping batches in the spool and retrying with backoff");
    }
    if (!pause(++failuresInARow)) {
      throw new InterruptedException();
    }
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  /** Sleeps the backoff; false when woken because the shipper is stopping. */
  private boolean pause(int failures) {
    try {
      Thread.sleep(backoff.delayMillis(failures));
      return !stopping;
    } catch (InterruptedException e) {
      return false;
    }
  }

  /** Whether the monitor is currently failing (for tests and status). */
  public boolean inOutage() {
    return inOutage;
  }

  /** Stops the thread; unsent batches stay in the spool. */
  @Override
  public void close() throws InterruptedException {
    stopping = true;
    thread.interrupt();
    thread.join(TimeUnit.SECONDS.toMillis(5));
  }
}
