package io.vigia.agent.ship;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The bounded on-disk queue of batches not yet accepted by the monitor, oldest first.
 *
 * <p>Format: one file per batch in one directory, named by its seq zero-padded to 20 digits ({@code
 * 00000001767225600000.json.gz}), holding exactly the gzipped JSON body that is POSTed. Each is
 * written to a {@code .tmp} name and renamed into place, so a crash leaves either a whole batch or
 * a stray temp file (deleted at the next start), never half a batch under a real name. Why this
 * rather than segment files: at one batch per second the file count stays small (a day of outage is
 * 86,400 files of a few KB), removing a sent batch is one unlink with no compaction, dropping the
 * oldest is the same unlink, order is the file names' order, and an operator can look at a batch
 * with {@code zcat}. gzip's CRC-32 tells a damaged file (e.g. cut short by a power loss, as nothing
 * is fsynced) from a good one; such a file is skipped with a warning.
 *
 * <p>Thread-safe: the collector appends while the shipper takes and removes.
 */
public final class SpoolFile {

  private static final Logger LOG = Logger.getLogger(SpoolFile.class.getName());
  private static final String SUFFIX = ".json.gz";
  private static final Pattern NAME = Pattern.compile("\\d{20}\\.json\\.gz");

  /** One spooled batch: its seq and its body (gzipped JSON). */
  public record Entry(long seq, byte[] body) {}

  private final Path dir;
  private final long maxBytes;
  private final TreeMap<Long, Long> sizes = new TreeMap<>(); // seq -> file size
  private long totalBytes;
  private long dropped;

  /**
   * Opens (creating if needed) the spool in {@code dir}, picking up what a previous run left.
   *
   * @param maxBytes the most the spool's files may hold together; beyond it the oldest go
   */
  public SpoolFile(Path dir, long maxBytes) throws IOException {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
    }
    this.dir = dir;
    this.maxBytes = maxBytes;
    Files.createDirectories(dir);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        if (name.endsWith(".tmp")) {
          Files.deleteIfExists(f); // an append cut short by a crash; never acknowledged anywhere
        } else if (NAME.matcher(name).matches()) {
          long size = Files.size(f);
          sizes.put(Long.parseLong(name.substring(0, 20)), size);
          totalBytes += size;
        } else {
          LOG.warning(() -> "ignoring unexpected file in the spool: " + f);
        }
      }
    }
    if (!sizes.isEmpty()) {
      LOG.info(
          () ->
              sizes.size()
                  + " unsent batches ("
                  + totalBytes
                  + " bytes) found in "
                  + dir
                  + "; they go first");
    }
    dropOldestBeyondBound();
  }

  /**
   * Adds a batch at the end. If the spool then holds more than its bound, the oldest batches are
   * deleted (never this one) and counted in {@link #dropped()}.
   *
   * @param seq greater than every seq already spooled
   * @param body the gzipped JSON body
   */
  public synchronized void append(long seq, byte[] body) throws IOException {
    if (!sizes.isEmpty() && seq <= sizes.lastKey()) {
      throw new IllegalArgumentException(
          "seq " + seq + " is not after the newest spooled seq " + sizes.lastKey());
    }
    Path target = file(seq);
    Path tmp = dir.resolve(target.getFileName() + ".tmp");
    Files.write(tmp, body);
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    sizes.put(seq, (long) body.length);
    totalBytes += body.length;
    dropOldestBeyondBound();
    notifyAll();
  }

  private void dropOldestBeyondBound() throws IOException {
    long before = dropped;
    while (totalBytes > maxBytes && sizes.size() > 1) {
      Map.Entry<Long, Long> oldest = sizes.pollFirstEntry();
      Files.deleteIfExists(file(oldest.getKey()));
      totalBytes -= oldest.getValue();
      dropped++;
    }
    if (dropped > before) {
      long now = dropped - before;
      LOG.warning(
          () ->
              "spool full ("
                  + maxBytes
                  + " bytes): dropped the "
                  + now
                  + " oldest batches, "
                  + dropped
                  + " dropped since start");
    }
  }

  /**
   * The oldest batch, waiting up to {@code timeout} for one to arrive. Damaged files met on the way
   * are deleted with a warning. Does not remove the batch: call {@link #remove} once it is sent.
   */
  public synchronized Optional<Entry> oldest(long timeout, TimeUnit unit)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (true) {
      while (!sizes.isEmpty()) {
        long seq = sizes.firstKey();
        Optional<byte[]> body = read(seq);
        if (body.isPresent()) {
          return Optional.of(new Entry(seq, body.get()));
        }
        totalBytes -= sizes.remove(seq);
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return Optional.empty();
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  /** The body of a spooled file if it is whole; a damaged one is deleted with a warning. */
  private Optional<byte[]> read(long seq) throws IOException {
    Path f = file(seq);
    byte[] body;
    try {
      body = Files.readAllBytes(f);
    } catch (NoSuchFileException e) {
      LOG.warning(() -> "spooled batch " + f + " vanished; skipping it");
      return Optional.empty();
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      in.transferTo(
          OutputStream.nullOutputStream()); // reads to the end, checking the CRC and length
      return Optional.of(body);
    } catch (IOException e) {
      LOG.warning(
          () -> "skipping damaged spooled batch " + f + " (" + e.getMessage() + "); deleting it");
      Files.deleteIfExists(f);
      return Optional.empty();
    }
  }

  /** Forgets a batch once the monitor has it (or refused it for good). Unknown seqs are ignored. */
  public synchronized void remove(long seq) throws IOException {
    Long size = sizes.remove(seq);
    if (size != null) {
      totalBytes -= size;
      Files.deleteIfExists(file(seq));
    }
  }

  public synchronized int size() {
    return sizes.size();
  }

  public synchronized long bytes() {
    return totalBytes;
  }

  /** How many batches were dropped to keep the bound, since this spool was opened. */
  public synchronized long dropped() {
    return dropped;
  }

  /** The newest seq in the spool, so a restarted agent never reuses one. */
  public synchronized OptionalLong newestSeq() {
    return sizes.isEmpty() ? OptionalLong.empty() : OptionalLong.of(sizes.lastKey());
  }

  private Path file(long seq) {
    return dir.resolve(String.format("%020d", seq) + SUFFIX);
  }
}
