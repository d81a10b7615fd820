package io.vigia.web.api;

import io.vigia.monitor.host.Host;
import io.vigia.monitor.host.HostDirectory;
import io.vigia.monitor.security.AgentTokens;
import io.vigia.monitor.security.Role;
import io.vigia.web.security.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A host's agent tokens (admins): {@code POST /api/v1/hosts/{name}/token/revoke} revokes every live
 * token of the host, so its agent is refused (401) from the next push on, on every node (see {@code
 * TokenCache}); the revocation is logged as a {@code token_revoked} event with the admin's name.
 * The agent comes back by enrolling again with the fleet key. {@code GET
 * /api/v1/hosts/{name}/tokens} lists the host's tokens, when each was created and revoked — never a
 * token or its hash.
 */
// Under "v1" like every resource with paths below hosts/{name}: JAX-RS picks one root class by
// its path, so a class claiming "v1/hosts/{name}" would hide the others' sub-paths.
@Path("v1")
@RequestScoped
@Tag(ref = VigiaApi.TAG_TOKENS)
public class HostTokensResource {

  private static final Logger LOG = Logger.getLogger(HostTokensResource.class.getName());

  /**
   * What a revocation did.
   *
   * @param revoked how many live tokens were revoked (0: the host had none)
   */
  @Schema(name = "Revocation", description = "What a revocation did")
  public record Revocation(
      String host,
      @Schema(description = "how many live tokens were revoked (0: the host had none)") int revoked,
      @Schema(description = "when, an ISO-8601 instant") Instant at) {}

  /** One of a host's tokens: never the token, nor its hash. */
  @JsonbNillable
  @Schema(name = "TokenView", description = "One of a host's tokens (never the token or its hash)")
  public record TokenView(
      @Schema(description = "when enrolment gave it, an ISO-8601 instant") Instant created,
      @Schema(description = "when it was revoked; null while it is live") Instant revoked,
      boolean live) {}

  @Inject private Caller caller;
  @Inject private HostDirectory hosts;
  @Inject private AgentTokens tokens;

  @POST
  @Path("hosts/{name}/token/revoke")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Revoke the host's agent tokens",
      description =
          "Revokes every live token of the host (admins). Its agent's next push is refused with"
              + " 401 on every node; the agent can enrol again with the fleet key for a new token."
              + " Logged as a token_revoked event (when a token was live).")
  @SecurityRequirement(name = VigiaApi.BASIC)
  @APIResponse(
      responseCode = "200",
      description = "How many tokens were revoked",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Revocation")))
  @APIResponse(responseCode = "401", ref = VigiaApi.UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = VigiaApi.FORBIDDEN)
  @APIResponse(responseCode = "404", ref = VigiaApi.NOT_FOUND)
  public Revocation revoke(
      @Parameter(description = "the host's name", required = true) @PathParam("name") String name) {
    String admin = caller.require(Role.ADMIN);
    Host host = host(name);
    long now = System.currentTimeMillis();
    int revoked = tokens.revokeAll(host, admin, now);
    LOG.info(() -> admin + " revoked " + revoked + " token(s) of host " + host.getName());
    return new Revocation(host.getName(), revoked, Instant.ofEpochMilli(now));
  }

  @GET
  @Path("hosts/{name}/tokens")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "List the host's agent tokens",
      description =
          "Every token the host was given, newest first, with when it was created and revoked"
              + " (admins). Never the token or its hash.")
  @SecurityRequirement(name = VigiaApi.BASIC)
  @APIResponse(
      responseCode = "200",
      description = "The host's tokens",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = TokenView[].class)))
  @APIResponse(responseCode = "401", ref = VigiaApi.UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = VigiaApi.FORBIDDEN)
  @APIResponse(responseCode = "404", ref = VigiaApi.NOT_FOUND)
  public List<TokenView> list(
      @Parameter(description = "the host's name", required = true) @PathParam("name") String name) {
    caller.require(Role.ADMIN);
    return tokens.tokensOf(host(name)).stream()
        .map(t -> new TokenView(t.created(), t.revoked(), t.live()))
        .toList();
  }

  private Host host(String name) {
    return hosts
        .byName(name)
        .orElseThrow(() -> new ProblemException(404, "Not Found", "no host named '" + name + "'"));
  }
}
