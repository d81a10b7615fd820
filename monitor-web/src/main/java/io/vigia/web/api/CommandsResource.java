package io.vigia.web.api;

import io.vigia.monitor.command.AgentCommand;
import io.vigia.monitor.command.CommandQueue;
import io.vigia.monitor.host.Host;
import io.vigia.monitor.host.HostDirectory;
import io.vigia.monitor.security.Role;
import io.vigia.web.security.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Commands to a host's agent: {@code POST /api/v1/hosts/{name}/commands} queues one (operators),
 * {@code GET} lists them with their outcome (viewers). Delivery rides on the host's next push.
 */
@Path("v1")
@RequestScoped
@Tag(ref = VigiaApi.TAG_COMMANDS)
public class CommandsResource {

  @Inject private Caller caller;
  @Inject private HostDirectory hosts;
  @Inject private CommandQueue queue;
  @Inject private JsonBody jsonBody;

  @POST
  @Path("hosts/{name}/commands")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Queue a kill",
      description =
          "Queues a kill of one process (operators): the pid and the start time the operator saw,"
              + " so a reused pid is never hit. It rides on the answer to the host's next push;"
              + " the agent's answer comes back with a later one. Not picked up within"
              + " vigia.command.ttl, it expires. Logged as a command_queued event.")
  @SecurityRequirement(name = VigiaApi.BASIC)
  @RequestBody(
      required = true,
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "KillRequest")))
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
  public Response queue(
      @Parameter(description = "the host's name", required = true) @PathParam("name") String name,
      @Parameter(description = "gzip, or none") @HeaderParam("Content-Encoding")
          String contentEncoding,
      @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
      InputStream body) {
    String user = caller.require(Role.OPERATOR);
    Host host = host(name);
    KillRequest kill = jsonBody.read(body, contentEncoding, contentLength, KillRequest.class);
    AgentCommand c =
        queue.queueKill(
            host.getId(),
            kill.pid(),
            kill.startTicks(),
            user,
            kill.reason(),
            System.currentTimeMillis());
    return Response.accepted(CommandView.of(c, host.getName())).build();
  }

  @GET
  @Path("hosts/{name}/commands")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "List the host's commands",
      description =
          "The host's commands with their state (queued, sent, done, refused, gone, failed,"
              + " expired), detail, who asked and why (viewers).")
  @SecurityRequirement(name = VigiaApi.BASIC)
  @APIResponse(
      responseCode = "200",
      description = "The commands",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = CommandView[].class)))
  @APIResponse(responseCode = "401", ref = VigiaApi.UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = VigiaApi.FORBIDDEN)
  @APIResponse(responseCode = "404", ref = VigiaApi.NOT_FOUND)
  public List<CommandView> ofHost(
      @Parameter(description = "the host's name", required = true) @PathParam("name") String name) {
    caller.require(Role.VIEWER);
    Host host = host(name);
    return queue.ofHost(host.getId()).stream().map(c -> CommandView.of(c, host.getName())).toList();
  }

  @GET
  @Path("commands/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "One command", description = "A command and its outcome (viewers).")
  @SecurityRequirement(name = VigiaApi.BASIC)
  @APIResponse(
      responseCode = "200",
      description = "The command",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "CommandView")))
  @APIResponse(responseCode = "401", ref = VigiaApi.UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = VigiaApi.FORBIDDEN)
  @APIResponse(responseCode = "404", ref = VigiaApi.NOT_FOUND)
  public CommandView one(
      @Parameter(description = "the command's id", required = true) @PathParam("id") long id) {
    caller.require(Role.VIEWER);
    AgentCommand c =
        queue
            .byId(id)
            .orElseThrow(() -> new ProblemException(404, "Not Found", "no command " + id));
    return CommandView.of(c, hosts.byId(c.getHostId()).map(Host::getName).orElse(null));
  }

  private Host host(String name) {
    return hosts
        .byName(name)
        .orElseThrow(() -> new ProblemException(404, "Not Found", "no host named '" + name + "'"));
  }
}
