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

/** {@code POST /api/v1/users}: an admin adds a user with a role. */
@Path("v1/users")
@RequestScoped
public class UsersResource {

  private static final Logger LOG = Logger.getLogger(UsersResource.class.getName());

  /** A new user; the password is hashed before it is stored and never shown again. */
  public record NewUser(
      @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._@-]+") String username,
      @NotNull @Size(min = 12, max = 256) String password,
      @NotNull @Pattern(regexp = "viewer|operator|admin") String role) {}

  /** What the API tells about a user. */
  public record UserView(String username, String role) {}

  @Inject private Caller caller;
  @Inject private UserDirectory users;
  @Inject private JsonBody jsonBody;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response add(
      @HeaderParam("Content-Encoding") String contentEncoding,
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
      InputStream body) {
    String admin = caller.require(Role.ADMIN);
    NewUser u = jsonBody.read(body, contentEncoding, contentLength, NewUser.class);
    if (users.exists(u.username())) {
      throw new ProblemException(409, "Conflict", "user '" + u.username() + "' exists");
    }
    try {
      users.add(
          u.username(),
          u.password().toCharArray(),
          Role.valueOf(u.role().toUpperCase(Locale.ROOT)));
    } catch (EJBException e) {
      throw new ProblemException(409, "Conflict", "user '" + u.username() + "' exists");
    }
    LOG.info(() -> admin + " added user " + u.username() + " (" + u.role() + ")");
    return Response.status(201).entity(new UserView(u.username(), u.role())).build();
  }
}
