package io.vigia.agent.ship;

import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes the wire's records as JSON and gzips it, as JSON-B would write them (every record
 * component by its name, nulls left out, maps as objects, lists as arrays), but at a fraction of
 * the cost: the batch is written every second with every process and container of the host, and
 * JSON-B's per-property lookups and its recursion check (which hashes every record with everything
 * below it) made its serialisation the largest part of the agent's cost that grows with them
 * (bench/RESULTS.md). The names come from the records themselves, so the wire format is still
 * defined once, in {@code io.vigia.wire}.
 *
 * <p>One instance per writing thread: it reuses its buffer and its deflater from batch to batch.
 */
public final class BatchJson {

  /** How a record's components are read: names pre-encoded, accessors as plain functions. */
  private record Shape(byte[][] names, Function<Object, Object>[] accessors) {}

  private static final Map<Class<?>, Shape> SHAPES = new ConcurrentHashMap<>();
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  /** gzip's member header as GZIPOutputStream writes it: magic, deflate, no flags, time or OS. */
  private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0};

  private byte[] buf = new byte[64 * 1024];
  private int len;
  private byte[] out = new byte[16 * 1024];
  // Fastest level: a third of the default's CPU for a batch of 100 KB, 16 % more bytes
  // (RESULTS.md).
  private final Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
  private final CRC32 crc = new CRC32();

  /** The value as JSON text (records, lists, maps, strings, numbers, booleans). */
  public String json(Object value) {
    len = 0;
    write(value);
    return new String(buf, 0, len, StandardCharsets.UTF_8);
  }

  /** The value as gzipped JSON, as the agent sends it ({@code Content-Encoding: gzip}). */
  public byte[] gzip(Object value) {
    len = 0;
    write(value);
    return gzip(buf, len);
  }

  /** {@code len} bytes of {@code in} as one gzip member, with the same deflater each time. */
  byte[] gzip(byte[] in, int length) {
    deflater.reset();
    deflater.setInput(in, 0, length);
    deflater.finish();
    crc.reset();
    crc.update(in, 0, length);
    int n = GZIP_HEADER.length;
    System.arraycopy(GZIP_HEADER, 0, out, 0, n);
    while (!deflater.finished()) {
      if (out.length - n < 64) {
        out = Arrays.copyOf(out, out.length * 2);
      }
      n += deflater.deflate(out, n, out.length - n);
    }
    byte[] gz = Arrays.copyOf(out, n + 8);
    int c = (int) crc.getValue();
    for (int i = 0; i < 4; i++) {
      gz[n + i] = (byte) (c >>> (8 * i));
      gz[n + 4 + i] = (byte) (length >>> (8 * i));
    }
    return gz;
  }

  private void write(Object v) {
    if (v instanceof String s) {
      string(s);
    } else if (v instanceof Record r) {
      record(r);
    } else if (v instanceof Collection<?> list) {
      put('[');
      boolean first = true;
      for (Object e : list) {
        if (!first) {
          put(',');
        }
        first = false;
        if (e == null) {
          ascii("null");
        } else {
          write(e);
        }
      }
      put(']');
    } else if (v instanceof Map<?, ?> map) {
      put('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) {
          put(',');
        }
        first = false;
        string(String.valueOf(e.getKey()));
        put(':');
        if (e.getValue() == null) {
          ascii("null"); // as JSON-B writes a map's null values
        } else {
          write(e.getValue());
        }
      }
      put('}');
    } else if (v instanceof Long || v instanceof Integer || v instanceof Short) {
      number(((Number) v).longValue());
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException("JSON has no " + d);
      }
      ascii(v instanceof Float ? Float.toString((float) d) : Double.toString(d));
    } else if (v instanceof Boolean b) {
      ascii(b ? "true" : "false");
    } else if (v instanceof Enum<?> e) {
      string(e.name());
    } else {
      throw new IllegalArgumentException("not a wire type: " + v.getClass().getName());
    }
  }

  private void record(Record r) {
    Shape shape = SHAPES.computeIfAbsent(r.getClass(), BatchJson::shape);
    put('{');
    boolean first = true;
    for (int i = 0; i < shape.names().length; i++) {
      Object v = shape.accessors()[i].apply(r);
      if (v == null) {
        continue; // as JSON-B: nulls are left out, and read back as null
      }
      if (!first) {
        put(',');
      }
      first = false;
      bytes(shape.names()[i]);
      write(v);
    }
    put('}');
  }

  @SuppressWarnings("unchecked")
  private static Shape shape(Class<?> type) {
    RecordComponent[] components = type.getRecordComponents();
    byte[][] names = new byte[components.length][];
    Function<Object, Object>[] accessors = new Function[components.length];
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    for (int i = 0; i < components.length; i++) {
      names[i] = ("\"" + components[i].getName() + "\":").getBytes(StandardCharsets.UTF_8);
      accessors[i] = accessor(lookup, components[i]);
    }
    return new Shape(names, accessors);
  }

  /**
   * The component's accessor as a generated {@link Function} (what a lambda compiles to), so each
   * read is an ordinary call rather than a reflective one: the agent runs with C1 only, which does
   * not inline method handles invoked at run time.
   */
  @SuppressWarnings("unchecked")
  private static Function<Object, Object> accessor(
      MethodHandles.Lookup lookup, RecordComponent component) {
    try {
      MethodHandle getter = lookup.unreflect(component.getAccessor());
      CallSite site =
          LambdaMetafactory.metafactory(
              lookup,
              "apply",
              MethodType.methodType(Function.class),
              MethodType.methodType(Object.class, Object.class),
              getter,
              getter.type().wrap()); // primitives boxed, as JSON-B sees them
      return (Function<Object, Object>) site.getTarget().invokeExact();
    } catch (Throwable e) {
      throw new IllegalStateException("cannot read " + component, e);
    }
  }

  private void string(String s) {
    put('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
        put(c);
      } else if (c == '"' || c == '\\') {
        put('\\');
        put(c);
      } else if (c < 0x20) {
        escape(c);
      } else if (Character.isSurrogate(c)) {
        int cp = s.codePointAt(i);
        if (Character.isSupplementaryCodePoint(cp)) {
          utf8(cp);
          i++;
        } else {
          put('?'); // a lone surrogate: as a String's UTF-8 encoding writes it
        }
      } else {
        utf8(c);
      }
    }
    put('"');
  }

  private void escape(char c) {
    put('\\');
    switch (c) {
      case '\b' -> put('b');
      case '\f' -> put('f');
      case '\n' -> put('n');
      case '\r' -> put('r');
      case '\t' -> put('t');
      default -> {
        ascii("u00");
        put((char) HEX[c >> 4]);
        put((char) HEX[c & 0xf]);
      }
    }
  }

  private void utf8(int cp) {
    if (cp < 0x800) {
      put((char) (0xc0 | cp >> 6));
      put((char) (0x80 | cp & 0x3f));
    } else if (cp < 0x10000) {
      put((char) (0xe0 | cp >> 12));
      put((char) (0x80 | cp >> 6 & 0x3f));
      put((char) (0x80 | cp & 0x3f));
    } else {
      put((char) (0xf0 | cp >> 18));
      put((char) (0x80 | cp >> 12 & 0x3f));
      put((char) (0x80 | cp >> 6 & 0x3f));
      put((char) (0x80 | cp & 0x3f));
    }
  }

  private void number(long v) {
    if (v == Long.MIN_VALUE) {
      ascii(Long.toString(v));
      return;
    }
    if (v < 0) {
      put('-');
      v = -v;
    }
    ensure(20);
    int start = len;
    do {
      buf[len++] = (byte) ('0' + v % 10);
      v /= 10;
    } while (v != 0);
    for (int i = start, j = len - 1; i < j; i++, j--) {
      byte t = buf[i];
      buf[i] = buf[j];
      buf[j] = t;
    }
  }

  private void ascii(String s) {
    ensure(s.length());
    for (int i = 0; i < s.length(); i++) {
      buf[len++] = (byte) s.charAt(i);
    }
  }

  private void bytes(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
  }

  private void put(char c) {
    ensure(1);
    buf[len++] = (byte) c;
  }

  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
  }
}
