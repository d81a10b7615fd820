package io.vigia.agent.source;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.StandardProtocolFamily;
import java.net.URLEncoder;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A small client of the Docker Engine API on its unix socket: list, inspect, the event stream, and
 * the four container actions. Each call is one HTTP/1.1 request with {@code Connection: close},
 * read to the end under a deadline so a stuck daemon cannot stall sampling; the event stream is an
 * HTTP/1.0 request, which the engine answers with a plain body that never ends (no chunking).
 *
 * <p>The API version is negotiated once per connection to the engine: {@code GET /version}, then
 * the lower of the engine's and {@link #CLIENT_VERSION}.
 */
public final class DockerApi {

  /** The newest API this client is written for: Debian 12's docker.io (Engine 20.10). */
  static final String CLIENT_VERSION = "1.41";

  private static final int MAX_RESPONSE = 16 << 20;
  private static final String EVENT_FILTER =
      URLEncoder.encode("{\"type\":[\"container\"]}", StandardCharsets.UTF_8);

  /** A container as the list shows it; {@code name} without Docker's leading slash. */
  public record Container(
      String id,
      String name,
      String image,
      String state,
      Map<String, String> labels,
      Long createdMs) {}

  /** What inspect adds to the list: the last exit, restarts, start time, OOM. */
  public record Details(
      String id,
      String name,
      String image,
      String state,
      Map<String, String> labels,
      Long createdMs,
      Long startedMs,
      Integer exitCode,
      Integer restartCount,
      Boolean oomKilled) {}

  /**
   * One container event of the stream.
   *
   * @param attributes the actor's attributes: name, image, labels, and exitCode for die
   */
  public record Event(String id, String action, long tsMs, Map<String, String> attributes) {}

  /** A status and body, whatever the status. */
  public record Answer(int status, byte[] body) {
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final Path socket;
  private final Duration timeout;
  private volatile String version;

  public DockerApi(Path socket, Duration timeout) {
    this.socket = socket;
    this.timeout = timeout;
  }

  public Path socket() {
    return socket;
  }

  /** The API version in use: the lower of the engine's and ours; asks the engine once. */
  public String version() throws IOException {
    String v = version;
    if (v == null) {
      Answer a = request("GET", "/version", timeout);
      if (a.status() != 200) {
        throw new IOException("Docker answered " + a.status() + " to GET /version");
      }
      v = lower(engineVersion(a.body()), CLIENT_VERSION);
      version = v;
    }
    return v;
  }

  /** Forgets the negotiated version: the engine may have been replaced by another. */
  public void forgetVersion() {
    version = null;
  }

  public List<Container> containers() throws IOException {
    return parse(ok(request("GET", prefix() + "/containers/json?all=1", timeout)));
  }

  /** The container's details; empty when the engine has no such container (any more). */
  public Optional<Details> inspect(String id) throws IOException {
    Answer a = request("GET", prefix() + "/containers/" + id + "/json", timeout);
    if (a.status() == 404) {
      return Optional.empty();
    }
    return Optional.of(parseInspect(ok(a)));
  }

  /** POST /containers/{id}/start; 304 (already running) counts as done. */
  public Answer start(String id) throws IOException {
    return request("POST", prefix() + "/containers/" + id + "/start", timeout);
  }

  /** POST /containers/{id}/stop?t=; waits up to the timeout plus our own. */
  public Answer stop(String id, Integer timeoutS) throws IOException {
    int t = timeoutS == null ? 10 : timeoutS;
    return request(
        "POST",
        prefix() + "/containers/" + id + "/stop?t=" + t,
        timeout.plusSeconds(Math.max(0, t)));
  }

  /** POST /containers/{id}/kill (SIGKILL). */
  public Answer kill(String id) throws IOException {
    return request("POST", prefix() + "/containers/" + id + "/kill", timeout);
  }

  /** DELETE /containers/{id}; {@code force} kills a running one first. */
  public Answer remove(String id, boolean force) throws IOException {
    return request(
        "DELETE", prefix() + "/containers/" + id + "?force=" + force, timeout.plusSeconds(10));
  }

  private String prefix() throws IOException {
    return "/v" + version();
  }

  /**
   * Follows the container event stream until it ends (engine stopped) or fails: calls {@code
   * onOpen} once the engine has answered, then {@code sink} for every event. Blocks the thread.
   */
  public void events(Runnable onOpen, Consumer<Event> sink) throws IOException {
    events(0, onOpen, sink);
  }

  /**
   * The event stream, starting with the events the engine still holds since {@code sinceMs} (epoch
   * ms; 0: only new ones) — what a reconnecting follower missed while it was away.
   */
  public void events(long sinceMs, Runnable onOpen, Consumer<Event> sink) throws IOException {
    String path =
        prefix()
            + "/events?filters="
            + EVENT_FILTER
            + (sinceMs > 0 ? "&since=" + sinceMs / 1000 : "");
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      ch.write(
          ByteBuffer.wrap(
              ("GET "
                      + path
                      + " HTTP/1.0\r\nHost: docker\r\nUser-Agent: vigia-agent\r\n"
                      + "Accept: application/json\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII)));
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
      String status = in.readLine();
      if (status == null || !status.matches("HTTP/1\\.[01] 200 .*")) {
        throw new IOException("Docker answered " + status + " to the event stream");
      }
      for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
        // headers
      }
      onOpen.run();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        parseEvent(line).ifPresent(sink);
      }
    }
  }

  private static byte[] ok(Answer a) throws IOException {
    if (a.status() != 200) {
      throw new IOException("Docker answered " + a.status() + ": " + a.text().trim());
    }
    return a.body();
  }

  /** One request, answered whole within {@code within}; IOException when it is not. */
  Answer request(String method, String path, Duration within) throws IOException {
    long deadline = System.nanoTime() + within.toNanos();
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        Selector selector = Selector.open()) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      ch.configureBlocking(false);
      ByteBuffer request =
          ByteBuffer.wrap(
              (method
                      + " "
                      + path
                      + " HTTP/1.1\r\nHost: docker\r\nUser-Agent: vigia-agent\r\n"
                      + "Accept: application/json\r\n"
                      + (method.equals("GET") ? "" : "Content-Length: 0\r\n")
                      + "Connection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      SelectionKey key = ch.register(selector, SelectionKey.OP_WRITE);
      ByteArrayOutputStream response = new ByteArrayOutputStream(8192);
      ByteBuffer buf = ByteBuffer.allocate(16384);
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IOException("no complete answer from " + socket + " within " + within);
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
      return answer(response.toByteArray());
    }
  }

  /** The body of a whole 200 HTTP/1.1 response, de-chunked; IOException for any other status. */
  static byte[] body(byte[] r) throws IOException {
    return ok(answer(r));
  }

  /** Status and body of a whole HTTP/1.x response, de-chunked. */
  static Answer answer(byte[] r) throws IOException {
    int end = indexOf(r, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
    if (end < 0) {
      throw new IOException("answer cut before the end of its headers");
    }
    String[] head = new String(r, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
    String[] status = head[0].split(" ", 3);
    if (status.length < 2 || !status[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP answer: " + head[0]);
    }
    int code;
    try {
      code = Integer.parseInt(status[1]);
    } catch (NumberFormatException e) {
      throw new IOException("not an HTTP answer: " + head[0]);
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
      return new Answer(code, dechunk(r, start));
    }
    if (length >= 0) {
      if (r.length - start < length) {
        throw new IOException("answer cut: " + (r.length - start) + " of " + length + " bytes");
      }
      return new Answer(code, Arrays.copyOfRange(r, start, start + (int) length));
    }
    return new Answer(code, Arrays.copyOfRange(r, start, r.length)); // Connection: close ends it
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

  /** {@code ApiVersion} of {@code GET /version}. */
  static String engineVersion(byte[] json) throws IOException {
    String v = text(object(json, "version"), "ApiVersion");
    if (v == null || !v.matches("\\d+\\.\\d+")) {
      throw new IOException("Docker's /version has no usable ApiVersion: " + v);
    }
    return v;
  }

  /** The lower of two API versions {@code major.minor}. */
  static String lower(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    int c = Integer.compare(Integer.parseInt(x[0]), Integer.parseInt(y[0]));
    if (c == 0) {
      c = Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1]));
    }
    return c <= 0 ? a : b;
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
        name = unslash(s.getString());
      }
      Long created = o.get("Created") instanceof JsonNumber n ? n.longValue() * 1000 : null;
      out.add(
          new Container(
              id, name, text(o, "Image"), text(o, "State"), labels(o.get("Labels")), created));
    }
    return out;
  }

  /** The object of {@code GET /containers/{id}/json}. */
  static Details parseInspect(byte[] json) throws IOException {
    JsonObject o = object(json, "container");
    JsonObject state = o.get("State") instanceof JsonObject s ? s : JsonValue.EMPTY_JSON_OBJECT;
    JsonObject config = o.get("Config") instanceof JsonObject c ? c : JsonValue.EMPTY_JSON_OBJECT;
    String id = text(o, "Id");
    if (id == null) {
      throw new IOException("Docker's inspect answer has no Id");
    }
    return new Details(
        id,
        unslash(text(o, "Name")),
        text(config, "Image"),
        text(state, "Status"),
        labels(config.get("Labels")),
        instantMs(text(o, "Created")),
        instantMs(text(state, "StartedAt")),
        state.get("ExitCode") instanceof JsonNumber n ? n.intValue() : null,
        o.get("RestartCount") instanceof JsonNumber n ? n.intValue() : null,
        state.containsKey("OOMKilled") ? state.getBoolean("OOMKilled", false) : null);
  }

  /** One line of the event stream; empty for anything but a container event. */
  static Optional<Event> parseEvent(String line) {
    if (line.isBlank()) {
      return Optional.empty();
    }
    JsonObject o;
    try (JsonReader r = Json.createReader(new StringReader(line))) {
      o = r.readObject();
    } catch (JsonException | IllegalStateException e) {
      return Optional.empty();
    }
    if (!"container".equals(text(o, "Type"))) {
      return Optional.empty();
    }
    JsonObject actor = o.get("Actor") instanceof JsonObject a ? a : JsonValue.EMPTY_JSON_OBJECT;
    String id = text(actor, "ID");
    String action = text(o, "Action");
    if (id == null || action == null) {
      return Optional.empty();
    }
    long ts =
        o.get("timeNano") instanceof JsonNumber n
            ? n.longValue() / 1_000_000
            : o.get("time") instanceof JsonNumber t ? t.longValue() * 1000 : 0;
    // "exec_start: sh -c ..." and "health_status: healthy" carry their argument after a colon
    int colon = action.indexOf(':');
    return Optional.of(
        new Event(
            id,
            colon < 0 ? action : action.substring(0, colon),
            ts,
            labels(actor.get("Attributes"))));
  }

  private static JsonObject object(byte[] json, String what) throws IOException {
    try (JsonReader r = Json.createReader(new ByteArrayInputStream(json))) {
      return r.readObject();
    } catch (JsonException | IllegalStateException e) {
      throw new IOException("Docker's " + what + " answer is not a JSON object", e);
    }
  }

  private static Map<String, String> labels(JsonValue v) {
    if (!(v instanceof JsonObject o)) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> e : o.entrySet()) {
      if (e.getValue() instanceof JsonString s) {
        out.put(e.getKey(), s.getString());
      }
    }
    return out;
  }

  /** RFC 3339 to epoch ms; null for Docker's "never" (year 1) and anything unreadable. */
  static Long instantMs(String s) {
    if (s == null || s.startsWith("0001-")) {
      return null;
    }
    try {
      return Instant.parse(s).toEpochMilli();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String unslash(String name) {
    return name != null && name.startsWith("/") ? name.substring(1) : name;
  }

  private static String text(JsonObject o, String key) {
    return o.get(key) instanceof JsonString s ? s.getString() : null;
  }
}
