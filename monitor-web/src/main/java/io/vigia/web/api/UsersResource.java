package io.vigia.web.api;

import io.vigia.monitor.security.Role;
import io.vigia.monitor.security.UserDirectory;
import io.vigia.web.security.Caller;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Locale;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /api/v1/users}: an admin adds a user with a role. */
@Path("v1/users")
@RequestScoped
@Tag(ref = VigiaApi.TAG_USERS)
public class UsersResource {

  private static final Logger LOG = Logger.getLogger(UsersResource.class.getName());

  /** A new user; the password is hashed before it is stored and never shown again. */
  @Schema(name = "NewUser", description = "A new user; the password is stored as a PBKDF2 hash")
  public record NewUser(
      @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._@-]+") String username,
      @NotNull @Size(min = 12, max = 256) String password,
      @NotNull
          @Pattern(regexp = "viewer|operator|admin")
          @Schema(enumeration = {"viewer", "operator", "admin"})
          String role) {}

  /** What the API tells about a user. */
  @Schema(name = "UserView", description = "A user and their role")
  public record UserView(String username, String role) {}

  @Inject private Caller caller;
  @Inject private UserDirectory users;
  @Inject private JsonBody jsonBody;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Add a user",
      description =
          "Adds a user with a role (admins): viewers read; operators also kill processes;"
              + " admins also manage users, rules and tokens. The password needs 12 or more"
              + " characters.")
  @SecurityRequirement(name = VigiaApi.BASIC)
  @RequestBody(
      required = true,
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "NewUser")))
  @APIResponse(
      responseCode = "201",
      description = "Added",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "UserView")))
  @APIResponse(responseCode = "400", ref = VigiaApi.BAD_REQUEST)
  @APIResponse(responseCode = "401", ref = VigiaApi.UNAUTHORIZED)
  @APIResponse(responseCode = "403", ref = VigiaApi.FORBIDDEN)
  @APIResponse(responseCode = "409", ref = VigiaApi.CONFLICT)
  @APIResponse(responseCode = "413", ref = VigiaApi.TOO_LARGE)
  public Response add(
      @Parameter(description = "gzip, or none") @HeaderParam("Content-Encoding")
          String contentEncoding,
      @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
      InputStream body) {
    String admin = caller.require(Role.ADMIN);
    NewUser u = jsonBody.read(body, contentEncoding, contentLength, NewUser.class);
    try {
      users.add(
          u.username(),
          u.password().toCharArray(),
          Role.valueOf(u.role().toUpperCase(Locale.ROOT)),
          admin);
    } catch (UserDirectory.RefusedException e) {
      throw e.refusal() == UserDirectory.Refusal.NAME_TAKEN
          ? new ProblemException(409, "Conflict", e.getMessage())
          : new ProblemException(400, "Bad Request", e.getMessage());
    } catch (EJBException e) { // the same name added at the same moment by someone else
      throw new ProblemException(409, "Conflict", "user '" + u.username() + "' exists");
    }
    LOG.info(() -> admin + " added user " + u.username() + " (" + u.role() + ")");
    return Response.status(201).entity(new UserView(u.username(), u.role())).build();
  }
}
