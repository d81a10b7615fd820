package io.vigia.agent.source;

import io.vigia.wire.Memory;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;

/**
 * Reads the kernel module's /proc/vigia_ram (schema in kernel-module/README.md). Its {@code
 * swap_total_kb} is always null (the kernel does not export the swap size to modules): callers take
 * SwapTotal from /proc/meminfo.
 */
public final class ModuleRam {

  private final ProcRoot root;
  private final String file;

  public ModuleRam(ProcRoot root, String file) {
    this.root = root;
    this.file = file;
  }

  /** The file's memory figures; IOException when it cannot be read (module not loaded). */
  public Memory read() throws IOException, ModuleFormatException {
    return parse(Files.readAllBytes(root.path().resolve(file)));
  }

  static Memory parse(byte[] json) throws ModuleFormatException {
    JsonObject o;
    try (JsonReader r = Json.createReader(new ByteArrayInputStream(json))) {
      o = r.readObject();
    } catch (JsonException | IllegalStateException e) {
      throw new ModuleFormatException("not JSON: " + e.getMessage(), e);
    }
    ModuleJson.requireVersion(o);
    Long total = kb(o, "total_kb", true);
    if (total == 0) {
      throw new ModuleFormatException("total_kb is 0");
    }
    return new Memory(
        total,
        kb(o, "free_kb", true),
        kb(o, "available_kb", true),
        kb(o, "buffers_kb", false),
        kb(o, "cached_kb", false),
        kb(o, "swap_total_kb", false),
        kb(o, "swap_free_kb", false));
  }

  private static Long kb(JsonObject o, String key, boolean required) throws ModuleFormatException {
    JsonValue v = o.get(key);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      if (required) {
        throw new ModuleFormatException("no " + key);
      }
      return null;
    }
    if (!(v instanceof JsonNumber n) || !n.isIntegral() || n.longValue() < 0) {
      throw new ModuleFormatException(key + " is not a count of kB: " + v);
    }
    return n.longValue();
  }
}
