package io.vigia.web.api;

import io.vigia.monitor.history.ContainerMetric;
import io.vigia.monitor.history.HistoryMaintenance;
import io.vigia.monitor.history.Metric;
import io.vigia.monitor.history.Series;
import io.vigia.monitor.history.SeriesPoint;
import io.vigia.monitor.history.SeriesQuery;
import io.vigia.monitor.host.Host;
import io.vigia.monitor.host.HostDirectory;
import io.vigia.monitor.latest.LatestState;
import io.vigia.monitor.security.Role;
import io.vigia.web.security.Caller;
import io.vigia.wire.Batch;
import io.vigia.wire.ContainerInfo;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Host-metric history. {@code GET /api/v1/hosts/{name}/series} (viewers) answers a chart: at most
 * {@code points} points of min/avg/max, from raw, 1-minute or 1-hour data as the range needs; JSON,
 * or CSV; {@code .../containers/{id}/series} the same for one of the host's containers ({@code
 * Accept: text/csv} or {@code format=csv}). {@code POST
 * /api/v1/history/maintenance?now=EPOCH_MS[&since=EPOCH_MS]} (admins) runs rollup and retention as
 * of {@code now}, rolling up again from {@code since} when given.
 */
@Path("v1")
@RequestScoped
@Tag(ref = VigiaApi.TAG_HISTORY)
public class SeriesResource {

  static final String TEXT_CSV = "text/csv";
  static final int DEFAULT_POINTS = 300;
  static final int MAX_POINTS = 10_000;
  static final Duration DEFAULT_SPAN = Duration.ofHours(24);
  private static final Pattern CONTAINER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

  @Inject private Caller caller;
  @Inject private HostDirectory hosts;
  @Inject private SeriesQuery series;
  @Inject private HistoryMaintenance maintenance;
  @Inject private AsOf asOf;
  @Inject private LatestState latest;

  @Context private HttpHeaders headers;

  @GET
  @Path("hosts/{name}/series")
  @Produces({MediaType.APPLICATION_JSON, TEXT_CSV})
  @Operation(
      summary = "A metric's history",
      description =
          "At most 'points' points of min/avg/max of one metric of the host (viewers), from raw,"
              + " 1-minute or 1-hour data as the range needs (the part not rolled up yet from the"
              + " finer level: 'sources' says which); JSON, or CSV (t,min,avg,max) with"
              + " Accept: text/csv or format=csv.")
  @SecurityRequirement(name = VigiaApi.BASIC)
  @APIResponse(
      responseCode = "200",
      description = "The series",
      content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SeriesAnswer")),
        @Content(mediaType = TEXT_CSV, schema = @Schema(implementation = String.class))
      })
  @APIResponse(responseCode = "400", ref = VigiaApi.BAD_REQUEST)
  @APIResponse(responseCode = "401", ref = VigiaApi.UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = VigiaApi.FORBIDDEN)
  @APIResponse(responseCode = "404", ref = VigiaApi.NOT_FOUND)
  public Response series(
      @Parameter(description = "the host's name", required = true) @PathParam("name") String name,
      @Parameter(
              description = "which metric",
              required = true,
              schema =
                  @Schema(
                      type = SchemaType.STRING,
                      enumeration = {"cpu", "ram", "load1", "mem_available_kb", "swap_used_kb"}))
          @QueryParam("metric")
          String metricName,
      @Parameter(
              description =
                  "start (inclusive), epoch milliseconds or ISO-8601; default: 'to' minus 24 h")
          @QueryParam("from")
          String fromParam,
      @Parameter(description = "end (exclusive), epoch milliseconds or ISO-8601; default: now")
          @QueryParam("to")
          String toParam,
      @Parameter(
              description = "at most this many points, 1 to 10000",
              schema = @Schema(type = SchemaType.INTEGER, defaultValue = "300"))
          @QueryParam("points")
          String pointsParam,
      @Parameter(
              description = "csv or json; without it, the Accept header decides (JSON first)",
              schema =
                  @Schema(
                      type = SchemaType.STRING,
                      enumeration = {"json", "csv"}))
          @QueryParam("format")
          String format) {
    caller.require(Role.VIEWER);
    long now = System.currentTimeMillis();
    Metric metric =
        Metric.byApiName(metricName)
            .orElseThrow(
                () ->
                    ProblemException.badRequest(
                        "metric must be one of "
                            + Metric.apiNames()
                            + ", not '"
                            + metricName
                            + "'"));
    long to = toParam == null ? now : instant("to", toParam);
    long from = fromParam == null ? to - DEFAULT_SPAN.toMillis() : instant("from", fromParam);
    if (from >= to) {
      throw ProblemException.badRequest("'from' must be before 'to'");
    }
    int points = points(pointsParam);
    boolean csv = wantsCsv(format);
    Host host =
        hosts
            .byName(name)
            .orElseThrow(
                () -> new ProblemException(404, "Not Found", "no host named '" + name + "'"));

    Series s = series.query(host.getId(), metric, from, to, points, now);
    if (csv) {
      return Response.ok(csv(s), TEXT_CSV + "; charset=UTF-8")
          .header(
              "Content-Disposition",
              "inline; filename=\"" + name + "-" + metric.apiName() + ".csv\"")
          .build();
    }
    return Response.ok(
            new SeriesAnswer(
                host.getName(),
                null,
                metric.apiName(),
                Instant.ofEpochMilli(from),
                Instant.ofEpochMilli(to),
                s.plan().resolution().label(),
                Duration.ofMillis(s.plan().stepMs()).toString(),
                SeriesAnswer.Source.of(s),
                s.points()),
            MediaType.APPLICATION_JSON)
        .build();
  }

  @GET
  @Path("hosts/{name}/containers/{id}/series")
  @Produces({MediaType.APPLICATION_JSON, TEXT_CSV})
  @Operation(
      summary = "A container metric's history",
      description =
          "At most 'points' points of min/avg/max of one metric of one of the host's containers"
              + " (viewers), from raw, 1-minute or 1-hour data as the range needs, kept as long as"
              + " the host's: cpu (share of one core, %) or mem (bytes used, as docker stats"
              + " shows). JSON, or CSV (t,min,avg,max) with Accept: text/csv or format=csv.")
  @SecurityRequirement(name = VigiaApi.BASIC)
  @APIResponse(
      responseCode = "200",
      description = "The series",
      content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SeriesAnswer")),
        @Content(mediaType = TEXT_CSV, schema = @Schema(implementation = String.class))
      })
  @APIResponse(responseCode = "400", ref = VigiaApi.BAD_REQUEST)
  @APIResponse(responseCode = "401", ref = VigiaApi.UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = VigiaApi.FORBIDDEN)
  @APIResponse(responseCode = "404", ref = VigiaApi.NOT_FOUND)
  public Response containerSeries(
      @Parameter(description = "the host's name", required = true) @PathParam("name") String name,
      @Parameter(
              description =
                  "the container: its full id, or the name or id prefix of one the host runs now",
              required = true)
          @PathParam("id")
          String id,
      @Parameter(
              description = "which metric",
              required = true,
              schema =
                  @Schema(
                      type = SchemaType.STRING,
                      enumeration = {"cpu", "mem"}))
          @QueryParam("metric")
          String metricName,
      @Parameter(
              description =
                  "start (inclusive), epoch milliseconds or ISO-8601; default: 'to' minus 24 h")
          @QueryParam("from")
          String fromParam,
      @Parameter(description = "end (exclusive), epoch milliseconds or ISO-8601; default: now")
          @QueryParam("to")
          String toParam,
      @Parameter(
              description = "at most this many points, 1 to 10000",
              schema = @Schema(type = SchemaType.INTEGER, defaultValue = "300"))
          @QueryParam("points")
          String pointsParam,
      @Parameter(
              description = "csv or json; without it, the Accept header decides (JSON first)",
              schema =
                  @Schema(
                      type = SchemaType.STRING,
                      enumeration = {"json", "csv"}))
          @QueryParam("format")
          String format) {
    caller.require(Role.VIEWER);
    long now = System.currentTimeMillis();
    ContainerMetric metric =
        ContainerMetric.byApiName(metricName)
            .orElseThrow(
                () ->
                    ProblemException.badRequest(
                        "metric must be one of "
                            + ContainerMetric.apiNames()
                            + ", not '"
                            + metricName
                            + "'"));
    long to = toParam == null ? now : instant("to", toParam);
    long from = fromParam == null ? to - DEFAULT_SPAN.toMillis() : instant("from", fromParam);
    if (from >= to) {
      throw ProblemException.badRequest("'from' must be before 'to'");
    }
    int points = points(pointsParam);
    boolean csv = wantsCsv(format);
    Host host =
        hosts
            .byName(name)
            .orElseThrow(
                () -> new ProblemException(404, "Not Found", "no host named '" + name + "'"));
    String containerId = containerId(host.getId(), id);

    Series s = series.query(host.getId(), containerId, metric, from, to, points, now);
    if (csv) {
      return Response.ok(csv(s), TEXT_CSV + "; charset=UTF-8")
          .header(
              "Content-Disposition",
              "inline; filename=\"" + name + "-" + id + "-" + metric.apiName() + ".csv\"")
          .build();
    }
    return Response.ok(
            new SeriesAnswer(
                host.getName(),
                containerId,
                metric.apiName(),
                Instant.ofEpochMilli(from),
                Instant.ofEpochMilli(to),
                s.plan().resolution().label(),
                Duration.ofMillis(s.plan().stepMs()).toString(),
                SeriesAnswer.Source.of(s),
                s.points()),
            MediaType.APPLICATION_JSON)
        .build();
  }

  /**
   * The full id of the container the caller means: one the host runs now, by full id, name or id
   * prefix (at least 4 characters, as docker takes them); otherwise the id as given, which for a
   * container that is gone must be its full id.
   */
  private String containerId(long hostId, String id) {
    if (!CONTAINER.matcher(id).matches()) {
      throw ProblemException.badRequest("not a container id or name: '" + id + "'");
    }
    List<ContainerInfo> now =
        latest.get(hostId).map(Batch::containers).filter(c -> c != null).orElse(List.of());
    for (ContainerInfo c : now) {
      if (c.id().equals(id) || id.equals(c.name())) {
        return c.id();
      }
    }
    if (id.length() >= 4) {
      List<String> prefixed =
          now.stream().map(ContainerInfo::id).filter(c -> c.startsWith(id)).toList();
      if (prefixed.size() == 1) {
        return prefixed.get(0);
      }
    }
    return id;
  }

  @POST
  @Path("history/maintenance")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Run rollup and retention",
      description =
          "Rolls up and purges history as of 'now' (admins), what the timers do every minute;"
              + " 'since' rolls up again from then. Answers what was rolled up and deleted.")
  @SecurityRequirement(name = VigiaApi.BASIC)
  @APIResponse(
      responseCode = "200",
      description = "What was rolled up and purged",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = HistoryMaintenance.Report.class)))
  @APIResponse(responseCode = "400", ref = VigiaApi.BAD_REQUEST)
  @APIResponse(responseCode = "401", ref = VigiaApi.UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = VigiaApi.FORBIDDEN)
  public HistoryMaintenance.Report maintain(
      @Parameter(description = "as of when, epoch milliseconds or ISO-8601; default: now")
          @QueryParam("now")
          String nowParam,
      @Parameter(description = "roll up again from then, epoch milliseconds or ISO-8601")
          @QueryParam("since")
          String sinceParam) {
    caller.require(Role.ADMIN);
    long now = asOf.now(nowParam);
    OptionalLong since =
        sinceParam == null ? OptionalLong.empty() : OptionalLong.of(instant("since", sinceParam));
    return maintenance.run(now, since);
  }

  /** Epoch milliseconds, or an ISO-8601 instant ({@code 2026-11-02T10:00:00Z}, or with offset). */
  static long instant(String param, String value) {
    String v = value.strip();
    try {
      if (!v.isEmpty() && v.chars().allMatch(Character::isDigit)) {
        return Long.parseLong(v);
      }
      try {
        return Instant.parse(v).toEpochMilli();
      } catch (DateTimeParseException e) {
        return OffsetDateTime.parse(v).toInstant().toEpochMilli();
      }
    } catch (NumberFormatException | DateTimeParseException e) {
      throw ProblemException.badRequest(
          "'" + param + "' must be epoch milliseconds or an ISO-8601 instant, not '" + value + "'");
    }
  }

  private static int points(String value) {
    if (value == null) {
      return DEFAULT_POINTS;
    }
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= 1 && n <= MAX_POINTS) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below, with the accepted range
    }
    throw ProblemException.badRequest(
        "'points' must be a whole number from 1 to " + MAX_POINTS + ", not '" + value + "'");
  }

  private boolean wantsCsv(String format) {
    if (format != null) {
      return switch (format) {
        case "csv" -> true;
        case "json" -> false;
        default -> throw ProblemException.badRequest("'format' must be csv or json");
      };
    }
    MediaType csv = MediaType.valueOf(TEXT_CSV);
    for (MediaType accepted : headers.getAcceptableMediaTypes()) {
      if (accepted.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
        return false; // includes */*: JSON unless CSV is asked for by name
      }
      if (accepted.isCompatible(csv)) {
        return true;
      }
    }
    return false;
  }

  private static String csv(Series s) {
    StringBuilder out = new StringBuilder("t,min,avg,max\n");
    for (SeriesPoint p : s.points()) {
      out.append(p.t())
          .append(',')
          .append(p.min())
          .append(',')
          .append(p.avg())
          .append(',')
          .append(p.max())
          .append('\n');
    }
    return out.toString();
  }
}
