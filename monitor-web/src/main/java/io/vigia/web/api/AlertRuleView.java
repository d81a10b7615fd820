package io.vigia.web.api;

import io.vigia.monitor.alert.AlertRule;
import jakarta.json.bind.annotation.JsonbNillable;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An alert rule as the API shows it.
 *
 * @param host null: every host
 * @param webhookUrl whole for admins; to others only its scheme and host
 */
@JsonbNillable
@Schema(name = "AlertRuleView", description = "An alert rule")
public record AlertRuleView(
    long id,
    String name,
    String metric,
    String operator,
    Double threshold,
    int durationS,
    String host,
    String webhookUrl,
    boolean enabled) {

  /** The rule as {@code GET /api/v1/alert-rules} and the alerts page show it. */
  public static AlertRuleView of(AlertRule r, String host, boolean maskWebhook) {
    return new AlertRuleView(
        r.getId(),
        r.getName(),
        r.getMetric(),
        r.getOperator(),
        r.getThreshold(),
        r.getDurationS(),
        host,
        maskWebhook ? masked(r.getWebhookUrl()) : r.getWebhookUrl(),
        r.isEnabled());
  }

  /**
   * Scheme and host only ({@code https://hooks.example.com/…}): enough to tell where alerts go,
   * nothing of the path, query or user info where services put their tokens.
   */
  static String masked(String url) {
    if (url == null) {
      return null;
    }
    try {
      java.net.URI u = new java.net.URI(url);
      if (u.getScheme() != null && u.getHost() != null) {
        return u.getScheme()
            + "://"
            + u.getHost()
            + (u.getPort() < 0 ? "" : ":" + u.getPort())
            + "/…";
      }
    } catch (java.net.URISyntaxException e) {
      // not a URL we can take apart: nothing of it is shown
    }
    return "…";
  }
}
