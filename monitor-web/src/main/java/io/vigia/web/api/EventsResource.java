package io.vigia.web.api;

import io.vigia.monitor.event.EventFilter;
import io.vigia.monitor.event.EventKind;
import io.vigia.monitor.event.EventLog;
import io.vigia.monitor.event.EventPage;
import io.vigia.monitor.host.Host;
import io.vigia.monitor.host.HostDirectory;
import io.vigia.monitor.security.Role;
import io.vigia.web.security.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The event log: {@code GET /api/v1/events?host=&kind=&since=&until=&page=&size=} (viewers), newest
 * first, {@code page} 0-based, {@code size} 1 to 500 (default 50); {@code since} (inclusive) and
 * {@code until} (exclusive) are epoch milliseconds or ISO-8601 instants. Answers the page and the
 * total count of matching events; 400 for a bad filter, 404 for an unknown host.
 */
@Path("v1/events")
@RequestScoped
@Tag(ref = VigiaApi.TAG_EVENTS)
public class EventsResource {

  static final int DEFAULT_SIZE = 50;

  @Inject private Caller caller;
  @Inject private HostDirectory hosts;
  @Inject private EventLog events;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "The event log",
      description =
          "Events newest first (viewers): host online/offline, alert raised/cleared, command"
              + " queued and its result, token revoked, with who (a user, system or agent) and"
              + " why. Answers {items: [{id, at, host, kind, severity, actor, message, detail}],"
              + " page, size, total}.")
  @SecurityRequirement(name = VigiaApi.BASIC)
  @APIResponse(
      responseCode = "200",
      description = "One page, and the total of matching events",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = EventPage.class)))
  @APIResponse(responseCode = "400", ref = VigiaApi.BAD_REQUEST)
  @APIResponse(responseCode = "401", ref = VigiaApi.UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = VigiaApi.FORBIDDEN)
  @APIResponse(responseCode = "404", ref = VigiaApi.NOT_FOUND)
  public EventPage find(
      @Parameter(description = "only this host's events (its name)") @QueryParam("host")
          String hostName,
      @Parameter(
              description =
                  "only this kind: host_online, host_offline, alert_raised, alert_cleared,"
                      + " command_queued, command_result, token_revoked")
          @QueryParam("kind")
          String kindName,
      @Parameter(description = "from then (inclusive), epoch milliseconds or ISO-8601")
          @QueryParam("since")
          String sinceParam,
      @Parameter(description = "until then (exclusive), epoch milliseconds or ISO-8601")
          @QueryParam("until")
          String untilParam,
      @Parameter(
              description = "0-based page",
              schema = @Schema(type = SchemaType.INTEGER, defaultValue = "0"))
          @QueryParam("page")
          String pageParam,
      @Parameter(
              description = "events per page, 1 to 500",
              schema = @Schema(type = SchemaType.INTEGER, defaultValue = "50"))
          @QueryParam("size")
          String sizeParam) {
    caller.require(Role.VIEWER);
    Optional<EventKind> kind =
        blank(kindName)
            ? Optional.empty()
            : Optional.of(
                EventKind.byApiName(kindName.strip())
                    .orElseThrow(
                        () ->
                            ProblemException.badRequest(
                                "kind must be one of " + EventKind.apiNames())));
    Optional<Long> since =
        blank(sinceParam) ? Optional.empty() : Optional.of(instant("since", sinceParam));
    Optional<Long> until =
        blank(untilParam) ? Optional.empty() : Optional.of(instant("until", untilParam));
    if (since.isPresent() && until.isPresent() && since.get() >= until.get()) {
      throw ProblemException.badRequest("'since' must be before 'until'");
    }
    int page = integer("page", pageParam, 0, 0, Integer.MAX_VALUE);
    int size = integer("size", sizeParam, DEFAULT_SIZE, 1, EventLog.MAX_PAGE_SIZE);
    if ((long) page * size > Integer.MAX_VALUE) {
      throw ProblemException.badRequest("'page' is too large for this size");
    }
    Optional<Long> hostId =
        blank(hostName)
            ? Optional.empty()
            : Optional.of(
                hosts
                    .byName(hostName)
                    .map(Host::getId)
                    .orElseThrow(
                        () ->
                            new ProblemException(
                                404, "Not Found", "no host named '" + hostName + "'")));
    return events.find(new EventFilter(hostId, kind, since, until), page, size);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /** Epoch milliseconds, or an ISO-8601 instant ({@code 2026-11-02T10:00:00Z}, or with offset). */
  static long instant(String param, String value) {
    String v = value.strip();
    try {
      if (v.matches("-?\\d{1,19}")) {
        return Long.parseLong(v);
      }
      return java.time.OffsetDateTime.parse(v).toInstant().toEpochMilli();
    } catch (RuntimeException e) {
      throw ProblemException.badRequest(
          "'" + param + "' must be epoch milliseconds or an ISO-8601 instant, not '" + value + "'");
    }
  }

  static int integer(String param, String value, int dflt, int min, int max) {
    if (blank(value)) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ProblemException.badRequest(
        "'" + param + "' must be an integer from " + min + " to " + max + ", not '" + value + "'");
  }
}
