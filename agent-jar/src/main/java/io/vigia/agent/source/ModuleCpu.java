package io.vigia.agent.source;

import io.vigia.wire.ProcessCounts;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads the kernel module's /proc/vigia_cpu (schema in kernel-module/README.md): CPU times in ns,
 * processes by state, and every process. The file can hold tens of thousands of tasks, so it is
 * streamed, one task object at a time, not loaded whole.
 */
public final class ModuleCpu {

  /**
   * One read of the file.
   *
   * @param nowNs CLOCK_BOOTTIME when the header was made, ns
   * @param total CPU times summed over all CPUs, ns
   * @param cores one entry per online CPU, by CPU number, ns
   */
  public record Reading(
      long nowNs,
      int cpus,
      CpuTimes total,
      List<CpuTimes> cores,
      ProcessCounts counts,
      List<Task> tasks) {}

  private final ProcRoot root;
  private final String file;

  public ModuleCpu(ProcRoot root, String file) {
    this.root = root;
    this.file = file;
  }

  /** IOException when the file cannot be opened (module not loaded). */
  public Reading read() throws IOException, ModuleFormatException {
    try (InputStream in =
        new BufferedInputStream(Files.newInputStream(root.path().resolve(file)), 65536)) {
      return parse(in);
    }
  }

  static Reading parse(InputStream in) throws ModuleFormatException {
    try (JsonParser p = Json.createParser(in)) {
      return parse(p);
    } catch (JsonException | IllegalStateException | NoSuchElementException e) {
      throw new ModuleFormatException("not the vigia_cpu JSON: " + e.getMessage(), e);
    }
  }

  private static Reading parse(JsonParser p) throws ModuleFormatException {
    if (!p.hasNext() || p.next() != Event.START_OBJECT) {
      throw new ModuleFormatException("does not start with an object");
    }
    Long version = null;
    Long nowNs = null;
    Long cpus = null;
    CpuTimes total = null;
    List<CpuTimes> cores = null;
    ProcessCounts counts = null;
    List<Task> tasks = null;
    boolean closed = false;
    while (p.hasNext()) {
      Event e = p.next();
      if (e == Event.END_OBJECT) {
        closed = true;
        break;
      }
      if (e != Event.KEY_NAME) {
        throw new ModuleFormatException("unexpected " + e);
      }
      String key = p.getString();
      Event value = p.next();
      switch (key) {
        case "version" -> version = integer(p, value, key);
        case "now_ns" -> nowNs = integer(p, value, key);
        case "cpus" -> cpus = integer(p, value, key);
        case "cpu_total" -> total = times(object(p, value, key));
        case "cpu" -> cores = cores(p, value);
        case "states" -> counts = counts(object(p, value, key));
        case "tasks" -> tasks = tasks(p, value);
        default -> skip(p, value); // new fields may appear without a version bump
      }
    }
    if (!closed) {
      throw new ModuleFormatException("cut short");
    }
    if (version == null || version != ModuleJson.VERSION) {
      throw new ModuleFormatException("version " + version + ", expected " + ModuleJson.VERSION);
    }
    if (nowNs == null || cpus == null || total == null || cores == null) {
      throw new ModuleFormatException("header incomplete");
    }
    if (counts == null || tasks == null) {
      throw new ModuleFormatException("no states or tasks");
    }
    return new Reading(nowNs, cpus.intValue(), total, cores, counts, tasks);
  }

  private static long integer(JsonParser p, Event e, String key) throws ModuleFormatException {
    if (e != Event.VALUE_NUMBER || !p.isIntegralNumber()) {
      throw new ModuleFormatException(key + " is not an integer");
    }
    try {
      long v = p.getBigDecimal().longValueExact();
      if (v < 0) {
        throw new ModuleFormatException(key + " is negative");
      }
      return v;
    } catch (ArithmeticException tooBig) {
      throw new ModuleFormatException(key + " is out of range");
    }
  }

  private static JsonObject object(JsonParser p, Event e, String key) throws ModuleFormatException {
    if (e != Event.START_OBJECT) {
      throw new ModuleFormatException(key + " is not an object");
    }
    return p.getObject();
  }

  private static void skip(JsonParser p, Event e) {
    if (e == Event.START_OBJECT) {
      p.skipObject();
    } else if (e == Event.START_ARRAY) {
      p.skipArray();
    }
  }

  static CpuTimes times(JsonObject o) throws ModuleFormatException {
    return new CpuTimes(
        ModuleJson.number(o, "user"),
        ModuleJson.number(o, "nice"),
        ModuleJson.number(o, "system"),
        ModuleJson.number(o, "idle"),
        ModuleJson.number(o, "iowait"),
        ModuleJson.number(o, "irq"),
        ModuleJson.number(o, "softirq"),
        ModuleJson.number(o, "steal"));
  }

  private static List<CpuTimes> cores(JsonParser p, Event e) throws ModuleFormatException {
    if (e != Event.START_ARRAY) {
      throw new ModuleFormatException("cpu is not an array");
    }
    List<CpuTimes> cores = new ArrayList<>();
    long last = -1;
    for (JsonValue v : p.getArray()) {
      if (v.getValueType() != JsonValue.ValueType.OBJECT) {
        throw new ModuleFormatException("cpu entry is not an object");
      }
      JsonObject o = v.asJsonObject();
      long n = ModuleJson.number(o, "cpu");
      if (n <= last) {
        throw new ModuleFormatException("cpu numbers out of order");
      }
      last = n;
      cores.add(times(o));
    }
    return List.copyOf(cores);
  }

  static ProcessCounts counts(JsonObject s) throws ModuleFormatException {
    return new ProcessCounts(
        count(s, "total"),
        count(s, "running"),
        count(s, "sleeping"),
        count(s, "disk_sleep"),
        count(s, "stopped") + count(s, "tracing_stop"),
        count(s, "zombie"),
        count(s, "idle"));
  }

  private static int count(JsonObject s, String key) throws ModuleFormatException {
    return Math.toIntExact(ModuleJson.number(s, key));
  }

  private static List<Task> tasks(JsonParser p, Event e) throws ModuleFormatException {
    if (e != Event.START_ARRAY) {
      throw new ModuleFormatException("tasks is not an array");
    }
    List<Task> tasks = new ArrayList<>(1024);
    while (true) {
      Event next = p.next();
      if (next == Event.END_ARRAY) {
        return tasks;
      }
      if (next != Event.START_OBJECT) {
        throw new ModuleFormatException("task is not an object");
      }
      tasks.add(task(p.getObject()));
    }
  }

  static Task task(JsonObject t) throws ModuleFormatException {
    String state = ModuleJson.string(t, "state");
    if (state.length() != 1) {
      throw new ModuleFormatException("state is not one letter: " + state);
    }
    long pid = ModuleJson.number(t, "pid");
    long ppid = ModuleJson.number(t, "ppid");
    long uid = ModuleJson.number(t, "uid");
    if (pid == 0 || pid > Integer.MAX_VALUE || ppid > Integer.MAX_VALUE) {
      throw new ModuleFormatException("pid, ppid or uid out of range in " + t);
    }
    return new Task(
        (int) pid,
        (int) ppid,
        uid > Integer.MAX_VALUE ? null : (Integer) (int) uid,
        state.charAt(0),
        ModuleJson.string(t, "comm"),
        ModuleJson.number(t, "rss_kb"),
        ModuleJson.number(t, "cpu_ns"),
        // start_ns is CLOCK_BOOTTIME in ns; /proc/[pid]/stat shows the same value divided by
        // NSEC_PER_SEC / USER_HZ (nsec_to_clock_t), rounded down. Doing the same gives the same
        // process the same startTicks from either source.
        ModuleJson.number(t, "start_ns") / Task.NANOS_PER_TICK);
  }
}
