package io.vigia.agent.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Docker containers as cgroups show them, memory and CPU time per container, in both layouts:
 *
 * <ul>
 *   <li>v1: {@code memory/docker/<id>/memory.usage_in_bytes}, {@code memory.limit_in_bytes}, {@code
 *       cpuacct/docker/<id>/cpuacct.usage} (ns) with Docker's cgroupfs driver, or the same files in
 *       {@code system.slice/docker-<id>.scope/} with its systemd driver;
 *   <li>v2: {@code system.slice/docker-<id>.scope/} (systemd driver) or {@code docker/<id>/}
 *       (cgroupfs driver) with {@code memory.current}, {@code memory.max}, and {@code usage_usec}
 *       in {@code cpu.stat}.
 * </ul>
 */
public final class CgroupContainers {

  private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");

  /** v1 writes "no limit" as the largest page-aligned counter, 9223372036854771712. */
  private static final long NO_LIMIT_ABOVE = Long.MAX_VALUE / 2;

  /**
   * One container's cgroup counters; a counter that could not be read is null.
   *
   * @param cpuNs CPU time of all its tasks since it started, ns
   */
  public record Reading(String id, Long memUsedBytes, Long memLimitBytes, Long cpuNs) {}

  private final Path root;

  public CgroupContainers(Path root) {
    this.root = root;
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
      OptionalLong usec = cpuStatUsage(dir.resolve("cpu.stat"));
      found.put(
          id,
          new Reading(
              id,
              number(dir.resolve("memory.current")),
              limitV2(dir.resolve("memory.max")),
              usec.isPresent() ? usec.getAsLong() * 1000 : null));
    }
  }

  private void readV1(Map<String, Reading> found) {
    Path cpuacct = root.resolve("cpuacct");
    if (!Files.isDirectory(cpuacct)) {
      cpuacct = root.resolve("cpu,cpuacct");
    }
    // cgroupfs driver: docker/<id>; systemd driver: system.slice/docker-<id>.scope
    readV1(root.resolve("memory/docker"), cpuacct.resolve("docker"), "", "", found);
    readV1(
        root.resolve("memory/system.slice"),
        cpuacct.resolve("system.slice"),
        "docker-",
        ".scope",
        found);
  }

  private void readV1(
      Path memory, Path cpuacct, String prefix, String suffix, Map<String, Reading> found) {
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
      Long limit = number(memory.resolve(name).resolve("memory.limit_in_bytes"));
      found.put(
          id,
          new Reading(
              id,
              number(memory.resolve(name).resolve("memory.usage_in_bytes")),
              limit == null || limit > NO_LIMIT_ABOVE ? null : limit,
              number(cpuacct.resolve(name).resolve("cpuacct.usage"))));
    }
  }

  private static List<String> children(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, Files::isDirectory)) {
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
      List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
      return lines.isEmpty() ? null : lines.get(0);
    } catch (IOException gone) {
      return null;
    }
  }

  private static OptionalLong cpuStatUsage(Path file) {
    try {
      return parseCpuStat(Files.readAllLines(file, StandardCharsets.ISO_8859_1));
    } catch (IOException gone) {
      return OptionalLong.empty();
    }
  }

  /** {@code usage_usec N} from a v2 cpu.stat. */
  static OptionalLong parseCpuStat(List<String> lines) {
    for (String line : lines) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 2 && f[0].equals("usage_usec")) {
        try {
          return OptionalLong.of(Long.parseLong(f[1]));
        } catch (NumberFormatException garbage) {
          return OptionalLong.empty();
        }
      }
    }
    return OptionalLong.empty();
  }
}
