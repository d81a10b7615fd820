package io.vigia.agent.ship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolFileTest {

  @TempDir Path dir;

  private static byte[] body(long seq) {
    return MonitorClient.gzip("{\"seq\":" + seq + "}");
  }

  private static String text(byte[] gz) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Takes and removes everything, oldest first, as the shipper does. */
  private static List<Long> drain(SpoolFile spool) throws Exception {
    List<Long> seqs = new ArrayList<>();
    Optional<SpoolFile.Entry> e;
    while ((e = spool.oldest(0, TimeUnit.MILLISECONDS)).isPresent()) {
      assertThat(text(e.get().body())).isEqualTo("{\"seq\":" + e.get().seq() + "}");
      seqs.add(e.get().seq());
      spool.remove(e.get().seq());
    }
    return seqs;
  }

  @Test
  void handsOutBatchesOldestFirst() throws Exception {
    SpoolFile spool = new SpoolFile(dir, 1 << 20);
    for (long seq : new long[] {7, 9, 10, 1000, 1001}) {
      spool.append(seq, body(seq));
    }

    assertThat(drain(spool)).containsExactly(7L, 9L, 10L, 1000L, 1001L);
    assertThat(spool.size()).isZero();
    assertThat(spool.bytes()).isZero();
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void oldestLeavesTheBatchInPlaceUntilRemoved() throws Exception {
    SpoolFile spool = new SpoolFile(dir, 1 << 20);
    spool.append(1, body(1));

    assertThat(spool.oldest(0, TimeUnit.MILLISECONDS).orElseThrow().seq()).isEqualTo(1);
    assertThat(spool.oldest(0, TimeUnit.MILLISECONDS).orElseThrow().seq()).isEqualTo(1);
    spool.remove(1);
    spool.remove(1); // a second remove, e.g. after a drop, is harmless
    assertThat(spool.oldest(0, TimeUnit.MILLISECONDS)).isEmpty();
  }

  @Test
  void refusesASeqThatIsNotAfterTheNewest() throws Exception {
    SpoolFile spool = new SpoolFile(dir, 1 << 20);
    spool.append(5, body(5));

    assertThatThrownBy(() -> spool.append(5, body(5))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> spool.append(4, body(4))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void dropsTheOldestWhenFullAndCountsThem() throws Exception {
    long each = body(100).length;
    SpoolFile spool = new SpoolFile(dir, each * 3);
    for (long seq = 100; seq < 110; seq++) {
      spool.append(seq, body(seq));
    }

    assertThat(spool.dropped()).isEqualTo(7);
    assertThat(spool.size()).isEqualTo(3);
    assertThat(spool.bytes()).isLessThanOrEqualTo(each * 3);
    assertThat(drain(spool)).containsExactly(107L, 108L, 109L);
    assertThat(spool.dropped()).isEqualTo(7);
  }

  @Test
  void keepsTheNewestBatchEvenWhenItAloneExceedsTheBound() throws Exception {
    SpoolFile spool = new SpoolFile(dir, 10);
    spool.append(1, body(1));
    spool.append(2, body(2));

    assertThat(spool.dropped()).isEqualTo(1);
    assertThat(drain(spool)).containsExactly(2L);
  }

  @Test
  void logsHowManyWereDropped() throws Exception {
    List<String> warnings = new ArrayList<>();
    Logger log = Logger.getLogger(SpoolFile.class.getName());
    Handler h =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            warnings.add(r.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    log.addHandler(h);
    try {
      SpoolFile spool = new SpoolFile(dir, body(1).length * 2L);
      for (long seq = 1; seq <= 4; seq++) {
        spool.append(seq, body(seq));
      }
    } finally {
      log.removeHandler(h);
    }

    assertThat(warnings)
        .anyMatch(m -> m.contains("dropped") && m.contains("2 dropped since start"));
  }

  @Test
  void picksUpUnsentBatchesAfterARestart() throws Exception {
    SpoolFile before = new SpoolFile(dir, 1 << 20);
    for (long seq = 1; seq <= 5; seq++) {
      before.append(seq, body(seq));
    }
    before.remove(1);
    // A crash in the middle of an append leaves a temp file; it was never a batch.
    Files.write(dir.resolve("00000000000000000006.json.gz.tmp"), new byte[] {1, 2});

    SpoolFile after = new SpoolFile(dir, 1 << 20);

    assertThat(after.size()).isEqualTo(4);
    assertThat(after.newestSeq()).hasValue(5);
    assertThat(Files.exists(dir.resolve("00000000000000000006.json.gz.tmp"))).isFalse();
    after.append(6, body(6));
    assertThat(drain(after)).containsExactly(2L, 3L, 4L, 5L, 6L);
  }

  @Test
  void appliesTheBoundToWhatARestartFinds() throws Exception {
    SpoolFile before = new SpoolFile(dir, 1 << 20);
    for (long seq = 1; seq <= 5; seq++) {
      before.append(seq, body(seq));
    }

    SpoolFile smaller = new SpoolFile(dir, body(1).length * 2L);

    assertThat(smaller.dropped()).isEqualTo(3);
    assertThat(drain(smaller)).containsExactly(4L, 5L);
  }

  @Test
  void skipsADamagedFileWithAWarningAndGoesOn() throws Exception {
    SpoolFile spool = new SpoolFile(dir, 1 << 20);
    for (long seq = 1; seq <= 3; seq++) {
      spool.append(seq, body(seq));
    }
    Path second = dir.resolve("00000000000000000002.json.gz");
    byte[] whole = Files.readAllBytes(second);
    Files.write(second, java.util.Arrays.copyOf(whole, whole.length - 6)); // cut short
    Files.write(dir.resolve("00000000000000000004.json.gz"), new byte[0]); // empty after a crash
    Files.write(
        dir.resolve("00000000000000000005.json.gz"), "not gzip".getBytes(StandardCharsets.UTF_8));
    SpoolFile reopened = new SpoolFile(dir, 1 << 20);
    reopened.append(6, body(6));

    assertThat(drain(reopened)).containsExactly(1L, 3L, 6L);
    assertThat(Files.exists(second)).isFalse();
    assertThat(reopened.bytes()).isZero();
  }

  @Test
  void waitsForABatchToArrive() throws Exception {
    SpoolFile spool = new SpoolFile(dir, 1 << 20);
    Thread later =
        new Thread(
            () -> {
              try {
                Thread.sleep(100);
                spool.append(42, body(42));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    later.start();

    assertThat(spool.oldest(10, TimeUnit.SECONDS).orElseThrow().seq()).isEqualTo(42);
    later.join();
  }

  @Test
  void ignoresFilesItDidNotWrite() throws Exception {
    Files.writeString(dir.resolve("README"), "hello");

    SpoolFile spool = new SpoolFile(dir, 1 << 20);

    assertThat(spool.size()).isZero();
    assertThat(Files.exists(dir.resolve("README"))).isTrue();
  }
}
