package io.vigia.monitor.alert;

import io.vigia.monitor.event.EventText;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;

/** A rule: which metric, compared how with what, held how long, on which host (or all). */
@Entity
@Table(name = "alert_rule")
@NamedQuery(name = "AlertRule.findAll", query = "SELECT r FROM AlertRule r ORDER BY r.id")
@NamedQuery(
    name = "AlertRule.findEnabled",
    query = "SELECT r FROM AlertRule r WHERE r.enabled = TRUE ORDER BY r.id")
public class AlertRule {

  @Id
  @GeneratedValue(strategy = GenerationType.TABLE, generator = "alert_rule_ids")
  @TableGenerator(
      name = "alert_rule_ids",
      table = "id_sequence",
      pkColumnName = "seq_name",
      valueColumnName = "seq_count",
      pkColumnValue = "alert_rule",
      allocationSize = 10)
  private Long id;

  @Column(nullable = false, length = 128)
  private String name;

  @Column(nullable = false, length = 32)
  private String metric;

  @Column(name = "op", length = 1)
  private String operator;

  private Double threshold;

  @Column(name = "duration_s", nullable = false)
  private int durationS;

  @Column(name = "host_id")
  private Long hostId;

  @Column(name = "webhook_url", length = 1024)
  private String webhookUrl;

  @Column(nullable = false)
  private boolean enabled;

  protected AlertRule() {}

  /** A rule from a spec whose {@link AlertRuleSpec#problems()} is empty. */
  static AlertRule of(AlertRuleSpec spec) {
    AlertRule r = new AlertRule();
    r.apply(spec);
    return r;
  }

  void apply(AlertRuleSpec spec) {
    AlertMetric m = spec.alertMetric();
    name = spec.name().strip();
    metric = m.apiName();
    operator = m.hasThreshold() ? spec.alertOperator().symbol() : null;
    threshold = m.hasThreshold() ? spec.threshold() : null;
    durationS = spec.durationS();
    hostId = spec.hostId();
    webhookUrl = spec.webhookUrl();
    enabled = spec.enabled();
  }

  public AlertMetric metric() {
    return AlertMetric.byApiName(metric).orElseThrow();
  }

  /** Null for host_offline. */
  public AlertOperator operator() {
    return operator == null ? null : AlertOperator.bySymbol(operator).orElseThrow();
  }

  /** {@link #condition()} as an event's text, to be worded in a reader's language. */
  public EventText conditionText() {
    Object held = Long.toString(durationS);
    Object threshold = String.valueOf(this.threshold);
    if (metric().hasThreshold()) {
      return durationS > 0
          ? EventText.of("rule.thresholdHeld", metric, operator, threshold, held)
          : EventText.of("rule.threshold", metric, operator, threshold);
    }
    return durationS > 0
        ? EventText.of("rule.held", metric, held)
        : EventText.of(EventText.PARTS, metric);
  }

  /** "cpu_pct > 90.0 for 60 s", "host_offline (+30 s)": what the rule watches for. */
  public String condition() {
    return conditionText().in(EventText.API);
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public String getMetric() {
    return metric;
  }

  public String getOperator() {
    return operator;
  }

  public Double getThreshold() {
    return threshold;
  }

  public int getDurationS() {
    return durationS;
  }

  public Long getHostId() {
    return hostId;
  }

  public String getWebhookUrl() {
    return webhookUrl;
  }

  public boolean isEnabled() {
    return enabled;
  }
}
