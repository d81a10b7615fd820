package io.vigia.web.api;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

/**
 * Keeps {@code /openapi} valid OpenAPI 3.0 (registered as {@code mp.openapi.filter}). Payara
 * (6.2025.10, and 7 until it renamed it {@code x-endpoints}) adds a root key {@code endpoints} (the
 * paths by context root) to every application's document; OpenAPI allows no root key but its own
 * and {@code x-} extensions, so validators and code generators reject the whole document. Payara
 * has no setting to turn it off, and it lives only on Payara's model class, so it is emptied
 * through that class's own setter (an empty map, which Payara's writer leaves out of the JSON and
 * YAML). Nothing here when the model has no such map.
 */
public class StandardOpenApi implements OASFilter {

  private static final Logger LOG = Logger.getLogger(StandardOpenApi.class.getName());

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    Method setter;
    try {
      setter = openAPI.getClass().getMethod("setEndpoints", Map.class);
    } catch (NoSuchMethodException e) {
      return; // not Payara's model, or one without the key
    }
    try {
      setter.invoke(openAPI, new TreeMap<String, Object>());
    } catch (ReflectiveOperationException e) {
      LOG.warning("cannot drop Payara's non-standard 'endpoints' key from /openapi: " + e);
    }
  }
}
