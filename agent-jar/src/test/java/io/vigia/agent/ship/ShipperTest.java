package io.vigia.agent.ship;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.wire.Command;
import io.vigia.wire.IngestReply;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShipperTest {

  @TempDir Path dir;

  private final Backoff fast =
      new Backoff(Duration.ofMillis(1), Duration.ofMillis(20), new Random(7));
  private final List<Long> delivered = new CopyOnWriteArrayList<>();
  private final List<Command> commandsSeen = new CopyOnWriteArrayList<>();

  private static long seqOf(byte[] gz) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return Long.parseLong(json.replaceAll("\\D+", ""));
    }
  }

  private static byte[] body(long seq) {
    return MonitorClient.gzip("{\"seq\":" + seq + "}");
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(5);
    }
  }

  @Test
  void replaysSpoolInOrderAfterOutage() throws Exception {
    SpoolFile spool = new SpoolFile(dir, 1 << 20);
    AtomicInteger calls = new AtomicInteger();
    Shipper.Transport flaky =
        gz -> {
          // Down for the first 25 attempts, as a monitor that was stopped.
          if (calls.incrementAndGet() <= 25) {
            throw new ConnectException("Connection refused");
          }
          long seq = seqOf(gz);
          delivered.add(seq);
          return new IngestReply(seq, true, List.of(), null);
        };
    for (long seq = 1; seq <= 10; seq++) {
      spool.append(seq, body(seq));
    }
    try (Shipper shipper = new Shipper(spool, flaky, commandsSeen::addAll, fast)) {
      shipper.start();
      await(() -> calls.get() > 5);
      assertThat(shipper.inOutage()).isTrue();
      for (long seq = 11; seq <= 20; seq++) { // collection goes on during the outage
        spool.append(seq, body(seq));
      }
      await(() -> delivered.size() == 20);
      await(() -> !shipper.inOutage());
    }

    assertThat(delivered)
        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 20).boxed().toList());
    assertThat(spool.size()).isZero();
  }

  @Test
  void acknowledgedDuplicateLeavesTheSpool() throws Exception {
    SpoolFile spool = new SpoolFile(dir, 1 << 20);
    spool.append(1, body(1));
    try (Shipper shipper =
        new Shipper(
            spool, gz -> new IngestReply(seqOf(gz), false, List.of(), null), c -> {}, fast)) {
      shipper.start();
      await(() -> spool.size() == 0);
    }
  }

  @Test
  void badBatchIsDroppedNotRetried() throws Exception {
    SpoolFile spool = new SpoolFile(dir, 1 << 20);
    AtomicInteger attemptsOfBad = new AtomicInteger();
    Shipper.Transport monitor =
        gz -> {
          long seq = seqOf(gz);
          if (seq == 2) {
            attemptsOfBad.incrementAndGet();
            throw new MonitorClient.RejectedException(400, "{\"title\":\"Bad Request\"}");
          }
          delivered.add(seq);
          return new IngestReply(seq, true, List.of(), null);
        };
    for (long seq = 1; seq <= 3; seq++) {
      spool.append(seq, body(seq));
    }
    try (Shipper shipper = new Shipper(spool, monitor, c -> {}, fast)) {
      shipper.start();
      await(() -> delivered.size() == 2);
    }

    assertThat(delivered).containsExactly(1L, 3L);
    assertThat(attemptsOfBad).hasValue(1);
  }

  @Test
  void serverErrorsAndThrottlingAreRetried() throws Exception {
    SpoolFile spool = new SpoolFile(dir, 1 << 20);
    int[] answers = {503, 500, 429, 408, 404, 401};
    AtomicInteger calls = new AtomicInteger();
    Shipper.Transport monitor =
        gz -> {
          int n = calls.getAndIncrement();
          if (n < answers.length) {
            throw new MonitorClient.RejectedException(answers[n], "try later");
          }
          delivered.add(seqOf(gz));
          return new IngestReply(seqOf(gz), true, List.of(), null);
        };
    spool.append(1, body(1));
    try (Shipper shipper = new Shipper(spool, monitor, c -> {}, fast)) {
      shipper.start();
      await(() -> delivered.size() == 1);
    }

    assertThat(calls).hasValue(answers.length + 1);
  }

  @Test
  void handsTheReplysCommandsOn() throws Exception {
    SpoolFile spool = new SpoolFile(dir, 1 << 20);
    Command kill = new Command(9, "kill", 1234, 5678L, null, null);
    spool.append(1, body(1));
    try (Shipper shipper =
        new Shipper(
            spool,
            gz -> new IngestReply(seqOf(gz), true, List.of(kill), null),
            commandsSeen::addAll,
            fast)) {
      shipper.start();
      await(() -> !commandsSeen.isEmpty());
    }

    assertThat(commandsSeen).containsExactly(kill);
  }

  @Test
  void onlyRefusalsThatBlameTheBatchAreFinal() {
    assertThat(Shipper.refusedForGood(400)).isTrue();
    assertThat(Shipper.refusedForGood(413)).isTrue();
    assertThat(Shipper.refusedForGood(422)).isTrue();
    for (int status : new int[] {301, 401, 403, 404, 408, 429, 500, 502, 503}) {
      assertThat(Shipper.refusedForGood(status)).as("status %d", status).isFalse();
    }
  }
}
