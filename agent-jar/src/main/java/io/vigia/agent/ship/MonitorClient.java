package io.vigia.agent.ship;

import io.vigia.wire.Batch;
import io.vigia.wire.EnrollReply;
import io.vigia.wire.EnrollRequest;
import io.vigia.wire.IngestReply;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Talks to the monitor's agent API: enrolment and ingest. One instance per agent. */
public final class MonitorClient implements AutoCloseable {

  /** The monitor answered with an error status; {@code status} says which. */
  public static final class RejectedException extends IOException {
    private final int status;

    RejectedException(int status, String body) {
      super("monitor answered " + status + ": " + body);
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
    if ("http".equalsIgnoreCase(base.getScheme()) && !insecure && !isLoopback(base.getHost())) {
      throw new IllegalArgumentException(
          "refusing plain HTTP to " + base.getHost() + ": use https, or --insecure=true");
    }
    this.base = base;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
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
    return jsonb.fromJson(post("api/v1/ingest", token, jsonb.toJson(batch)), IngestReply.class);
  }

  /** The batch as the monitor will receive it. */
  public String toJson(Batch batch) {
    return jsonb.toJson(batch);
  }

  private String post(String path, String bearer, String json)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + bearer)
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
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
