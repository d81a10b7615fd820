package io.vigia.web.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Mounts the REST API under {@code /api}; resources add {@code v1/...}. Also the root of the API's
 * MicroProfile OpenAPI description ({@code /openapi}): its security schemes — HTTP Basic for people
 * ({@value #BASIC}), a bearer host token for agents ({@value #HOST_TOKEN}) and the fleet key for
 * enrolment ({@value #FLEET_KEY}) — and the problem-detail answers operations refer to.
 */
@ApplicationPath("api")
@OpenAPIDefinition(
    info =
        @Info(
            title = "Vigia monitor API",
            version = "v1",
            description =
                "A Linux fleet monitor: agents enrol and push batches; people read hosts, history,"
                    + " events and alerts, queue commands and manage rules, users and tokens."
                    + " Roles include each other: viewer < operator < admin. Errors are RFC 9457"
                    + " problem details (application/problem+json)."),
    tags = {
      @Tag(name = VigiaApi.TAG_AGENTS, description = "What agents call: enrol, push batches"),
      @Tag(name = VigiaApi.TAG_HOSTS, description = "The fleet, and each host's latest state"),
      @Tag(name = VigiaApi.TAG_HISTORY, description = "Metric history, rollup and retention"),
      @Tag(name = VigiaApi.TAG_EVENTS, description = "The event log"),
      @Tag(name = VigiaApi.TAG_ALERTS, description = "Alert rules and alerts"),
      @Tag(name = VigiaApi.TAG_COMMANDS, description = "Commands to a host's agent"),
      @Tag(name = VigiaApi.TAG_USERS, description = "People and their roles"),
      @Tag(name = VigiaApi.TAG_TOKENS, description = "Agents' host tokens"),
      @Tag(
          name = VigiaApi.TAG_CONTAINERS,
          description = "Container actions, the prune policy, the busiest containers"),
      @Tag(name = VigiaApi.TAG_MONITOR, description = "The monitor itself: its metrics")
    },
    components =
        @Components(
            securitySchemes = {
              @SecurityScheme(
                  securitySchemeName = VigiaApi.BASIC,
                  type = SecuritySchemeType.HTTP,
                  scheme = "basic",
                  description =
                      "A Vigia user's name and password (or the session of the login page)"),
              @SecurityScheme(
                  securitySchemeName = VigiaApi.HOST_TOKEN,
                  type = SecuritySchemeType.HTTP,
                  scheme = "bearer",
                  bearerFormat = "opaque",
                  description = "The host token an agent got from enrolment"),
              @SecurityScheme(
                  securitySchemeName = VigiaApi.FLEET_KEY,
                  type = SecuritySchemeType.HTTP,
                  scheme = "bearer",
                  bearerFormat = "opaque",
                  description = "The fleet key (vigia.fleet.key) agents enrol with")
            },
            responses = {
              @APIResponse(
                  name = VigiaApi.BAD_REQUEST,
                  description = "Bad input: the problem detail says what, errors lists each field",
                  content =
                      @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem"))),
              @APIResponse(
                  name = VigiaApi.UNAUTHORIZED,
                  description = "No credentials, or wrong ones",
                  content =
                      @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem"))),
              @APIResponse(
                  name = VigiaApi.FORBIDDEN,
                  description = "The caller's role is too low for this",
                  content =
                      @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem"))),
              @APIResponse(
                  name = VigiaApi.NOT_FOUND,
                  description = "No such host (or rule, or command)",
                  content =
                      @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem"))),
              @APIResponse(
                  name = VigiaApi.CONFLICT,
                  description = "Taken already",
                  content =
                      @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem"))),
              @APIResponse(
                  name = VigiaApi.TOO_LARGE,
                  description = "The body is larger than vigia.ingest.max-bytes",
                  content =
                      @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
            }))
public class VigiaApi extends Application {

  /** Security scheme: HTTP Basic, a Vigia user. */
  public static final String BASIC = "basic";

  /** Security scheme: {@code Authorization: Bearer <host token>}. */
  public static final String HOST_TOKEN = "hostToken";

  /** Security scheme: {@code Authorization: Bearer <fleet key>}. */
  public static final String FLEET_KEY = "fleetKey";

  /** Problem-detail answers, in the OpenAPI components, by status. */
  public static final String BAD_REQUEST = "BadRequest";

  public static final String UNAUTHORIZED = "Unauthorized";
  public static final String FORBIDDEN = "Forbidden";
  public static final String NOT_FOUND = "NotFound";
  public static final String CONFLICT = "Conflict";
  public static final String TOO_LARGE = "PayloadTooLarge";

  public static final String TAG_AGENTS = "agents";
  public static final String TAG_HOSTS = "hosts";
  public static final String TAG_HISTORY = "history";
  public static final String TAG_EVENTS = "events";
  public static final String TAG_ALERTS = "alerts";
  public static final String TAG_COMMANDS = "commands";
  public static final String TAG_USERS = "users";
  public static final String TAG_TOKENS = "tokens";
  public static final String TAG_CONTAINERS = "containers";
  public static final String TAG_MONITOR = "monitor";
}
