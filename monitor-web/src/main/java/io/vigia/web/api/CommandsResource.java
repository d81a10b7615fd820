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

/**
 * Commands to a host's agent: {@code POST /api/v1/hosts/{name}/commands} queues one (operators),
 * {@code GET} lists them with their outcome (viewers). Delivery rides on the host's next push.
 */
@Path("v1")
@RequestScoped
public class CommandsResource {

  @Inject private Caller caller;
  @Inject private HostDirectory hosts;
  @Inject private CommandQueue queue;
  @Inject private JsonBody jsonBody;

  @POST
  @Path("hosts/{name}/commands")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response queue(
      @PathParam("name") String name,
      @HeaderParam("Content-Encoding") String contentEncoding,
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
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
  public List<CommandView> ofHost(@PathParam("name") String name) {
    caller.require(Role.VIEWER);
    Host host = host(name);
    return queue.ofHost(host.getId()).stream().map(c -> CommandView.of(c, host.getName())).toList();
  }

  @GET
  @Path("commands/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  public CommandView one(@PathParam("id") long id) {
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
