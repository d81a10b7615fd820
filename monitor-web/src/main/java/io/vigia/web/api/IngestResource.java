package io.vigia.web.api;

import io.vigia.monitor.host.MonitorSettings;
import io.vigia.monitor.ingest.IngestService;
import io.vigia.monitor.ingest.SampleWriter;
import io.vigia.monitor.security.HostTokenCheck;
import io.vigia.monitor.security.TokenHolder;
import io.vigia.web.metrics.IngestMetrics;
import io.vigia.wire.Batch;
import io.vigia.wire.IngestReply;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /api/v1/ingest}: an agent pushes one batch with its host token. */
@Path("v1/ingest")
@ApplicationScoped
@Tag(ref = VigiaApi.TAG_AGENTS)
public class IngestResource {

  @Inject private HostTokenCheck tokens;
  @Inject private IngestService ingest;
  @Inject private JsonBody jsonBody;
  @Inject private MonitorSettings settings;
  @Inject private IngestMetrics metrics;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Push a batch",
      description =
          "An agent pushes one batch of its own host (host metrics, processes, containers, results"
              + " of earlier commands) with its host token. The answer comes once the sample is"
              + " committed: stored true, or false for a seq stored before (the agent may resend"
              + " safely). Commands queued for the host ride in the answer. Timestamps more than"
              + " vigia.ingest.max-clock-skew ahead or older than vigia.ingest.max-age are"
              + " refused.")
  @SecurityRequirement(name = VigiaApi.HOST_TOKEN)
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Batch.class)))
  @APIResponse(
      responseCode = "200",
      description = "Stored (or already stored), with the commands for the agent",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = IngestReply.class)))
  @APIResponse(responseCode = "400", ref = VigiaApi.BAD_REQUEST)
  @APIResponse(responseCode = "401", ref = VigiaApi.UNAUTHORIZED)
  @APIResponse(
      responseCode = "403",
      description = "The token belongs to another host or agent",
      content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
  @APIResponse(responseCode = "413", ref = VigiaApi.TOO_LARGE)
  @APIResponse(
      responseCode = "422",
      description =
          "Valid, but the database cannot store it (a value it cannot hold): the agent drops it",
      content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "503",
      description =
          "Not stored now (the monitor is behind or its database did not answer): send it again"
              + " later",
      content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
  public IngestReply push(
      @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @Parameter(description = "gzip, or none") @HeaderParam("Content-Encoding")
          String contentEncoding,
      @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
      InputStream body) {
    long started = System.nanoTime();
    try {
      IngestReply reply = accept(authorization, contentEncoding, contentLength, body);
      metrics.accepted(reply.stored(), Duration.ofNanos(System.nanoTime() - started));
      return reply;
    } catch (RuntimeException refused) {
      metrics.rejected();
      throw refused;
    }
  }

  private IngestReply accept(
      String authorization, String contentEncoding, Long contentLength, InputStream body) {
    String token =
        Bearer.of(authorization)
            .orElseThrow(() -> ProblemException.unauthorized("a host token is required"));
    TokenHolder host =
        tokens
            .holderOf(token)
            .orElseThrow(() -> ProblemException.unauthorized("unknown or revoked host token"));
    Batch batch = jsonBody.read(body, contentEncoding, contentLength, Batch.class);
    if (!batch.agentId().equals(host.agentId()) || !batch.host().equals(host.hostName())) {
      throw new ProblemException(
          403, "Forbidden", "this token belongs to host '" + host.hostName() + "' and its agent");
    }
    long now = System.currentTimeMillis();
    if (batch.ts() > now + settings.maxClockSkew().toMillis()) {
      throw ProblemException.badRequest(
          "ts "
              + batch.ts()
              + " is in the future by more than "
              + settings.maxClockSkew()
              + ": check the host's clock");
    }
    if (batch.ts() < now - settings.maxSampleAge().toMillis()) {
      throw ProblemException.badRequest(
          "ts "
              + batch.ts()
              + " is older than "
              + settings.maxSampleAge()
              + ": raw history does not keep samples that old");
    }
    IngestService.Outcome outcome;
    try {
      outcome = ingest.ingest(host.hostId(), batch, now);
    } catch (SampleWriter.Overloaded | IngestService.NotStored notNow) {
      // The agent keeps the batch in its spool and sends it again after a back-off.
      throw new ProblemException(
          503,
          "Service Unavailable",
          "batch not stored, send it again later: " + notNow.getMessage());
    } catch (SampleWriter.Refused refused) {
      // 422: the agent drops the batch (and logs why) instead of sending it again for ever.
      throw new ProblemException(422, "Unprocessable Content", refused.getMessage());
    }
    return new IngestReply(batch.seq(), outcome.stored(), outcome.commands(), outcome.policy());
  }
}
