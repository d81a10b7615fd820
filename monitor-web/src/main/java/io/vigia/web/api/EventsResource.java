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

/**
 * The event log: {@code GET /api/v1/events?host=&kind=&since=&until=&page=&size=} (viewers), newest
 * first, {@code page} 0-based, {@code size} 1 to 500 (default 50); {@code since} (inclusive) and
 * {@code until} (exclusive) are epoch milliseconds or ISO-8601 instants. Answers the page and the
 * total count of matching events; 400 for a bad filter, 404 for an unknown host.
 */
@Path("v1/events")
@RequestScoped
public class EventsResource {

  static final int DEFAULT_SIZE = 50;

  @Inject private Caller caller;
  @Inject private HostDirectory hosts;
  @Inject private EventLog events;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public EventPage find(
      @QueryParam("host") String hostName,
      @QueryParam("kind") String kindName,
      @QueryParam("since") String sinceParam,
      @QueryParam("until") String untilParam,
      @QueryParam("page") String pageParam,
      @QueryParam("size") String sizeParam) {
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
