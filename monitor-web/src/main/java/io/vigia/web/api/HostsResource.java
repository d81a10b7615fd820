package io.vigia.web.api;

import io.vigia.monitor.host.HostDirectory;
import io.vigia.monitor.host.HostSummary;
import io.vigia.monitor.security.Role;
import io.vigia.web.security.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/v1/hosts}: the fleet, one summary per host, by name. */
@Path("v1")
@RequestScoped
@Tag(ref = VigiaApi.TAG_HOSTS)
public class HostsResource {

  @Inject private HostDirectory hosts;
  @Inject private Caller caller;

  @GET
  @Path("hosts")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "List the fleet",
      description =
          "One summary per host, by name (viewers): lastSeen is when the monitor last received a"
              + " batch (ISO-8601), online whether that was within vigia.host.offline-after;"
              + " unknown values are null.")
  @SecurityRequirement(name = VigiaApi.BASIC)
  @APIResponse(
      responseCode = "200",
      description = "The hosts: name, lastSeen, online, cpuPct, ramUsedPct",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = HostSummary[].class)))
  @APIResponse(responseCode = "401", ref = VigiaApi.UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = VigiaApi.FORBIDDEN)
  public List<HostSummary> list() {
    caller.require(Role.VIEWER);
    return hosts.overview();
  }
}
