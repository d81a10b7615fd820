package io.vigia.web.api;

import io.vigia.monitor.alert.AlertRule;
import jakarta.json.bind.annotation.JsonbNillable;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An alert rule as the API shows it.
 *
 * @param host null: every host
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

  static AlertRuleView of(AlertRule r, String host) {
    return new AlertRuleView(
        r.getId(),
        r.getName(),
        r.getMetric(),
        r.getOperator(),
        r.getThreshold(),
        r.getDurationS(),
        host,
        r.getWebhookUrl(),
        r.isEnabled());
  }
}
