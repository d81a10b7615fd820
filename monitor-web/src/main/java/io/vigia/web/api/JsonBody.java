package io.vigia.web.api;

import io.vigia.monitor.host.MonitorSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.ElementType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Reads a request body into a wire record: bounded in size (413), gzip allowed, malformed JSON or
 * wrong types (400), then Bean Validation (400 listing every bad field). Done by hand rather than
 * by the JAX-RS provider so that every failure gets the same problem-detail answer.
 */
@ApplicationScoped
public class JsonBody {

  private static final Jsonb JSONB = JsonbBuilder.create();
  private static final long DRAIN_LIMIT = 16L * 1024 * 1024;

  @Inject private MonitorSettings settings;

  /**
   * Validates wire records only. The server's default validator asks JPA, property by property,
   * whether each is loaded; these are no entities, and that asking was most of a push's validation
   * time.
   */
  private static final Validator VALIDATOR =
      Validation.byDefaultProvider()
          .configure()
          .traversableResolver(new EverythingReachable())
          .buildValidatorFactory()
          .getValidator();

  /** Every property is there to be validated: wire records are plain values. */
  private static final class EverythingReachable implements TraversableResolver {
    @Override
    public boolean isReachable(
        Object bean,
        Path.Node property,
        Class<?> rootBeanType,
        Path pathToProperty,
        ElementType elementType) {
      return true;
    }

    @Override
    public boolean isCascadable(
        Object bean,
        Path.Node property,
        Class<?> rootBeanType,
        Path pathToProperty,
        ElementType elementType) {
      return true;
    }
  }

  public <T> T read(InputStream body, String contentEncoding, Long contentLength, Class<T> type) {
    int max = settings.ingestMaxBytes();
    if (contentLength != null && contentLength > max) {
      throw tooLarge(body, max);
    }
    byte[] bytes;
    try {
      InputStream in = body;
      if (contentEncoding != null && contentEncoding.equalsIgnoreCase("gzip")) {
        in = new GZIPInputStream(body);
      }
      bytes = readAtMost(in, max);
      if (bytes == null) {
        throw tooLarge(body, max);
      }
    } catch (IOException e) {
      throw ProblemException.badRequest("cannot read the body: " + e.getMessage());
    }
    if (bytes.length == 0) {
      throw ProblemException.badRequest("empty body: a JSON object is expected");
    }
    T value;
    try {
      value = JSONB.fromJson(new String(bytes, StandardCharsets.UTF_8), type);
    } catch (JsonbException | IllegalArgumentException e) {
      throw ProblemException.badRequest("malformed JSON or wrong types: " + rootMessage(e));
    }
    if (value == null) {
      throw ProblemException.badRequest("a JSON object is expected");
    }
    Set<ConstraintViolation<T>> violations = violations(value);
    if (!violations.isEmpty()) {
      List<String> errors =
          violations.stream()
              .map(v -> v.getPropertyPath() + ": " + v.getMessage())
              .sorted()
              .toList();
      throw ProblemException.invalid(errors);
    }
    return value;
  }

  /**
   * What breaks the record's constraints, as the API checks a body: for a page that takes the same
   * record from a form and must judge it by the same rules.
   */
  public static <T> Set<ConstraintViolation<T>> violations(T value) {
    return VALIDATOR.validate(value);
  }

  /** The whole stream, or null when it holds more than {@code max} bytes. */
  private static byte[] readAtMost(InputStream in, int max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, 64 * 1024));
    byte[] buf = new byte[16 * 1024];
    int n;
    while ((n = in.read(buf)) > 0) {
      if (out.size() + n > max) {
        return null;
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  /**
   * A 413 that every client can read. Clients (the JDK's among them) only read the answer once they
   * have sent the whole body, so a body up to {@link #DRAIN_LIMIT} is read and dropped first; a
   * larger one gets the answer at once and the connection is closed.
   */
  private static ProblemException tooLarge(InputStream body, int max) {
    boolean drained = false;
    try {
      byte[] buf = new byte[64 * 1024];
      long dropped = 0;
      int n = 0;
      while (dropped <= DRAIN_LIMIT && (n = body.read(buf)) >= 0) {
        dropped += n;
      }
      drained = n < 0;
    } catch (IOException e) {
      // The client went away: nothing left to drain.
    }
    Problem problem = Problem.of(413, "Content Too Large", "the body is over " + max + " bytes");
    return drained ? new ProblemException(problem) : ProblemException.closing(problem);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
