package io.vigia.web.api;

import io.vigia.monitor.host.MonitorSettings;
import io.vigia.monitor.security.AgentTokens;
import io.vigia.monitor.security.Secrets;
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

/**
 * {@code POST /api/v1/enroll}: an agent presents the fleet key and gets a token for its own host.
 * Closed (403) while {@code vigia.fleet.key} is unset.
 */
@Path("v1/enroll")
@RequestScoped
public class EnrollResource {

  private static final Logger LOG = Logger.getLogger(EnrollResource.class.getName());

  @Inject private MonitorSettings settings;
  @Inject private AgentTokens tokens;
  @Inject private JsonBody jsonBody;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public EnrollReply enroll(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam("Content-Encoding") String contentEncoding,
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
      InputStream body) {
    String fleetKey =
        settings
            .fleetKey()
            .orElseThrow(
                () ->
                    new ProblemException(403, "Forbidden", "enrolment is closed on this monitor"));
    String presented =
        Bearer.of(authorization)
            .orElseThrow(() -> ProblemException.unauthorized("the fleet key is required"));
    if (!Secrets.constantTimeEquals(presented, fleetKey)) {
      throw ProblemException.unauthorized("wrong fleet key");
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
