package io.vigia.web.api;

import io.vigia.monitor.command.AgentCommand;
import io.vigia.monitor.command.CommandQueue;
import io.vigia.monitor.container.ContainerBoard;
import io.vigia.monitor.container.ContainerPolicies;
import io.vigia.monitor.container.ContainerRow;
import io.vigia.monitor.container.PolicyDelivery;
import io.vigia.monitor.container.PolicyPreview;
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
import java.io.InputStream;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Containers across the fleet: actions on one (operators; they ride on the host's next push like a
 * kill), the prune policy (admins write, viewers read and preview what a policy would do), and the
 * busiest containers right now.
 */
@Path("v1")
@RequestScoped
@Tag(ref = VigiaApi.TAG_CONTAINERS)
public class ContainersResource {

  private static final Pattern CONTAINER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

  @Inject private Caller caller;
  @Inject private HostDirectory hosts;
  @Inject private CommandQueue queue;
  @Inject private ContainerPolicies policies;
  @Inject private PolicyDelivery delivery;
  @Inject private JsonBody jsonBody;
  @Inject private PolicyPreview preview;
  @Inject private ContainerBoard board;

  @POST
  @Path("hosts/{name}/containers/{id}/actions")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Start, stop, kill or remove a container",
      description =
          "Queues a container action (operators). It rides on the answer to the host's next push;"
              + " the agent carries it out through its Docker engine and answers with a later"
              + " push (done, refused when the host has containers.actions.enabled=false, gone,"
              + " failed). Logged as command_queued and command_result events.")
  @SecurityRequirement(name = VigiaApi.BASIC)
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "ContainerActionRequest")))
  @APIResponse(
      responseCode = "202",
      description = "Queued",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "CommandView")))
  @APIResponse(responseCode = "400", ref = VigiaApi.BAD_REQUEST)
  @APIResponse(responseCode = "401", ref = VigiaApi.UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = VigiaApi.FORBIDDEN)
  @APIResponse(responseCode = "404", ref = VigiaApi.NOT_FOUND)
  @APIResponse(responseCode = "413", ref = VigiaApi.TOO_LARGE)
  public Response action(
      @Parameter(description = "the host's name", required = true) @PathParam("name") String name,
      @Parameter(description = "the container's id (full or short) or name", required = true)
          @PathParam("id")
          String id,
      @Parameter(description = "gzip, or none") @HeaderParam("Content-Encoding")
          String contentEncoding,
      @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
      InputStream body) {
    String user = caller.require(Role.OPERATOR);
    Host host = host(name);
    if (!CONTAINER.matcher(id).matches()) {
      throw new ProblemException(400, "Bad Request", "not a container id or name: " + id);
    }
    ContainerActionRequest r =
        jsonBody.read(body, contentEncoding, contentLength, ContainerActionRequest.class);
    AgentCommand c =
        queue.queueContainerAction(
            host.getId(),
            r.action(),
            id,
            r.timeoutS(),
            user,
            r.reason(),
            System.currentTimeMillis());
    return Response.accepted(CommandView.of(c, host.getName())).build();
  }

  @GET
  @Path("container-policy")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "The fleet's prune policy",
      description = "The fleet-wide container prune policy (viewers); 404 when there is none.")
  @SecurityRequirement(name = VigiaApi.BASIC)
  @APIResponse(
      responseCode = "200",
      description = "The policy",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "ContainerPolicyView")))
  @APIResponse(responseCode = "401", ref = VigiaApi.UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = VigiaApi.FORBIDDEN)
  @APIResponse(responseCode = "404", ref = VigiaApi.NOT_FOUND)
  public ContainerPolicyView fleetPolicy() {
    caller.require(Role.VIEWER);
    return policies
        .find(null)
        .map(s -> ContainerPolicyView.of(s, null))
        .orElseThrow(() -> new ProblemException(404, "Not Found", "no fleet-wide policy"));
  }

  @PUT
  @Path("container-policy")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Write the fleet's prune policy",
      description =
          "Replaces the fleet-wide policy (admins). Agents of hosts without an override get it"
              + " with their next push (within about 5 s on other nodes of a cluster) and apply"
              + " it every interval.")
  @SecurityRequirement(name = VigiaApi.BASIC)
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "ContainerPolicyRequest")))
  @APIResponse(
      responseCode = "200",
      description = "The policy as stored",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "ContainerPolicyView")))
  @APIResponse(responseCode = "400", ref = VigiaApi.BAD_REQUEST)
  @APIResponse(responseCode = "401", ref = VigiaApi.UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = VigiaApi.FORBIDDEN)
  @APIResponse(responseCode = "413", ref = VigiaApi.TOO_LARGE)
  public ContainerPolicyView putFleetPolicy(
      @Parameter(description = "gzip, or none") @HeaderParam("Content-Encoding")
          String contentEncoding,
      @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
      InputStream body) {
    return put(null, null, contentEncoding, contentLength, body);
  }

  @DELETE
  @Path("container-policy")
  @Operation(summary = "Remove the fleet's prune policy", description = "Admins. 204, or 404.")
  @SecurityRequirement(name = VigiaApi.BASIC)
  @APIResponse(responseCode = "204", description = "Removed: agents stop pruning")
  @APIResponse(responseCode = "401", ref = VigiaApi.UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = VigiaApi.FORBIDDEN)
  @APIResponse(responseCode = "404", ref = VigiaApi.NOT_FOUND)
  public Response deleteFleetPolicy() {
    return delete(null);
  }

  @GET
  @Path("hosts/{name}/container-policy")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "The host's prune policy",
      description =
          "The policy in force for the host (viewers): its override (scope host:ID) or else the"
              + " fleet's (scope fleet); 404 when neither exists.")
  @SecurityRequirement(name = VigiaApi.BASIC)
  @APIResponse(
      responseCode = "200",
      description = "The policy in force",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "ContainerPolicyView")))
  @APIResponse(responseCode = "401", ref = VigiaApi.UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = VigiaApi.FORBIDDEN)
  @APIResponse(responseCode = "404", ref = VigiaApi.NOT_FOUND)
  public ContainerPolicyView hostPolicy(
      @Parameter(description = "the host's name", required = true) @PathParam("name") String name) {
    caller.require(Role.VIEWER);
    Host host = host(name);
    return policies
        .find(host.getId())
        .map(s -> ContainerPolicyView.of(s, host.getName()))
        .or(() -> policies.find(null).map(s -> ContainerPolicyView.of(s, null)))
        .orElseThrow(() -> new ProblemException(404, "Not Found", "no policy for " + name));
  }

  @PUT
  @Path("hosts/{name}/container-policy")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Write the host's override",
      description = "A policy for this host only, in place of the fleet's (admins).")
  @SecurityRequirement(name = VigiaApi.BASIC)
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "ContainerPolicyRequest")))
  @APIResponse(
      responseCode = "200",
      description = "The override as stored",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "ContainerPolicyView")))
  @APIResponse(responseCode = "400", ref = VigiaApi.BAD_REQUEST)
  @APIResponse(responseCode = "401", ref = VigiaApi.UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = VigiaApi.FORBIDDEN)
  @APIResponse(responseCode = "404", ref = VigiaApi.NOT_FOUND)
  @APIResponse(responseCode = "413", ref = VigiaApi.TOO_LARGE)
  public ContainerPolicyView putHostPolicy(
      @Parameter(description = "the host's name", required = true) @PathParam("name") String name,
      @Parameter(description = "gzip, or none") @HeaderParam("Content-Encoding")
          String contentEncoding,
      @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
      InputStream body) {
    caller.require(Role.ADMIN);
    Host host = host(name);
    return put(host.getId(), host.getName(), contentEncoding, contentLength, body);
  }

  @DELETE
  @Path("hosts/{name}/container-policy")
  @Operation(
      summary = "Remove the host's override",
      description = "Admins; the host follows the fleet's policy again. 204, or 404.")
  @SecurityRequirement(name = VigiaApi.BASIC)
  @APIResponse(responseCode = "204", description = "Removed")
  @APIResponse(responseCode = "401", ref = VigiaApi.UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = VigiaApi.FORBIDDEN)
  @APIResponse(responseCode = "404", ref = VigiaApi.NOT_FOUND)
  public Response deleteHostPolicy(
      @Parameter(description = "the host's name", required = true) @PathParam("name") String name) {
    caller.require(Role.ADMIN);
    return delete(host(name).getId());
  }

  @POST
  @Path("container-policy/preview")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Preview a policy as the fleet's",
      description =
          "What the policy in the body would do right now as the fleet-wide policy, to the"
              + " containers each host without an override of its own last reported: which"
              + " containers each class keeps, which it would stop and remove (with the class,"
              + " the rule, and the container's last CPU and memory) and which no class touches"
              + " (protected, or in no class). Decided by the agents' own planner. Viewers may"
              + " ask; nothing is stored or sent to agents. A bad policy gets the same 400 as"
              + " PUT.")
  @SecurityRequirement(name = VigiaApi.BASIC)
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "ContainerPolicyRequest")))
  @APIResponse(
      responseCode = "200",
      description = "What it would do",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "ContainerPolicyPreview")))
  @APIResponse(responseCode = "400", ref = VigiaApi.BAD_REQUEST)
  @APIResponse(responseCode = "401", ref = VigiaApi.UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = VigiaApi.FORBIDDEN)
  @APIResponse(responseCode = "413", ref = VigiaApi.TOO_LARGE)
  public ContainerPolicyPreview previewFleetPolicy(
      @Parameter(description = "gzip, or none") @HeaderParam("Content-Encoding")
          String contentEncoding,
      @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
      InputStream body) {
    caller.require(Role.VIEWER);
    ContainerPolicyRequest r = policyIn(body, contentEncoding, contentLength);
    return ContainerPolicyPreview.of("fleet", r.dryRun(), preview.fleet(r.asPolicy()));
  }

  @POST
  @Path("hosts/{name}/container-policy/preview")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Preview a policy as the host's override",
      description =
          "What the policy in the body would do right now as this host's override, to the"
              + " containers the host last reported (see the fleet's preview). Viewers may ask;"
              + " nothing is stored.")
  @SecurityRequirement(name = VigiaApi.BASIC)
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "ContainerPolicyRequest")))
  @APIResponse(
      responseCode = "200",
      description = "What it would do",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "ContainerPolicyPreview")))
  @APIResponse(responseCode = "400", ref = VigiaApi.BAD_REQUEST)
  @APIResponse(responseCode = "401", ref = VigiaApi.UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = VigiaApi.FORBIDDEN)
  @APIResponse(responseCode = "404", ref = VigiaApi.NOT_FOUND)
  @APIResponse(responseCode = "413", ref = VigiaApi.TOO_LARGE)
  public ContainerPolicyPreview previewHostPolicy(
      @Parameter(description = "the host's name", required = true) @PathParam("name") String name,
      @Parameter(description = "gzip, or none") @HeaderParam("Content-Encoding")
          String contentEncoding,
      @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
      InputStream body) {
    caller.require(Role.VIEWER);
    Host host = host(name);
    ContainerPolicyRequest r = policyIn(body, contentEncoding, contentLength);
    return ContainerPolicyPreview.of(
        "host:" + host.getId(), r.dryRun(), preview.host(host, r.asPolicy()));
  }

  @GET
  @Path("containers/top")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "The busiest containers of the fleet",
      description =
          "The busiest first by CPU (share of one core) or memory used (viewers): right now, from"
              + " every host's latest batch; or, with 'over' (an ISO-8601 duration such as P1D),"
              + " by their mean over that span from the 1-minute and 1-hour rollups, with the"
              + " peaks beside it (cpuPctMax, memUsedMaxBytes) and how many samples are behind"
              + " them.")
  @SecurityRequirement(name = VigiaApi.BASIC)
  @APIResponse(
      responseCode = "200",
      description = "The containers",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = TopContainerView[].class)))
  @APIResponse(responseCode = "400", ref = VigiaApi.BAD_REQUEST)
  @APIResponse(responseCode = "401", ref = VigiaApi.UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = VigiaApi.FORBIDDEN)
  public Response top(
      @Parameter(description = "cpu (default) or memory") @QueryParam("sort") String sort,
      @Parameter(description = "how many, 1–1000 (default 20)") @QueryParam("limit") Integer limit,
      @Parameter(description = "a span up to now, PT1M to P400D (e.g. P1D); default: right now")
          @QueryParam("over")
          String over) {
    caller.require(Role.VIEWER);
    String by = sort == null ? "cpu" : sort;
    if (!by.equals("cpu") && !by.equals("memory")) {
      throw new ProblemException(400, "Bad Request", "sort must be cpu or memory");
    }
    int n = limit == null ? 20 : limit;
    if (n < 1 || n > 1000) {
      throw new ProblemException(400, "Bad Request", "limit must be 1–1000");
    }
    if (over != null) {
      long from = System.currentTimeMillis() - span(over).toMillis();
      return Response.ok(
              board.over(by.equals("cpu"), n, from).stream().map(TopContainerView::of).toList())
          .build();
    }
    Comparator<ContainerRow> order =
        by.equals("cpu")
            ? Comparator.comparingDouble(t -> t.cpuPct() == null ? -1 : t.cpuPct())
            : Comparator.comparingLong(t -> t.memUsedBytes() == null ? -1 : t.memUsedBytes());
    return Response.ok(
            board.now().stream()
                .sorted(order.reversed())
                .limit(n)
                .map(TopContainerView::of)
                .toList())
        .build();
  }

  private static Duration span(String over) {
    Duration d;
    try {
      d = Duration.parse(over);
    } catch (DateTimeParseException e) {
      throw ProblemException.badRequest("'over' must be an ISO-8601 duration such as P1D");
    }
    if (d.compareTo(Duration.ofMinutes(1)) < 0 || d.compareTo(Duration.ofDays(400)) > 0) {
      throw ProblemException.badRequest("'over' must be from PT1M to P400D");
    }
    return d;
  }

  private ContainerPolicyView put(
      Long hostId, String hostName, String contentEncoding, Long contentLength, InputStream body) {
    String user = caller.require(Role.ADMIN);
    ContainerPolicyRequest r = policyIn(body, contentEncoding, contentLength);
    ContainerPolicies.Stored s =
        policies.put(hostId, r.dryRun(), r.classes(), user, System.currentTimeMillis());
    delivery.invalidate();
    return ContainerPolicyView.of(s, hostName);
  }

  /** The policy in the body, checked as for storing it: 400 listing every problem. */
  private ContainerPolicyRequest policyIn(
      InputStream body, String contentEncoding, Long contentLength) {
    ContainerPolicyRequest r =
        jsonBody.read(body, contentEncoding, contentLength, ContainerPolicyRequest.class);
    List<String> problems = ContainerPolicies.problems(r.classes());
    if (!problems.isEmpty()) {
      throw ProblemException.invalid(problems);
    }
    return r;
  }

  private Response delete(Long hostId) {
    caller.require(Role.ADMIN);
    if (!policies.delete(hostId)) {
      throw new ProblemException(404, "Not Found", "no such policy");
    }
    delivery.invalidate();
    return Response.noContent().build();
  }

  private Host host(String name) {
    return hosts
        .byName(name)
        .orElseThrow(() -> new ProblemException(404, "Not Found", "no host named '" + name + "'"));
  }
}
