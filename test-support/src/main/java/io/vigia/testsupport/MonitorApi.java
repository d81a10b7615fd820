package io.vigia.testsupport;

import io.vigia.wire.Batch;
import io.vigia.wire.CommandResult;
import io.vigia.wire.ContainerEvent;
import io.vigia.wire.ContainerInfo;
import io.vigia.wire.Cpu;
import io.vigia.wire.EnrollReply;
import io.vigia.wire.EnrollRequest;
import io.vigia.wire.Load;
import io.vigia.wire.Memory;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** A black-box client of a running monitor, as the tests use it. */
public final class MonitorApi {

  private static final Jsonb JSONB = JsonbBuilder.create();
  private final URI base;
  private final String basic; // "Basic ..." for a user, or null for anonymous calls
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * @param base the monitor's root, e.g. {@code http://127.0.0.1:8080/}
   */
  public MonitorApi(URI base) {
    this(base, null);
  }

  private MonitorApi(URI base, String basic) {
    this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
    this.basic = basic;
  }

  /** The same monitor, called as this user (HTTP Basic) wherever no agent token is sent. */
  public MonitorApi as(String user, String password) {
    return new MonitorApi(
        base,
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
  }

  /** The same monitor, called anonymously. */
  public MonitorApi anonymous() {
    return new MonitorApi(base, null);
  }

  public URI base() {
    return base;
  }

  public static String json(Object value) {
    return JSONB.toJson(value);
  }

  /** A plausible batch: 4 cores, 8 GiB, the given CPU %. */
  public static Batch batch(String agentId, String host, long seq, double cpuPct) {
    return Batch.ofHost(
        agentId,
        host,
        seq,
        System.currentTimeMillis(),
        "proc",
        Cpu.total(cpuPct, 4),
        new Memory(8_000_000L, 1_000_000L, 6_000_000L, 100_000L, 2_000_000L, 0L, 0L),
        new Load(0.5, 0.4, 0.3));
  }

  /** {@link #batch} with these containers, as an agent reports them. */
  public static Batch batchWithContainers(
      String agentId, String host, long seq, double cpuPct, List<ContainerInfo> containers) {
    return batch(agentId, host, seq, cpuPct, containers, null, null, null);
  }

  /**
   * {@link #batch(String, String, long, double)} carrying what an agent reports besides its
   * figures: results of commands and events of containers (either may be null).
   */
  public static Batch batch(
      String agentId,
      String host,
      long seq,
      double cpuPct,
      List<CommandResult> results,
      List<ContainerEvent> containerEvents) {
    return batch(agentId, host, seq, cpuPct, null, results, containerEvents, null);
  }

  /**
   * {@link #batch(String, String, long, double)} with the host's containers, results of commands,
   * events of containers and the version of the prune policy the agent holds (any may be null).
   */
  public static Batch batch(
      String agentId,
      String host,
      long seq,
      double cpuPct,
      List<ContainerInfo> containers,
      List<CommandResult> results,
      List<ContainerEvent> containerEvents,
      String policyVersion) {
    Batch b = batch(agentId, host, seq, cpuPct);
    return carrying(b, b.ts(), containers, results, containerEvents, policyVersion);
  }

  /** {@code b} stamped {@code ts} (a sample of the past, say), with these containers. */
  public static Batch withContainers(Batch b, long ts, List<ContainerInfo> containers) {
    return carrying(b, ts, containers, null, null, null);
  }

  private static Batch carrying(
      Batch b,
      long ts,
      List<ContainerInfo> containers,
      List<CommandResult> results,
      List<ContainerEvent> containerEvents,
      String policyVersion) {
    return new Batch(
        b.agentId(),
        b.host(),
        b.seq(),
        ts,
        b.source(),
        b.cpu(),
        b.memory(),
        b.load(),
        null,
        containers,
        results,
        containerEvents,
        policyVersion);
  }

  public HttpResponse<String> get(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).GET();
    if (basic != null) {
      b.header("Authorization", basic);
    }
    return send(b);
  }

  public HttpResponse<String> post(String path, String bearer, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    } else if (basic != null) {
      b.header("Authorization", basic);
    }
    return send(b);
  }

  public HttpResponse<String> put(String path, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body));
    if (basic != null) {
      b.header("Authorization", basic);
    }
    return send(b);
  }

  public HttpResponse<String> delete(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).DELETE();
    if (basic != null) {
      b.header("Authorization", basic);
    }
    return send(b);
  }

  public HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(
          request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Adds a user as this (admin) user: {@code POST api/v1/users}. */
  public HttpResponse<String> addUser(String username, String password, String role) {
    return post(
        "api/v1/users",
        null,
        "{\"username\":\""
            + username
            + "\",\"password\":\""
            + password
            + "\",\"role\":\""
            + role
            + "\"}");
  }

  /** Enrols an agent with the fleet key and returns its host token; fails the test otherwise. */
  public String enroll(String fleetKey, String agentId, String host) {
    HttpResponse<String> r =
        post("api/v1/enroll", fleetKey, json(new EnrollRequest(agentId, host)));
    if (r.statusCode() != 200) {
      throw new AssertionError("enrolment failed: " + r.statusCode() + " " + r.body());
    }
    return JSONB.fromJson(r.body(), EnrollReply.class).token();
  }

  public HttpResponse<String> ingest(String token, Batch batch) {
    return post("api/v1/ingest", token, json(batch));
  }

  public JsonArray hosts() {
    HttpResponse<String> r = get("api/v1/hosts");
    if (r.statusCode() != 200) {
      throw new AssertionError("GET /api/v1/hosts: " + r.statusCode() + " " + r.body());
    }
    return parse(r.body()).asJsonArray();
  }

  public Optional<JsonObject> host(String name) {
    return hosts().stream()
        .map(JsonValue::asJsonObject)
        .filter(h -> h.getString("name").equals(name))
        .findFirst();
  }

  public static JsonValue parse(String json) {
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      return reader.readValue();
    }
  }
}
