package io.vigia.agent.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

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
 * <p>Read every interval for every container, so kept cheap: three small files per container
 * (usage, memory.stat, CPU time), parsed without regular expressions; the limits, which change only
 * with {@code docker update}, are read when a container is first seen and then every {@link
 * #LIMITS_EVERY} reads. With 50 containers the first version (six files each, regex splits of every
 * memory.stat line) cost the agent 2.5 times its CPU without containers (bench/RESULTS.md).
 */
public final class CgroupContainers {

  private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");

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

  private record Limits(Long memLimitBytes, Double cpuLimitCores, long readAt) {}

  private final Path root;
  private final Map<String, Limits> limits = new HashMap<>();
  private long reads;

  public CgroupContainers(Path root) {
    this.root = root;
  }

  /** A container's limits: read now if unknown or {@link #LIMITS_EVERY} reads old. */
  private Limits limits(String id, Supplier<Long> memLimit, Supplier<Double> cpuLimit) {
    Limits l = limits.get(id);
    if (l == null || reads - l.readAt() >= LIMITS_EVERY) {
      l = new Limits(memLimit.get(), cpuLimit.get(), reads);
      limits.put(id, l);
    }
    return l;
  }

  /** Every container found under the root, by id. Empty when there are none or no cgroupfs. */
  public Map<String, Reading> read() {
    Map<String, Reading> found = new TreeMap<>();
    if (Files.isRegularFile(root.resolve("cgroup.controllers"))) {
      readV2(root.resolve("system.slice"), "docker-", ".scope", found);
      readV2(root.resolve("docker"), "", "", found);
    } else {
      readV1(found);
    }
    limits.keySet().retainAll(found.keySet());
    reads++;
    return found;
  }

  private void readV2(Path parent, String prefix, String suffix, Map<String, Reading> found) {
    for (String name : children(parent)) {
      if (!name.startsWith(prefix) || !name.endsWith(suffix)) {
        continue;
      }
      String id = name.substring(prefix.length(), name.length() - suffix.length());
      if (!ID.matcher(id).matches()) {
        continue;
      }
      Path dir = parent.resolve(name);
      OptionalLong usec = statValue(dir.resolve("cpu.stat"), "usage_usec");
      Limits l =
          limits(
              id,
              () -> limitV2(dir.resolve("memory.max")),
              () -> cpuMaxV2(firstLine(dir.resolve("cpu.max"))));
      found.put(
          id,
          new Reading(
              id,
              minusInactive(number(dir.resolve("memory.current")), dir, "inactive_file"),
              l.memLimitBytes(),
              usec.isPresent() ? usec.getAsLong() * 1000 : null,
              l.cpuLimitCores()));
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
        "",
        "",
        found);
    readV1(
        root.resolve("memory/system.slice"),
        cpuacct.resolve("system.slice"),
        cpu.resolve("system.slice"),
        "docker-",
        ".scope",
        found);
  }

  private void readV1(
      Path memory,
      Path cpuacct,
      Path cpu,
      String prefix,
      String suffix,
      Map<String, Reading> found) {
    Map<String, Boolean> names = new TreeMap<>();
    for (String name : children(memory)) {
      names.put(name, true);
    }
    for (String name : children(cpuacct)) {
      names.put(name, true);
    }
    for (String name : names.keySet()) {
      if (!name.startsWith(prefix) || !name.endsWith(suffix)) {
        continue;
      }
      String id = name.substring(prefix.length(), name.length() - suffix.length());
      if (!ID.matcher(id).matches()) {
        continue;
      }
      Path mem = memory.resolve(name);
      Limits l =
          limits(
              id,
              () -> {
                Long limit = number(mem.resolve("memory.limit_in_bytes"));
                return limit == null || limit > NO_LIMIT_ABOVE ? null : limit;
              },
              () ->
                  cfsLimit(
                      signedNumber(cpu.resolve(name).resolve("cpu.cfs_quota_us")),
                      number(cpu.resolve(name).resolve("cpu.cfs_period_us"))));
      found.put(
          id,
          new Reading(
              id,
              minusInactive(
                  number(mem.resolve("memory.usage_in_bytes")), mem, "total_inactive_file"),
              l.memLimitBytes(),
              number(cpuacct.resolve(name).resolve("cpuacct.usage")),
              l.cpuLimitCores()));
    }
  }

  private static List<String> children(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    // No isDirectory filter (a stat per entry): the callers keep only names shaped like ids.
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      List<String> names = new java.util.ArrayList<>();
      for (Path p : s) {
        names.add(p.getFileName().toString());
      }
      return names;
    } catch (IOException gone) {
      return List.of();
    }
  }

  /** A file holding one number, null when missing (container gone) or not a number. */
  private static Long number(Path file) {
    return parseNumber(firstLine(file));
  }

  private static Long parseNumber(String s) {
    if (s == null) {
      return null;
    }
    try {
      long v = Long.parseLong(s.trim());
      return v < 0 ? null : v;
    } catch (NumberFormatException garbage) {
      return null;
    }
  }

  private static Long limitV2(Path file) {
    String s = firstLine(file);
    return s == null || s.trim().equals("max") ? null : parseNumber(s);
  }

  private static String firstLine(Path file) {
    try {
      String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      int end = text.indexOf('\n');
      return text.isEmpty() ? null : end < 0 ? text : text.substring(0, end);
    } catch (IOException gone) {
      return null;
    }
  }

  private static OptionalLong statValue(Path file, String key) {
    try {
      return parseStat(
          new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).lines().toList(), key);
    } catch (IOException gone) {
      return OptionalLong.empty();
    }
  }

  /** Usage minus the inactive file pages of memory.stat (when readable), never below 0. */
  private static Long minusInactive(Long usage, Path dir, String key) {
    if (usage == null) {
      return null;
    }
    OptionalLong inactive = statValue(dir.resolve("memory.stat"), key);
    return inactive.isPresent() ? Math.max(0, usage - inactive.getAsLong()) : usage;
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
    return cfsLimit(parseNumber(f[0]), parseNumber(f[1]));
  }

  private static Long signedNumber(Path file) {
    String s = firstLine(file);
    try {
      return s == null ? null : Long.parseLong(s.trim());
    } catch (NumberFormatException garbage) {
      return null;
    }
  }

  /** {@code usage_usec N} from a v2 cpu.stat. */
  static OptionalLong parseCpuStat(List<String> lines) {
    return parseStat(lines, "usage_usec");
  }

  /** The value of {@code key N} in a flat-keyed cgroup file (cpu.stat, memory.stat). */
  static OptionalLong parseStat(List<String> lines, String key) {
    for (String line : lines) {
      String t = line.strip();
      // "key value": the key, then one run of blanks, then the value (no regex: read every second)
      if (!t.startsWith(key) || t.length() == key.length() || !isBlank(t.charAt(key.length()))) {
        continue;
      }
      String value = t.substring(key.length()).strip();
      if (value.isEmpty() || value.chars().anyMatch(CgroupContainers::isBlank)) {
        continue;
      }
      try {
        return OptionalLong.of(Long.parseLong(value));
      } catch (NumberFormatException garbage) {
        return OptionalLong.empty();
      }
    }
    return OptionalLong.empty();
  }

  private static boolean isBlank(int c) {
    return c == ' ' || c == '\t';
  }
}
