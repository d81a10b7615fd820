package io.vigia.agent.engine;

import com.sun.net.httpserver.HttpServer;
import io.vigia.wire.Batch;
import io.vigia.wire.ContainerPolicy;
import io.vigia.wire.IngestReply;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * Stands in for the monitor's ingest endpoint: keeps every batch the real agent pushes and answers
 * with the container policy the test sets (sent until the agent reports holding its version).
 */
final class FakeMonitor implements AutoCloseable {

  final List<Batch> batches = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private final Jsonb jsonb = JsonbBuilder.create();
  private volatile ContainerPolicy policy;

  FakeMonitor() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/api/v1/ingest",
        exchange -> {
          byte[] body;
          try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
          }
          String enc = exchange.getRequestHeaders().getFirst("Content-Encoding");
          if ("gzip".equalsIgnoreCase(enc)) {
            body = new GZIPInputStream(new java.io.ByteArrayInputStream(body)).readAllBytes();
          }
          Batch b = jsonb.fromJson(new String(body, StandardCharsets.UTF_8), Batch.class);
          batches.add(b);
          ContainerPolicy p = policy;
          IngestReply reply =
              new IngestReply(
                  b.seq(),
                  true,
                  List.of(),
                  p != null && !p.version().equals(b.policyVersion()) ? p : null);
          byte[] out = jsonb.toJson(reply).getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, out.length);
          exchange.getResponseBody().write(out);
          exchange.close();
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  void policy(ContainerPolicy p) {
    this.policy = p;
  }

  Batch last() {
    return batches.isEmpty() ? null : batches.get(batches.size() - 1);
  }

  @Override
  public void close() throws Exception {
    server.stop(0);
    jsonb.close();
  }
}
