package io.vigia.agent.source;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lists containers through the Docker Engine API on its unix socket: one HTTP/1.1 GET with {@code
 * Connection: close}, read to the end under a deadline so a stuck daemon cannot stall sampling.
 */
public final class DockerApi {

  /** The API version Debian 12's docker.io (Engine 20.10) speaks; newer engines accept it too. */
  static final String LIST_PATH = "/v1.41/containers/json?all=1";

  private static final int MAX_RESPONSE = 16 << 20;

  /** A container as Docker names it; {@code name} without Docker's leading slash. */
  public record Container(String id, String name, String image, String state) {}

  private final Path socket;
  private final Duration timeout;

  public DockerApi(Path socket, Duration timeout) {
    this.socket = socket;
    this.timeout = timeout;
  }

  public List<Container> containers() throws IOException {
    return parse(get(LIST_PATH));
  }

  /** The body of a 200 response to {@code GET path}; IOException for anything else. */
  byte[] get(String path) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        Selector selector = Selector.open()) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      ch.configureBlocking(false);
      ByteBuffer request =
          ByteBuffer.wrap(
              ("GET "
                      + path
                      + " HTTP/1.1\r\nHost: docker\r\nUser-Agent: vigia-agent\r\n"
                      + "Accept: application/json\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      SelectionKey key = ch.register(selector, SelectionKey.OP_WRITE);
      ByteArrayOutputStream response = new ByteArrayOutputStream(8192);
      ByteBuffer buf = ByteBuffer.allocate(16384);
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IOException("no complete answer from " + socket + " within " + timeout);
        }
        selector.select(Math.max(1, left / 1_000_000));
        if (request.hasRemaining()) {
          ch.write(request);
          if (!request.hasRemaining()) {
            key.interestOps(SelectionKey.OP_READ);
          }
          continue;
        }
        buf.clear();
        int n = ch.read(buf);
        if (n < 0) {
          break;
        }
        response.write(buf.array(), 0, n);
        if (response.size() > MAX_RESPONSE) {
          throw new IOException("answer from " + socket + " larger than " + MAX_RESPONSE);
        }
      }
      return body(response.toByteArray());
    }
  }

  /** The body of a whole HTTP/1.1 response, de-chunked; IOException unless the status is 200. */
  static byte[] body(byte[] r) throws IOException {
    int end = indexOf(r, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
    if (end < 0) {
      throw new IOException("answer cut before the end of its headers");
    }
    String[] head = new String(r, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
    String[] status = head[0].split(" ", 3);
    if (status.length < 2 || !status[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP answer: " + head[0]);
    }
    if (!status[1].equals("200")) {
      throw new IOException("Docker answered " + head[0]);
    }
    boolean chunked = false;
    long length = -1;
    for (int i = 1; i < head.length; i++) {
      int colon = head[i].indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = head[i].substring(colon + 1).trim();
      if (name.equals("transfer-encoding")) {
        chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
      } else if (name.equals("content-length")) {
        try {
          length = Long.parseLong(value);
        } catch (NumberFormatException e) {
          throw new IOException("bad Content-Length: " + value);
        }
      }
    }
    int start = end + 4;
    if (chunked) {
      return dechunk(r, start);
    }
    if (length >= 0) {
      if (r.length - start < length) {
        throw new IOException("answer cut: " + (r.length - start) + " of " + length + " bytes");
      }
      return java.util.Arrays.copyOfRange(r, start, start + (int) length);
    }
    return java.util.Arrays.copyOfRange(r, start, r.length); // Connection: close delimits it
  }

  private static byte[] dechunk(byte[] r, int pos) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(r.length - pos);
    byte[] crlf = "\r\n".getBytes(StandardCharsets.US_ASCII);
    while (true) {
      int eol = indexOf(r, crlf, pos);
      if (eol < 0) {
        throw new IOException("chunked answer cut");
      }
      String size = new String(r, pos, eol - pos, StandardCharsets.US_ASCII);
      int semi = size.indexOf(';');
      int n;
      try {
        n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
      } catch (NumberFormatException e) {
        throw new IOException("bad chunk size: " + size);
      }
      if (n == 0) {
        return out.toByteArray();
      }
      int data = eol + 2;
      if (n < 0 || data + n > r.length) {
        throw new IOException("chunked answer cut");
      }
      out.write(r, data, n);
      pos = data + n + 2;
    }
  }

  private static int indexOf(byte[] a, byte[] what, int from) {
    outer:
    for (int i = from; i <= a.length - what.length; i++) {
      for (int j = 0; j < what.length; j++) {
        if (a[i + j] != what[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** The JSON array of {@code GET /containers/json}. */
  static List<Container> parse(byte[] json) throws IOException {
    JsonArray array;
    try (JsonReader r = Json.createReader(new ByteArrayInputStream(json))) {
      array = r.readArray();
    } catch (JsonException | IllegalStateException e) {
      throw new IOException("Docker's container list is not a JSON array: " + e.getMessage(), e);
    }
    List<Container> out = new ArrayList<>(array.size());
    for (JsonValue v : array) {
      if (v.getValueType() != JsonValue.ValueType.OBJECT) {
        continue;
      }
      JsonObject o = v.asJsonObject();
      String id = text(o, "Id");
      if (id == null) {
        continue;
      }
      String name = null;
      JsonValue names = o.get("Names");
      if (names instanceof JsonArray a && !a.isEmpty() && a.get(0) instanceof JsonString s) {
        name = s.getString().startsWith("/") ? s.getString().substring(1) : s.getString();
      }
      out.add(new Container(id, name, text(o, "Image"), text(o, "State")));
    }
    return out;
  }

  private static String text(JsonObject o, String key) {
    return o.get(key) instanceof JsonString s ? s.getString() : null;
  }
}
