package io.vigia.agent.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real unix-socket HTTP/1.1 server standing in for dockerd: it reads each request to the end of
 * its headers, records the request line, and answers with a canned response (the one routed to the
 * longest matching path prefix, else the default), closing the connection as {@code Connection:
 * close} asks. {@code GET /version} answers the captured 20.10 version unless routed otherwise;
 * other unrouted {@code /containers/<id>/json} paths answer 404.
 */
final class FakeDockerDaemon implements AutoCloseable {

  final Path socket;
  final List<String> requests = new CopyOnWriteArrayList<>();
  private final ServerSocketChannel server;
  private final Thread thread;
  private volatile byte[] response;
  private final java.util.Map<String, byte[]> routes =
      new java.util.concurrent.ConcurrentHashMap<>();

  FakeDockerDaemon(Path socket) throws IOException {
    this.socket = socket;
    this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    this.thread = new Thread(this::serve, "fake-dockerd");
    thread.setDaemon(true);
    thread.start();
    route("GET /version ", ok(capture("/docker/version-20.10.json")));
  }

  /** Answers requests whose line starts with {@code linePrefix} ("GET /path") with this. */
  FakeDockerDaemon route(String linePrefix, byte[] wholeResponse) {
    routes.put(linePrefix, wholeResponse);
    return this;
  }

  /** The requests other than the version negotiation. */
  List<String> apiRequests() {
    return requests.stream().filter(r -> !r.startsWith("GET /version ")).toList();
  }

  static byte[] ok(byte[] body) {
    return concat(
        ("HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Type: application/json\r\n"
                + "Server: Docker/20.10.24+dfsg1 (linux)\r\nContent-Length: "
                + body.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII),
        body);
  }

  static byte[] notFound() {
    byte[] body = "{\"message\":\"No such container\"}".getBytes(StandardCharsets.US_ASCII);
    return concat(
        ("HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII),
        body);
  }

  /** Answers 200 with the body, as dockerd does for small lists (Content-Length). */
  FakeDockerDaemon answer(byte[] body) {
    return answerRaw(ok(body));
  }

  /** Answers 200 with the body cut in chunks, as dockerd does for long lists. */
  FakeDockerDaemon answerChunked(byte[] body, int chunk) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        ("HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    for (int i = 0; i < body.length; i += chunk) {
      int n = Math.min(chunk, body.length - i);
      out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body, i, n);
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    return answerRaw(out.toByteArray());
  }

  FakeDockerDaemon answerRaw(byte[] wholeResponse) {
    this.response = wholeResponse;
    return this;
  }

  static byte[] capture(String resource) throws IOException {
    return Files.readAllBytes(Fixtures.resource(resource));
  }

  private void serve() {
    while (server.isOpen()) {
      try (SocketChannel ch = server.accept()) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(4096);
        while (!request.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
          buf.clear();
          if (ch.read(buf) < 0) {
            break;
          }
          request.write(buf.array(), 0, buf.position());
        }
        String text = request.toString(StandardCharsets.ISO_8859_1);
        String line = text.substring(0, Math.max(0, text.indexOf("\r\n")));
        requests.add(line);
        byte[] answer =
            line.matches("GET /v1\\.41/containers/[0-9a-f]+/json .*") ? notFound() : response;
        int best = -1;
        for (var e : routes.entrySet()) {
          if (line.startsWith(e.getKey()) && e.getKey().length() > best) {
            best = e.getKey().length();
            answer = e.getValue();
          }
        }
        ByteBuffer out = ByteBuffer.wrap(answer);
        while (out.hasRemaining()) {
          ch.write(out);
        }
      } catch (IOException closed) {
        return;
      }
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = new byte[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  @Override
  public void close() throws IOException {
    server.close();
    Files.deleteIfExists(socket);
  }
}
