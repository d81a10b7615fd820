package io.vigia.web.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Ends a request with a problem-detail answer; thrown by resources, never caught by them. */
public class ProblemException extends WebApplicationException {

  public ProblemException(int status, String title, String detail) {
    this(new Problem("about:blank", title, status, detail, null));
  }

  public ProblemException(Problem problem) {
    super(problem.detail(), response(problem).build());
  }

  private ProblemException(Response response) {
    super(((Problem) response.getEntity()).detail(), response);
  }

  /** Answers and closes the connection: for a request whose body was left unread. */
  static ProblemException closing(Problem problem) {
    return new ProblemException(response(problem).header("Connection", "close").build());
  }

  private static Response.ResponseBuilder response(Problem problem) {
    Response.ResponseBuilder r =
        Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
    return r;
  }

  /** 401 asking for a user's name and password (the agents' endpoints ask for a token). */
  public static ProblemException basicChallenge(String detail) {
    return new ProblemException(
        response(new Problem("about:blank", "Unauthorized", 401, detail, null))
            .header("WWW-Authenticate", "Basic realm=\"vigia\", charset=\"UTF-8\"")
            .build());
  }

  /** 401 for an agent: a host token (or the fleet key) is missing or wrong. */
  static ProblemException unauthorized(String detail) {
    return new ProblemException(
        response(new Problem("about:blank", "Unauthorized", 401, detail, null))
            .header("WWW-Authenticate", "Bearer realm=\"vigia\"")
            .build());
  }

  public static ProblemException badRequest(String detail) {
    return new ProblemException(400, "Bad Request", detail);
  }

  static ProblemException invalid(List<String> errors) {
    return new ProblemException(
        new Problem("about:blank", "Bad Request", 400, "the body is not valid", errors));
  }
}
