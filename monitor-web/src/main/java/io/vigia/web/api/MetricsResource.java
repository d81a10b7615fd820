package io.vigia.web.api;

import io.vigia.monitor.security.Role;
import io.vigia.web.metrics.IngestMetrics;
import io.vigia.web.security.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/v1/metrics}: Vigia's own metrics for Prometheus, and nothing else, so the target
 * lints clean ({@code promtool check metrics}). Payara's JVM and server metrics stay at {@code
 * /metrics}.
 */
@Path("v1/metrics")
@RequestScoped
@Tag(ref = VigiaApi.TAG_MONITOR)
public class MetricsResource {

  @Inject private IngestMetrics metrics;
  @Inject private Caller caller;

  @GET
  @Produces("text/plain")
  @Operation(
      summary = "Vigia's metrics for Prometheus",
      description =
          "Ingest counters, the ingest latency histogram (seconds) and the rollup lag (seconds),"
              + " in the Prometheus text format 0.0.4 (viewers; scrape with basic_auth).")
  @SecurityRequirement(name = VigiaApi.BASIC)
  @APIResponse(
      responseCode = "200",
      description = "The metrics",
      content = @Content(mediaType = "text/plain", schema = @Schema(implementation = String.class)))
  @APIResponse(responseCode = "401", ref = VigiaApi.UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = VigiaApi.FORBIDDEN)
  public Response scrape() {
    caller.require(Role.VIEWER);
    return Response.ok(metrics.scrape(), IngestMetrics.CONTENT_TYPE).build();
  }
}
