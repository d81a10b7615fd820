package io.vigia.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.testsupport.MonitorApi;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /openapi}: every user-facing endpoint is described, with who may call it (its security
 * scheme) and the problem-detail answers it can give.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OpenApiIT {

  private static final String BASIC = "basic";
  private static final String FLEET_KEY = "fleetKey";

  /** What each operation must document: its security scheme and its answers. */
  private record Expected(String scheme, Set<String> codes) {}

  private static final Map<String, Expected> OPERATIONS = new LinkedHashMap<>();

  static {
    expect("GET /api/v1/hosts", BASIC, "200", "401", "403");
    expect("GET /api/v1/hosts/{name}/processes", BASIC, "200", "400", "401", "403", "404");
    expect("GET /api/v1/hosts/{name}/containers", BASIC, "200", "401", "403", "404");
    expect("GET /api/v1/hosts/{name}/series", BASIC, "200", "400", "401", "403", "404");
    expect("POST /api/v1/history/maintenance", BASIC, "200", "400", "401", "403");
    expect("GET /api/v1/events", BASIC, "200", "400", "401", "403", "404");
    expect("GET /api/v1/alert-rules", BASIC, "200", "401", "403");
    expect("POST /api/v1/alert-rules", BASIC, "201", "400", "401", "403", "413");
    expect("GET /api/v1/alert-rules/{id}", BASIC, "200", "401", "403", "404");
    expect("PUT /api/v1/alert-rules/{id}", BASIC, "200", "400", "401", "403", "404", "413");
    expect("DELETE /api/v1/alert-rules/{id}", BASIC, "204", "401", "403", "404");
    expect("GET /api/v1/alerts", BASIC, "200", "400", "401", "403");
    expect("POST /api/v1/alerts/evaluate", BASIC, "200", "400", "401", "403");
    expect("POST /api/v1/users", BASIC, "201", "400", "401", "403", "409", "413");
    expect("POST /api/v1/hosts/{name}/commands", BASIC, "202", "400", "401", "403", "404", "413");
    expect("GET /api/v1/hosts/{name}/commands", BASIC, "200", "401", "403", "404");
    expect("GET /api/v1/commands/{id}", BASIC, "200", "401", "403", "404");
    expect("POST /api/v1/hosts/{name}/token/revoke", BASIC, "200", "401", "403", "404");
    expect("GET /api/v1/hosts/{name}/tokens", BASIC, "200", "401", "403", "404");
    expect(
        "POST /api/v1/hosts/{name}/containers/{id}/actions",
        BASIC,
        "202",
        "400",
        "401",
        "403",
        "404",
        "413");
    expect("GET /api/v1/container-policy", BASIC, "200", "401", "403", "404");
    expect("PUT /api/v1/container-policy", BASIC, "200", "400", "401", "403", "413");
    expect("DELETE /api/v1/container-policy", BASIC, "204", "401", "403", "404");
    expect("GET /api/v1/hosts/{name}/container-policy", BASIC, "200", "401", "403", "404");
    expect(
        "PUT /api/v1/hosts/{name}/container-policy",
        BASIC,
        "200",
        "400",
        "401",
        "403",
        "404",
        "413");
    expect("DELETE /api/v1/hosts/{name}/container-policy", BASIC, "204", "401", "403", "404");
    expect("POST /api/v1/container-policy/preview", BASIC, "200", "400", "401", "403", "413");
    expect(
        "POST /api/v1/hosts/{name}/container-policy/preview",
        BASIC,
        "200",
        "400",
        "401",
        "403",
        "404",
        "413");
    expect("GET /api/v1/containers/top", BASIC, "200", "400", "401", "403");
    expect(
        "GET /api/v1/hosts/{name}/containers/{id}/series",
        BASIC,
        "200",
        "400",
        "401",
        "403",
        "404");
    expect("POST /api/v1/enroll", FLEET_KEY, "200", "400", "401", "403", "409", "413");
    expect("POST /api/v1/ingest", "hostToken", "200", "400", "401", "403", "413", "422", "503");
    expect("GET /api/v1/metrics", BASIC, "200", "401", "403");
  }

  private static void expect(String operation, String scheme, String... codes) {
    OPERATIONS.put(operation, new Expected(scheme, Set.of(codes)));
  }

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.builtWar();
  }

  @ArquillianResource private URL url;

  private MonitorApi api;

  @BeforeEach
  void client() {
    api = new MonitorApi(Deployments.loopback(url));
  }

  private JsonObject document(String query, String accept) {
    HttpRequest.Builder request = HttpRequest.newBuilder(api.base().resolve("openapi" + query));
    if (accept != null) {
      request.header("Accept", accept);
    }
    HttpResponse<String> r = api.send(request.GET());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return MonitorApi.parse(r.body()).asJsonObject();
  }

  private static JsonObject operation(JsonObject doc, String key) {
    String[] methodAndPath = key.split(" ", 2);
    JsonObject path = doc.getJsonObject("paths").getJsonObject(methodAndPath[1]);
    assertThat(path).as("path of " + key).isNotNull();
    JsonObject op = path.getJsonObject(methodAndPath[0].toLowerCase(java.util.Locale.ROOT));
    assertThat(op).as(key).isNotNull();
    return op;
  }

  @Test
  void isServedOpenWithoutLoginAsJsonOnRequest() {
    JsonObject byHeader = document("", "application/json");
    JsonObject byQuery = document("?format=JSON", null);

    assertThat(byHeader.getString("openapi")).startsWith("3.");
    assertThat(byHeader.getJsonObject("info").getString("title")).isEqualTo("Vigia monitor API");
    assertThat(byQuery.getJsonObject("paths").keySet())
        .isEqualTo(byHeader.getJsonObject("paths").keySet());
  }

  @Test
  void describesEveryUserFacingEndpointWithItsSecurityAndErrorAnswers() {
    JsonObject doc = document("", "application/json");
    SoftAssertions soft = new SoftAssertions();

    OPERATIONS.forEach(
        (key, expected) -> {
          JsonObject op = operation(doc, key);
          soft.assertThat(op.getString("summary", "")).as("summary of " + key).isNotBlank();
          soft.assertThat(op.getJsonArray("tags")).as("tags of " + key).isNotEmpty();
          soft.assertThat(schemes(op)).as("security of " + key).containsExactly(expected.scheme());
          soft.assertThat(op.getJsonObject("responses").keySet())
              .as("answers of " + key)
              .containsExactlyInAnyOrderElementsOf(expected.codes());
          for (String code : expected.codes()) {
            if (code.startsWith("4")) {
              soft.assertThat(problemSchemaOf(doc, op.getJsonObject("responses"), code))
                  .as(code + " of " + key + " is a problem detail")
                  .isEqualTo("#/components/schemas/Problem");
            }
          }
          for (JsonValue p :
              op.getJsonArray("parameters") == null
                  ? List.<JsonValue>of()
                  : op.getJsonArray("parameters")) {
            JsonObject param = p.asJsonObject();
            soft.assertThat(param.getString("description", ""))
                .as("description of " + param.getString("name") + " in " + key)
                .isNotBlank();
            if (param.getString("in").equals("path")) {
              soft.assertThat(param.getBoolean("required", false))
                  .as(param.getString("name") + " in " + key + " is required")
                  .isTrue();
            }
          }
        });
    soft.assertAll();
  }

  @Test
  void isValidOpenApiToAValidatorAsCodeGeneratorsReadIt() throws Exception {
    HttpResponse<String> r =
        api.send(
            HttpRequest.newBuilder(api.base().resolve("openapi"))
                .header("Accept", "application/json")
                .GET());
    Path file = Files.createDirectories(Path.of("target", "openapi")).resolve("openapi.json");
    Files.writeString(file, r.body());

    OutsideTools.Run validation = OutsideTools.validateOpenApi(file);

    assertThat(validation.exitCode()).as(validation.output()).isZero();
    assertThat(MonitorApi.parse(r.body()).asJsonObject().keySet())
        .as("root keys: OpenAPI's own or x- extensions")
        .allMatch(k -> k.startsWith("x-") || ROOT_KEYS.contains(k));
  }

  private static final Set<String> ROOT_KEYS =
      Set.of(
          "openapi", "info", "servers", "paths", "components", "security", "tags", "externalDocs");

  @Test
  void declaresBasicForPeopleAndBearerTokensForAgents() {
    JsonObject schemes =
        document("", "application/json")
            .getJsonObject("components")
            .getJsonObject("securitySchemes");

    assertThat(schemes.getJsonObject("basic").getString("type")).isEqualTo("http");
    assertThat(schemes.getJsonObject("basic").getString("scheme")).isEqualTo("basic");
    assertThat(schemes.getJsonObject("hostToken").getString("type")).isEqualTo("http");
    assertThat(schemes.getJsonObject("hostToken").getString("scheme")).isEqualTo("bearer");
    assertThat(schemes.getJsonObject("fleetKey").getString("scheme")).isEqualTo("bearer");
  }

  @Test
  void describesTheProblemDetailAndTheBodiesPeopleSend() {
    JsonObject schemas =
        document("", "application/json").getJsonObject("components").getJsonObject("schemas");

    assertThat(schemas.getJsonObject("Problem").getJsonObject("properties").keySet())
        .contains("type", "title", "status", "detail", "errors");
    assertThat(schemas.getJsonObject("NewUser").getJsonObject("properties").keySet())
        .containsExactlyInAnyOrder("username", "password", "role");
    assertThat(schemas.getJsonObject("KillRequest").getJsonObject("properties").keySet())
        .contains("type", "pid", "startTicks", "reason");
    assertThat(schemas.getJsonObject("AlertRuleRequest").getJsonObject("properties").keySet())
        .contains("name", "metric", "operator", "threshold", "durationS", "host", "webhookUrl");
    assertThat(schemas.getJsonObject("Revocation").getJsonObject("properties").keySet())
        .containsExactlyInAnyOrder("host", "revoked", "at");
  }

  private static List<String> schemes(JsonObject op) {
    if (op.getJsonArray("security") == null) {
      return List.of();
    }
    return op.getJsonArray("security").stream()
        .flatMap(s -> s.asJsonObject().keySet().stream())
        .collect(Collectors.toList());
  }

  /** The schema reference of the problem-detail content of an answer, following a $ref. */
  private static String problemSchemaOf(JsonObject doc, JsonObject responses, String code) {
    JsonObject response = responses.getJsonObject(code);
    if (response.containsKey("$ref")) {
      String name = response.getString("$ref").replace("#/components/responses/", "");
      response = doc.getJsonObject("components").getJsonObject("responses").getJsonObject(name);
    }
    JsonObject content = response == null ? null : response.getJsonObject("content");
    if (content == null || !content.containsKey("application/problem+json")) {
      return null;
    }
    return content
        .getJsonObject("application/problem+json")
        .getJsonObject("schema")
        .getString("$ref", null);
  }
}
