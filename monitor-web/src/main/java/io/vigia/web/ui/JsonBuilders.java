package io.vigia.web.ui;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import java.util.Map;

/**
 * The JSON builders of the pages' charts and pushes, from a provider looked up once. {@code
 * Json.createObjectBuilder()} looks the provider up on every call (a service-loader scan of the
 * class path): with a builder per chart point that was a fifth of the fleet page's rendering.
 */
final class JsonBuilders {

  static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

  private JsonBuilders() {}
}
