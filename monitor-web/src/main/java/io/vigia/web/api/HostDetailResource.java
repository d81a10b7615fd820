package io.vigia.web.api;

import io.vigia.monitor.host.Host;
import io.vigia.monitor.host.HostDirectory;
import io.vigia.monitor.latest.LatestState;
import io.vigia.monitor.security.Role;
import io.vigia.web.security.Caller;
import io.vigia.wire.Batch;
import io.vigia.wire.ContainerInfo;
import io.vigia.wire.ProcessInfo;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The latest processes and containers of one host, from its last batch (kept in memory): {@code GET
 * /api/v1/hosts/{name}/processes?sort=cpu|rss|pid&limit=N} and {@code .../containers}.
 */
// Under "v1" like every resource with paths below hosts/{name}: JAX-RS picks one root class by
// its path, so a class claiming "v1/hosts/{name}" would hide the others' sub-paths.
@Path("v1")
@RequestScoped
@Tag(ref = VigiaApi.TAG_HOSTS)
public class HostDetailResource {

  @Inject private Caller caller;
  @Inject private HostDirectory hosts;
  @Inject private LatestState latest;

  @GET
  @Path("hosts/{name}/processes")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "The host's latest processes",
      description =
          "The full process list of the host's last batch, from memory (viewers): pid, ppid,"
              + " startTicks, name, command, user, state, cpuPct, rssKb, ramPct. Empty before the"
              + " first batch with processes.")
  @SecurityRequirement(name = VigiaApi.BASIC)
  @APIResponse(
      responseCode = "200",
      description = "The processes, sorted",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ProcessInfo[].class)))
  @APIResponse(responseCode = "400", ref = VigiaApi.BAD_REQUEST)
  @APIResponse(responseCode = "401", ref = VigiaApi.UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = VigiaApi.FORBIDDEN)
  @APIResponse(responseCode = "404", ref = VigiaApi.NOT_FOUND)
  public List<ProcessInfo> processes(
      @Parameter(description = "the host's name", required = true) @PathParam("name") String name,
      @Parameter(
              description = "order: cpu or rss (highest first), or pid",
              schema =
                  @Schema(
                      type = SchemaType.STRING,
                      enumeration = {"cpu", "rss", "pid"},
                      defaultValue = "cpu"))
          @QueryParam("sort")
          @DefaultValue("cpu")
          String sort,
      @Parameter(
              description = "at most this many, 1 to 100000",
              schema = @Schema(type = SchemaType.INTEGER, defaultValue = "500"))
          @QueryParam("limit")
          @DefaultValue("500")
          int limit) {
    caller.require(Role.VIEWER);
    if (limit < 1 || limit > 100_000) {
      throw ProblemException.badRequest("limit must be between 1 and 100000");
    }
    Comparator<ProcessInfo> order =
        switch (sort) {
          case "cpu" ->
              Comparator.comparing(
                      ProcessInfo::cpuPct, Comparator.nullsFirst(Comparator.naturalOrder()))
                  .reversed();
          case "rss" ->
              Comparator.comparing(
                      ProcessInfo::rssKb, Comparator.nullsFirst(Comparator.naturalOrder()))
                  .reversed();
          case "pid" -> Comparator.comparingInt(ProcessInfo::pid);
          default -> throw ProblemException.badRequest("sort must be cpu, rss or pid");
        };
    return last(name)
        .map(
            b ->
                b.processes() == null || b.processes().list() == null
                    ? List.<ProcessInfo>of()
                    : b.processes().list().stream().sorted(order).limit(limit).toList())
        .orElse(List.of());
  }

  @GET
  @Path("hosts/{name}/containers")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "The host's latest containers",
      description =
          "The Docker containers of the host's last batch, from memory (viewers). Empty before"
              + " the first batch, or on a host without Docker.")
  @SecurityRequirement(name = VigiaApi.BASIC)
  @APIResponse(
      responseCode = "200",
      description = "The containers",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ContainerInfo[].class)))
  @APIResponse(responseCode = "401", ref = VigiaApi.UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = VigiaApi.FORBIDDEN)
  @APIResponse(responseCode = "404", ref = VigiaApi.NOT_FOUND)
  public Response containers(
      @Parameter(description = "the host's name", required = true) @PathParam("name") String name) {
    caller.require(Role.VIEWER);
    List<ContainerInfo> list =
        last(name)
            .map(b -> b.containers() == null ? List.<ContainerInfo>of() : b.containers())
            .orElse(List.of());
    return Response.ok(list).build();
  }

  private java.util.Optional<Batch> last(String name) {
    Host host =
        hosts
            .byName(name)
            .orElseThrow(
                () -> new ProblemException(404, "Not Found", "no host named '" + name + "'"));
    return latest.get(host.getId());
  }
}
