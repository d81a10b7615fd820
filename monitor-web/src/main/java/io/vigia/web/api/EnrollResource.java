package io.vigia.web.api;

import io.vigia.monitor.security.AgentTokens;
import io.vigia.monitor.security.FleetKeys;
import io.vigia.wire.EnrollReply;
import io.vigia.wire.EnrollRequest;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /api/v1/enroll}: an agent presents the fleet key and gets a token for its own host.
 * The key is the one an admin last generated, else {@code vigia.fleet.key} ({@link FleetKeys});
 * closed (403) while there is neither.
 */
@Path("v1/enroll")
@RequestScoped
@Tag(ref = VigiaApi.TAG_AGENTS)
public class EnrollResource {

  private static final Logger LOG = Logger.getLogger(EnrollResource.class.getName());

  @Inject private FleetKeys fleetKeys;
  @Inject private AgentTokens tokens;
  @Inject private JsonBody jsonBody;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Enrol an agent",
      description =
          "An agent trades the fleet key for a token of its own host, shown this once (only its"
              + " hash is kept); the host is created on first enrolment. Enrolling again (same"
              + " agentId and host) gives a new token, also after the host's tokens were revoked."
              + " Body: {agentId (1-64 of A-Z a-z 0-9 . _ -), host (1-255)}.")
  @SecurityRequirement(name = VigiaApi.FLEET_KEY)
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = EnrollRequest.class)))
  @APIResponse(
      responseCode = "200",
      description = "The host's name and its new token: {host, token}",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = EnrollReply.class)))
  @APIResponse(responseCode = "400", ref = VigiaApi.BAD_REQUEST)
  @APIResponse(responseCode = "401", ref = VigiaApi.UNAUTHORIZED)
  @APIResponse(
      responseCode = "403",
      description = "Enrolment is closed: no key was generated and vigia.fleet.key is unset",
      content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "409",
      description = "The agent is enrolled under another host name, or the name is another's",
      content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
  @APIResponse(responseCode = "413", ref = VigiaApi.TOO_LARGE)
  public EnrollReply enroll(
      @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @Parameter(description = "gzip, or none") @HeaderParam("Content-Encoding")
          String contentEncoding,
      @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
      InputStream body) {
    String presented =
        Bearer.of(authorization)
            .orElseThrow(() -> ProblemException.unauthorized("the fleet key is required"));
    switch (fleetKeys.check(presented)) {
      case CLOSED ->
          throw new ProblemException(403, "Forbidden", "enrolment is closed on this monitor");
      case WRONG -> throw ProblemException.unauthorized("wrong fleet key");
      case ACCEPTED -> {
        // go on
      }
    }
    EnrollRequest request =
        jsonBody.read(body, contentEncoding, contentLength, EnrollRequest.class);
    try {
      AgentTokens.Enrolment e =
          tokens.enroll(request.agentId(), request.host(), System.currentTimeMillis());
      LOG.info(() -> "enrolled agent " + request.agentId() + " for host " + e.host());
      return new EnrollReply(e.host(), e.token());
    } catch (EJBException e) {
      if (e.getCause() instanceof AgentTokens.ConflictException conflict) {
        throw new ProblemException(409, "Conflict", conflict.getMessage());
      }
      throw e;
    }
  }
}
