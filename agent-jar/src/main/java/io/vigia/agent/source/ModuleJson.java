package io.vigia.agent.source;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** Field access shared by the two kernel module readers, failing on anything off-schema. */
final class ModuleJson {

  /** The schema version these readers understand; a bump means fields were renamed or removed. */
  static final int VERSION = 1;

  private ModuleJson() {}

  static void requireVersion(JsonObject o) throws ModuleFormatException {
    if (number(o, "version") != VERSION) {
      throw new ModuleFormatException("version " + o.get("version") + ", expected " + VERSION);
    }
  }

  /** A required non-negative integer. */
  static long number(JsonObject o, String key) throws ModuleFormatException {
    JsonValue v = o.get(key);
    if (!(v instanceof JsonNumber n) || !n.isIntegral()) {
      throw new ModuleFormatException(key + " is not an integer: " + v);
    }
    try {
      long l = n.longValueExact();
      if (l < 0) {
        throw new ModuleFormatException(key + " is negative: " + v);
      }
      return l;
    } catch (ArithmeticException tooBig) {
      throw new ModuleFormatException(key + " is out of range: " + v);
    }
  }

  static String string(JsonObject o, String key) throws ModuleFormatException {
    JsonValue v = o.get(key);
    if (!(v instanceof JsonString s)) {
      throw new ModuleFormatException(key + " is not a string: " + v);
    }
    return s.getString();
  }
}
