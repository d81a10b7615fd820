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

/** {@code GET /api/v1/hosts}: the fleet, one summary per host, by name. */
@Path("v1")
@RequestScoped
public class HostsResource {

  @Inject private HostDirectory hosts;
  @Inject private Caller caller;

  @GET
  @Path("hosts")
  @Produces(MediaType.APPLICATION_JSON)
  public List<HostSummary> list() {
    caller.require(Role.VIEWER);
    return hosts.overview();
  }
}
