package io.vigia.agent.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One cgroup file read again and again, kept open between reads: a read from offset 0 ({@code
 * pread}) makes the kernel generate the file's content afresh, so the path walk, open and release
 * of a new open every second are saved. The content comes in one {@code read} call: the kernel
 * hands a cgroup file out whole up to the buffer's size, and a buffer that came back full is taken
 * as too small (the caller grows it and reads again). Not thread-safe.
 */
final class CgroupFile implements AutoCloseable {

  private final Path path;
  private final boolean keepOpen;
  private FileChannel channel;

  /**
   * @param keepOpen false: opened and closed on every read (no descriptor held between reads)
   */
  CgroupFile(Path path, boolean keepOpen) {
    this.path = path;
    this.keepOpen = keepOpen;
  }

  /**
   * Reads the whole file into {@code buf} (cleared first, flipped after).
   *
   * @return how many bytes came ({@code buf.capacity()}: maybe more are left, read again with a
   *     bigger buffer), or -1 when it cannot be read (its cgroup is gone)
   */
  int readInto(ByteBuffer buf) {
    buf.clear();
    try {
      if (channel == null) {
        channel = FileChannel.open(path, StandardOpenOption.READ);
      }
      int n = channel.read(buf, 0);
      buf.flip();
      if (!keepOpen) {
        close();
      }
      return Math.max(n, 0);
    } catch (IOException gone) {
      buf.flip();
      close();
      return -1;
    }
  }

  @Override
  public void close() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // a read-only descriptor of a pseudo-file: nothing was written that could be lost
      }
      channel = null;
    }
  }
}
