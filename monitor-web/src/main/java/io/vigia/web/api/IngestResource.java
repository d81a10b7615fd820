package io.vigia.web.api;

import io.vigia.monitor.host.MonitorSettings;
import io.vigia.monitor.ingest.IngestService;
import io.vigia.monitor.ingest.SampleWriter;
import io.vigia.monitor.security.AgentTokens;
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

/** {@code POST /api/v1/ingest}: an agent pushes one batch with its host token. */
@Path("v1/ingest")
@ApplicationScoped
public class IngestResource {

  @Inject private AgentTokens tokens;
  @Inject private IngestService ingest;
  @Inject private JsonBody jsonBody;
  @Inject private MonitorSettings settings;
  @Inject private IngestMetrics metrics;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public IngestReply push(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam("Content-Encoding") String contentEncoding,
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
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
    }
    return new IngestReply(batch.seq(), outcome.stored(), outcome.commands());
  }
}
