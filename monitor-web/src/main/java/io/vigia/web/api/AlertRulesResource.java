package io.vigia.web.api;

import io.vigia.monitor.alert.AlertChange;
import io.vigia.monitor.alert.AlertEvaluation;
import io.vigia.monitor.alert.AlertRule;
import io.vigia.monitor.alert.AlertRuleSpec;
import io.vigia.monitor.alert.AlertRules;
import io.vigia.monitor.alert.AlertView;
import io.vigia.monitor.host.Host;
import io.vigia.monitor.host.HostDirectory;
import io.vigia.monitor.security.Role;
import io.vigia.web.security.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Alert rules and alerts. {@code /api/v1/alert-rules}: list and read (viewers), create, change and
 * delete (admins). {@code GET /api/v1/alerts?active=true} lists open alerts (viewers; without
 * {@code active}, the latest 200 of any state). {@code POST /api/v1/alerts/evaluate?now=EPOCH_MS}
 * (admins) evaluates every rule as of {@code now} (default: the current time) and answers what was
 * raised or cleared — the same evaluation the timer runs every 5 s.
 */
@Path("v1")
@RequestScoped
@Tag(ref = VigiaApi.TAG_ALERTS)
public class AlertRulesResource {

  static final int ALERT_LIST_LIMIT = 200;

  @Inject private Caller caller;
  @Inject private HostDirectory hosts;
  @Inject private AlertRules rules;
  @Inject private AlertEvaluation evaluation;
  @Inject private AsOf asOf;
  @Inject private JsonBody jsonBody;

  @GET
  @Path("alert-rules")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "List the alert rules", description = "Every rule (viewers).")
  @SecurityRequirement(name = VigiaApi.BASIC)
  @APIResponse(
      responseCode = "200",
      description = "The rules",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = AlertRuleView[].class)))
  @APIResponse(responseCode = "401", ref = VigiaApi.UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = VigiaApi.FORBIDDEN)
  public List<AlertRuleView> all() {
    caller.require(Role.VIEWER);
    return rules.all().stream().map(this::view).toList();
  }

  @GET
  @Path("alert-rules/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "One alert rule", description = "A rule by id (viewers).")
  @SecurityRequirement(name = VigiaApi.BASIC)
  @APIResponse(
      responseCode = "200",
      description = "The rule",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AlertRuleView")))
  @APIResponse(responseCode = "401", ref = VigiaApi.UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = VigiaApi.FORBIDDEN)
  @APIResponse(responseCode = "404", ref = VigiaApi.NOT_FOUND)
  public AlertRuleView one(
      @Parameter(description = "the rule's id", required = true) @PathParam("id") long id) {
    caller.require(Role.VIEWER);
    return view(rules.byId(id).orElseThrow(() -> notFound(id)));
  }

  @POST
  @Path("alert-rules")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Add an alert rule",
      description =
          "A threshold rule (admins): cpu_pct, ram_used_pct, container_mem_pct or host_offline;"
              + " '>' or '<' a threshold held for durationS seconds; for one host or the fleet;"
              + " an optional webhook URL POSTed on every raise and clear.")
  @SecurityRequirement(name = VigiaApi.BASIC)
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "AlertRuleRequest")))
  @APIResponse(
      responseCode = "201",
      description = "Created; Location names it",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AlertRuleView")))
  @APIResponse(responseCode = "400", ref = VigiaApi.BAD_REQUEST)
  @APIResponse(responseCode = "401", ref = VigiaApi.UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = VigiaApi.FORBIDDEN)
  @APIResponse(responseCode = "413", ref = VigiaApi.TOO_LARGE)
  public Response create(
      @Parameter(description = "gzip, or none") @HeaderParam("Content-Encoding")
          String contentEncoding,
      @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
      @jakarta.ws.rs.core.Context UriInfo uri,
      InputStream body) {
    caller.require(Role.ADMIN);
    AlertRuleSpec spec =
        spec(jsonBody.read(body, contentEncoding, contentLength, AlertRuleRequest.class));
    AlertRule r = rules.create(spec);
    return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(r.getId())).build())
        .entity(view(r))
        .build();
  }

  @PUT
  @Path("alert-rules/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Change an alert rule",
      description = "Replaces the rule (admins); its open alerts are cleared.")
  @SecurityRequirement(name = VigiaApi.BASIC)
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "AlertRuleRequest")))
  @APIResponse(
      responseCode = "200",
      description = "The rule as changed",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AlertRuleView")))
  @APIResponse(responseCode = "400", ref = VigiaApi.BAD_REQUEST)
  @APIResponse(responseCode = "401", ref = VigiaApi.UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = VigiaApi.FORBIDDEN)
  @APIResponse(responseCode = "404", ref = VigiaApi.NOT_FOUND)
  @APIResponse(responseCode = "413", ref = VigiaApi.TOO_LARGE)
  public AlertRuleView update(
      @Parameter(description = "the rule's id", required = true) @PathParam("id") long id,
      @Parameter(description = "gzip, or none") @HeaderParam("Content-Encoding")
          String contentEncoding,
      @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
      InputStream body) {
    String user = caller.require(Role.ADMIN);
    AlertRuleSpec spec =
        spec(jsonBody.read(body, contentEncoding, contentLength, AlertRuleRequest.class));
    return view(
        rules.update(id, spec, user, System.currentTimeMillis()).orElseThrow(() -> notFound(id)));
  }

  @DELETE
  @Path("alert-rules/{id}")
  @Operation(
      summary = "Delete an alert rule",
      description = "Deletes the rule and its alerts (admins); open ones are cleared first.")
  @SecurityRequirement(name = VigiaApi.BASIC)
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "401", ref = VigiaApi.UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = VigiaApi.FORBIDDEN)
  @APIResponse(responseCode = "404", ref = VigiaApi.NOT_FOUND)
  public Response delete(
      @Parameter(description = "the rule's id", required = true) @PathParam("id") long id) {
    String user = caller.require(Role.ADMIN);
    if (!rules.delete(id, user, System.currentTimeMillis())) {
      throw notFound(id);
    }
    return Response.noContent().build();
  }

  @GET
  @Path("alerts")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "List alerts",
      description =
          "Open alerts with active=true; else the latest 200 of any state, newest first"
              + " (viewers). Each: id, ruleId, rule, metric, host, container, raised, cleared,"
              + " value, active.")
  @SecurityRequirement(name = VigiaApi.BASIC)
  @APIResponse(
      responseCode = "200",
      description = "The alerts",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = AlertView[].class)))
  @APIResponse(responseCode = "400", ref = VigiaApi.BAD_REQUEST)
  @APIResponse(responseCode = "401", ref = VigiaApi.UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = VigiaApi.FORBIDDEN)
  public List<AlertView> alerts(
      @Parameter(
              description = "true: open alerts only",
              schema = @Schema(type = SchemaType.BOOLEAN))
          @QueryParam("active")
          String active) {
    caller.require(Role.VIEWER);
    boolean activeOnly;
    if (active == null || active.isBlank()) {
      activeOnly = false;
    } else if (active.equals("true") || active.equals("false")) {
      activeOnly = Boolean.parseBoolean(active);
    } else {
      throw ProblemException.badRequest("'active' must be true or false");
    }
    return rules.alerts(activeOnly, ALERT_LIST_LIMIT);
  }

  @POST
  @Path("alerts/evaluate")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Evaluate the alert rules",
      description =
          "Evaluates every rule as of 'now' (admins), what a timer does every 5 s, and answers"
              + " what was raised or cleared: alertId, ruleId, rule, host, container, state,"
              + " value, at.")
  @SecurityRequirement(name = VigiaApi.BASIC)
  @APIResponse(
      responseCode = "200",
      description = "The alerts raised or cleared",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = AlertChange[].class)))
  @APIResponse(responseCode = "400", ref = VigiaApi.BAD_REQUEST)
  @APIResponse(responseCode = "401", ref = VigiaApi.UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = VigiaApi.FORBIDDEN)
  public List<AlertChange> evaluate(
      @Parameter(description = "as of when, epoch milliseconds or ISO-8601; default: now")
          @QueryParam("now")
          String nowParam) {
    caller.require(Role.ADMIN);
    return evaluation.run(asOf.now(nowParam));
  }

  private AlertRuleSpec spec(AlertRuleRequest req) {
    List<String> problems = new ArrayList<>();
    Long hostId = null;
    if (req.host() != null) {
      Optional<Host> host = hosts.byName(req.host());
      if (host.isEmpty()) {
        problems.add("host: no host named '" + req.host() + "'");
      } else {
        hostId = host.get().getId();
      }
    }
    AlertRuleSpec spec =
        new AlertRuleSpec(
            req.name(),
            req.metric(),
            req.operator(),
            req.threshold(),
            req.durationS() == null ? 0 : req.durationS(),
            hostId,
            req.webhookUrl() == null || req.webhookUrl().isBlank() ? null : req.webhookUrl(),
            req.enabled() == null || req.enabled());
    problems.addAll(spec.problems());
    if (!problems.isEmpty()) {
      throw new ProblemException(
          new Problem(
              "about:blank",
              "Bad Request",
              400,
              "the alert rule is not valid",
              problems.stream().sorted().toList()));
    }
    return spec;
  }

  private AlertRuleView view(AlertRule r) {
    String host =
        r.getHostId() == null ? null : hosts.byId(r.getHostId()).map(Host::getName).orElse(null);
    // A webhook URL may carry a token (Slack, Teams, ntfy): only admins see it whole.
    return AlertRuleView.of(r, host, !caller.has(Role.ADMIN));
  }

  private static ProblemException notFound(long id) {
    return new ProblemException(404, "Not Found", "no alert rule " + id);
  }
}
