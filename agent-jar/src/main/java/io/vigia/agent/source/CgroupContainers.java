package io.vigia.agent.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * Docker containers as cgroups show them, memory and CPU time per container, in every layout:
 *
 * <ul>
 *   <li>v1 (and the hybrid layout, v1 controllers beside an empty {@code unified/} v2 tree): {@code
 *       memory/docker/<id>/memory.usage_in_bytes} minus {@code total_inactive_file} of {@code
 *       memory.stat}, {@code memory.limit_in_bytes}, {@code cpuacct/docker/<id>/cpuacct.usage}
 *       (ns), {@code cpu/docker/<id>/cpu.cfs_quota_us} / {@code cpu.cfs_period_us} with Docker's
 *       cgroupfs driver, or the same files in {@code system.slice/docker-<id>.scope/} with its
 *       systemd driver;
 *   <li>v2: {@code system.slice/docker-<id>.scope/} (systemd driver) or {@code docker/<id>/}
 *       (cgroupfs driver) with {@code memory.current} minus {@code inactive_file}, {@code
 *       memory.max}, {@code usage_usec} in {@code cpu.stat} and {@code cpu.max}.
 * </ul>
 *
 * Memory used is what {@code docker stats} shows: the page cache the kernel can drop at once does
 * not count, and the result is never below 0.
 *
 * <p>Read every interval for every container, so kept cheap (bench/RESULTS.md): a container's usage
 * and CPU time files stay open and are read again from their start ({@link CgroupFile}) into one
 * reused buffer, parsed where they lie without strings. {@code memory.stat}, the dearest file for
 * the kernel to make, is read again only when the usage moved since it was last read, and at least
 * every {@link #MEMORY_STAT_EVERY} reads (inactive pages can move while the usage stands still: the
 * figure may then be that many seconds behind). The limits, which change only with {@code docker
 * update}, are read when a container is first seen and then every {@link #LIMITS_EVERY} reads.
 */
public final class CgroupContainers implements AutoCloseable {

  /** v1 writes "no limit" as the largest page-aligned counter, 9223372036854771712. */
  private static final long NO_LIMIT_ABOVE = Long.MAX_VALUE / 2;

  /**
   * One container's cgroup counters; a counter that could not be read is null.
   *
   * @param memUsedBytes usage minus inactive file pages, at least 0
   * @param memLimitBytes null when it has no limit
   * @param cpuNs CPU time of all its tasks since it started, ns
   * @param cpuLimitCores CFS quota / period (what {@code --cpus} sets); null when it has no limit
   */
  public record Reading(
      String id, Long memUsedBytes, Long memLimitBytes, Long cpuNs, Double cpuLimitCores) {}

  /** How many reads a container's limits are kept before they are read again. */
  static final int LIMITS_EVERY = 10;

  /** How many reads memory.stat's inactive file pages are kept while the usage stands still. */
  static final int MEMORY_STAT_EVERY = 5;

  /**
   * Containers whose files stay open between reads (two or three descriptors each); those beyond
   * are opened and closed on every read, so a host with thousands of containers does not run out.
   */
  static final int KEEP_OPEN_MAX = 1_000;

  private static final int MAX_BUFFER = 1 << 20;

  /** Where a container's cgroup was found: the layout and the folder it is listed in. */
  private enum Place {
    V2_SYSTEMD(true, "docker-", ".scope"),
    V2_CGROUPFS(true, "", ""),
    V1_CGROUPFS(false, "", ""),
    V1_SYSTEMD(false, "docker-", ".scope");

    final boolean v2;
    final String prefix;
    final String suffix;

    Place(boolean v2, String prefix, String suffix) {
      this.v2 = v2;
      this.prefix = prefix;
      this.suffix = suffix;
    }
  }

  /** What is kept of one container between reads. */
  private static final class Tracked implements AutoCloseable {
    final Place place;
    final Path memDir;
    final Path cpuDir; // v1: cpu controller (the limits); v2: the container's one folder
    final CgroupFile usage;
    final CgroupFile memoryStat;
    final CgroupFile cpuTime;
    Long memLimitBytes;
    Double cpuLimitCores;
    long limitsReadAt = Long.MIN_VALUE / 2;
    long usageAtStat = -1;
    Long inactiveBytes;
    long statReadAt = Long.MIN_VALUE / 2;

    Tracked(Place place, Path memDir, Path cpuacctDir, Path cpuDir, boolean keepOpen) {
      this.place = place;
      this.memDir = memDir;
      this.cpuDir = cpuDir;
      this.usage =
          new CgroupFile(
              memDir.resolve(place.v2 ? "memory.current" : "memory.usage_in_bytes"), keepOpen);
      this.memoryStat = new CgroupFile(memDir.resolve("memory.stat"), keepOpen);
      this.cpuTime =
          new CgroupFile(cpuacctDir.resolve(place.v2 ? "cpu.stat" : "cpuacct.usage"), keepOpen);
    }

    @Override
    public void close() {
      usage.close();
      memoryStat.close();
      cpuTime.close();
    }
  }

  private final Path root;
  private final Map<String, Tracked> tracked = new HashMap<>();
  private ByteBuffer buf = ByteBuffer.allocateDirect(8192);
  private long reads;

  public CgroupContainers(Path root) {
    this.root = root;
  }

  /** Every container found under the root, by id. Empty when there are none or no cgroupfs. */
  public Map<String, Reading> read() {
    Map<String, Reading> found = new TreeMap<>();
    if (Files.isRegularFile(root.resolve("cgroup.controllers"))) {
      readV2(root.resolve("system.slice"), Place.V2_SYSTEMD, found);
      readV2(root.resolve("docker"), Place.V2_CGROUPFS, found);
    } else {
      readV1(found);
    }
    for (Iterator<Map.Entry<String, Tracked>> it = tracked.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Tracked> e = it.next();
      if (!found.containsKey(e.getKey())) {
        e.getValue().close(); // its cgroup is gone
        it.remove();
      }
    }
    reads++;
    return found;
  }

  /** Closes the files kept open. */
  @Override
  public void close() {
    tracked.values().forEach(Tracked::close);
    tracked.clear();
  }

  private void readV2(Path parent, Place place, Map<String, Reading> found) {
    for (String name : children(parent)) {
      String id = idOf(name, place);
      if (id == null) {
        continue;
      }
      Tracked t = tracked.get(id);
      if (t == null || t.place != place) {
        Path dir = parent.resolve(name);
        t = track(id, new Tracked(place, dir, dir, dir, keepOpen(t)));
      }
      OptionalLong usec = load(t.cpuTime) ? statValue(buf, "usage_usec") : OptionalLong.empty();
      readLimits(t);
      found.put(
          id,
          new Reading(
              id,
              memUsed(t, "inactive_file"),
              t.memLimitBytes,
              usec.isPresent() ? usec.getAsLong() * 1000 : null,
              t.cpuLimitCores));
    }
  }

  private void readV1(Map<String, Reading> found) {
    Path cpuacct = root.resolve("cpuacct");
    if (!Files.isDirectory(cpuacct)) {
      cpuacct = root.resolve("cpu,cpuacct");
    }
    Path cpu = root.resolve("cpu");
    if (!Files.isDirectory(cpu)) {
      cpu = root.resolve("cpu,cpuacct");
    }
    // cgroupfs driver: docker/<id>; systemd driver: system.slice/docker-<id>.scope
    readV1(
        root.resolve("memory/docker"),
        cpuacct.resolve("docker"),
        cpu.resolve("docker"),
        Place.V1_CGROUPFS,
        found);
    readV1(
        root.resolve("memory/system.slice"),
        cpuacct.resolve("system.slice"),
        cpu.resolve("system.slice"),
        Place.V1_SYSTEMD,
        found);
  }

  private void readV1(
      Path memory, Path cpuacct, Path cpu, Place place, Map<String, Reading> found) {
    Set<String> names = new LinkedHashSet<>(children(memory));
    names.addAll(children(cpuacct));
    for (String name : names) {
      String id = idOf(name, place);
      if (id == null) {
        continue;
      }
      Tracked t = tracked.get(id);
      if (t == null || t.place != place) {
        t =
            track(
                id,
                new Tracked(
                    place,
                    memory.resolve(name),
                    cpuacct.resolve(name),
                    cpu.resolve(name),
                    keepOpen(t)));
      }
      readLimits(t);
      found.put(
          id,
          new Reading(
              id,
              memUsed(t, "total_inactive_file"),
              t.memLimitBytes,
              load(t.cpuTime) ? number(buf) : null,
              t.cpuLimitCores));
    }
  }

  private boolean keepOpen(Tracked replaced) {
    return tracked.size() - (replaced == null ? 0 : 1) < KEEP_OPEN_MAX;
  }

  private Tracked track(String id, Tracked t) {
    Tracked before = tracked.put(id, t);
    if (before != null) {
      before.close();
    }
    return t;
  }

  /** Usage minus the inactive file pages of memory.stat (when readable), never below 0. */
  private Long memUsed(Tracked t, String inactiveKey) {
    Long usage = load(t.usage) ? number(buf) : null;
    if (usage == null) {
      return null;
    }
    if (usage != t.usageAtStat || reads - t.statReadAt >= MEMORY_STAT_EVERY) {
      OptionalLong inactive =
          load(t.memoryStat) ? statValue(buf, inactiveKey) : OptionalLong.empty();
      t.inactiveBytes = inactive.isPresent() ? inactive.getAsLong() : null;
      t.usageAtStat = usage;
      t.statReadAt = reads;
    }
    return t.inactiveBytes == null ? usage : Math.max(0, usage - t.inactiveBytes);
  }

  /** A container's limits: read now if unknown or {@link #LIMITS_EVERY} reads old. */
  private void readLimits(Tracked t) {
    if (reads - t.limitsReadAt < LIMITS_EVERY) {
      return;
    }
    t.limitsReadAt = reads;
    if (t.place.v2) {
      String max = firstLine(t.memDir.resolve("memory.max"));
      t.memLimitBytes = max == null || max.trim().equals("max") ? null : unsigned(max);
      t.cpuLimitCores = cpuMaxV2(firstLine(t.cpuDir.resolve("cpu.max")));
    } else {
      Long limit = unsigned(firstLine(t.memDir.resolve("memory.limit_in_bytes")));
      t.memLimitBytes = limit == null || limit > NO_LIMIT_ABOVE ? null : limit;
      t.cpuLimitCores =
          cfsLimit(
              signed(firstLine(t.cpuDir.resolve("cpu.cfs_quota_us"))),
              unsigned(firstLine(t.cpuDir.resolve("cpu.cfs_period_us"))));
    }
  }

  /** The id in a cgroup folder's name, or null when the folder is not a container's. */
  private static String idOf(String name, Place place) {
    int from = place.prefix.length();
    int to = name.length() - place.suffix.length();
    if (to - from != 64 || !name.startsWith(place.prefix) || !name.endsWith(place.suffix)) {
      return null;
    }
    for (int i = from; i < to; i++) {
      char c = name.charAt(i);
      if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
        return null;
      }
    }
    return from == 0 && to == name.length() ? name : name.substring(from, to);
  }

  private static List<String> children(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    // No isDirectory filter (a stat per entry): the callers keep only names shaped like ids.
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      List<String> names = new ArrayList<>();
      for (Path p : s) {
        names.add(p.getFileName().toString());
      }
      return names;
    } catch (IOException gone) {
      return List.of();
    }
  }

  /** Reads a file whole into {@link #buf}, growing it if needed; false when it cannot be read. */
  private boolean load(CgroupFile f) {
    while (true) {
      int n = f.readInto(buf);
      if (n < 0) {
        return false;
      }
      if (n < buf.capacity() || buf.capacity() >= MAX_BUFFER) {
        return true;
      }
      buf = ByteBuffer.allocateDirect(buf.capacity() * 2);
    }
  }

  /** A limit file's first line (read every {@link #LIMITS_EVERY} reads: no descriptor kept). */
  private String firstLine(Path file) {
    try (CgroupFile f = new CgroupFile(file, false)) {
      if (!load(f) || !buf.hasRemaining()) {
        return null;
      }
      int end = lineEnd(buf, 0);
      byte[] line = new byte[end];
      buf.get(0, line);
      return new String(line, StandardCharsets.ISO_8859_1);
    }
  }

  /** The first line of a file holding one number ≥ 0, null when it is not one. */
  static Long number(ByteBuffer b) {
    Long v = parseLong(b, 0, lineEnd(b, 0));
    return v == null || v < 0 ? null : v;
  }

  private static Long unsigned(String s) {
    Long v = signed(s);
    return v == null || v < 0 ? null : v;
  }

  private static Long signed(String s) {
    try {
      return s == null ? null : Long.parseLong(s.trim());
    } catch (NumberFormatException garbage) {
      return null;
    }
  }

  /** A v1 quota and period, µs each; quota -1 is no limit. */
  static Double cfsLimit(Long quotaUs, Long periodUs) {
    return quotaUs == null || quotaUs <= 0 || periodUs == null || periodUs == 0
        ? null
        : (double) quotaUs / periodUs;
  }

  /** A v2 cpu.max line: {@code max 100000} (no limit) or {@code 50000 100000}. */
  static Double cpuMaxV2(String line) {
    if (line == null) {
      return null;
    }
    String[] f = line.trim().split("\\s+");
    if (f.length != 2 || f[0].equals("max")) {
      return null;
    }
    return cfsLimit(unsigned(f[0]), unsigned(f[1]));
  }

  /**
   * The value of {@code key N} in a flat-keyed cgroup file (cpu.stat, memory.stat) lying in {@code
   * b} from 0 to its limit: the key at a line's start, blanks, a number.
   */
  static OptionalLong statValue(ByteBuffer b, String key) {
    int end = b.limit();
    int k = key.length();
    for (int line = 0; line < end; ) {
      int stop = lineEnd(b, line);
      int s = skipBlanks(b, line, stop);
      if (stop - s > k && startsWith(b, s, key) && isBlank(b.get(s + k))) {
        Long v = parseLong(b, s + k, stop);
        if (v != null) {
          return OptionalLong.of(v);
        }
      }
      line = stop + 1;
    }
    return OptionalLong.empty();
  }

  private static int lineEnd(ByteBuffer b, int from) {
    int end = b.limit();
    int i = from;
    while (i < end && b.get(i) != '\n') {
      i++;
    }
    return i;
  }

  private static int skipBlanks(ByteBuffer b, int from, int to) {
    int i = from;
    while (i < to && isBlank(b.get(i))) {
      i++;
    }
    return i;
  }

  private static boolean startsWith(ByteBuffer b, int at, String key) {
    for (int i = 0; i < key.length(); i++) {
      if (b.get(at + i) != key.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * An optionally signed decimal between blanks in {@code b[from, to)}; null if not exactly one.
   */
  private static Long parseLong(ByteBuffer b, int from, int to) {
    int i = skipBlanks(b, from, to);
    int end = to;
    while (end > i && isBlank(b.get(end - 1))) {
      end--;
    }
    boolean negative = i < end && b.get(i) == '-';
    if (negative) {
      i++;
    }
    if (i == end) {
      return null;
    }
    long v = 0;
    for (; i < end; i++) {
      int d = b.get(i) - '0';
      if (d < 0 || d > 9 || v > (Long.MAX_VALUE - d) / 10) {
        return null; // not a digit, or too big for a long
      }
      v = v * 10 + d;
    }
    return negative ? -v : v;
  }

  private static boolean isBlank(byte c) {
    return c == ' ' || c == '\t' || c == '\r';
  }
}
