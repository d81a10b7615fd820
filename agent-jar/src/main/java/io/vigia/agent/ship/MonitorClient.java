package io.vigia.agent.ship;

import io.vigia.wire.Batch;
import io.vigia.wire.EnrollReply;
import io.vigia.wire.EnrollRequest;
import io.vigia.wire.IngestReply;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;

/** Talks to the monitor's agent API: enrolment and ingest. One instance per agent. */
public final class MonitorClient implements AutoCloseable {

  /** The monitor answered with an error status; {@code status} says which. */
  public static final class RejectedException extends IOException {
    private final int status;

    RejectedException(int status, String body) {
      // An error page can be long; the start says enough in a log line.
      super(
          "monitor answered "
              + status
              + ": "
              + (body.length() > 300 ? body.substring(0, 300) + "..." : body));
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  private final URI base;
  private final Duration timeout;
  private final HttpClient http;
  private final Jsonb jsonb = JsonbBuilder.create();

  /**
   * @param base the monitor's root URL, ending in {@code /}
   * @param insecure allow plain HTTP to a host other than this one
   */
  public MonitorClient(URI base, Duration timeout, boolean insecure) {
    this(base, timeout, insecure, ServerTrust.systemDefault());
  }

  /**
   * @param base the monitor's root URL, ending in {@code /}
   * @param insecure allow plain HTTP to a host other than this one
   * @param trust how an HTTPS server is recognised as the monitor
   */
  public MonitorClient(URI base, Duration timeout, boolean insecure, ServerTrust trust) {
    if ("http".equalsIgnoreCase(base.getScheme()) && !insecure && !isLoopback(base.getHost())) {
      throw new IllegalArgumentException(
          "refusing plain HTTP to " + base.getHost() + ": use https, or --insecure=true");
    }
    this.base = base;
    this.timeout = timeout;
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout);
    if ("https".equalsIgnoreCase(base.getScheme())) {
      builder.sslContext(trust.sslContext());
    }
    this.http = builder.build();
  }

  static boolean isLoopback(String host) {
    try {
      return host != null && InetAddress.getByName(host).isLoopbackAddress();
    } catch (IOException e) {
      return false;
    }
  }

  public EnrollReply enroll(String fleetKey, EnrollRequest request)
      throws IOException, InterruptedException {
    return jsonb.fromJson(
        post("api/v1/enroll", fleetKey, jsonb.toJson(request)), EnrollReply.class);
  }

  public IngestReply push(String token, Batch batch) throws IOException, InterruptedException {
    return push(token, gzip(toJson(batch)));
  }

  /**
   * Pushes a batch already encoded by {@link #gzip} (as the spool keeps it).
   *
   * @throws RejectedException when the monitor answers with an error status
   * @throws IOException when it cannot be reached or its answer is not an {@link IngestReply}
   */
  public IngestReply push(String token, byte[] gzippedJson)
      throws IOException, InterruptedException {
    String body =
        post("api/v1/ingest", token, "gzip", HttpRequest.BodyPublishers.ofByteArray(gzippedJson));
    try {
      IngestReply reply = jsonb.fromJson(body, IngestReply.class);
      if (reply == null) {
        throw new IOException("empty answer from the monitor");
      }
      return reply;
    } catch (JsonbException e) {
      throw new IOException("the monitor's answer is not an ingest reply: " + e.getMessage(), e);
    }
  }

  /** The batch as the monitor will receive it. */
  public String toJson(Batch batch) {
    return jsonb.toJson(batch);
  }

  /** A request body in the encoding the agent sends ({@code Content-Encoding: gzip}). */
  public static byte[] gzip(String json) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, json.length() / 4));
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(json.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // not on a byte array
    }
    return out.toByteArray();
  }

  private String post(String path, String bearer, String json)
      throws IOException, InterruptedException {
    return post(path, bearer, null, HttpRequest.BodyPublishers.ofString(json));
  }

  private String post(
      String path, String bearer, String contentEncoding, HttpRequest.BodyPublisher body)
      throws IOException, InterruptedException {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + bearer)
            .POST(body);
    if (contentEncoding != null) {
      builder.header("Content-Encoding", contentEncoding);
    }
    HttpRequest request = builder.build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new RejectedException(response.statusCode(), response.body());
    }
    return response.body();
  }

  @Override
  public void close() throws Exception {
    jsonb.close();
  }
}
