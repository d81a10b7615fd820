package io.vigia.web.ui;

import io.vigia.monitor.alert.AlertMetric;
import io.vigia.monitor.alert.AlertRule;
import io.vigia.monitor.alert.AlertRuleSpec;
import java.io.Serializable;

/**
 * What the rule dialog of {@code alerts.xhtml} holds while an admin fills it in. It decides
 * nothing: {@link #spec(Long)} hands it to {@link AlertRuleSpec}, whose problems are the page's
 * validation messages, as they are the API's.
 */
public class AlertRuleForm implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The rule being changed; null for a new one. */
  private Long id;

  private String name;
  private String metric = AlertMetric.CPU_PCT.apiName();
  private String operator = ">";
  private Double threshold;
  private Integer durationS = 60;
  private String host = "";
  private String webhookUrl;
  private boolean enabled = true;

  /** The form for a new rule, with the defaults a person would pick first. */
  static AlertRuleForm blank() {
    return new AlertRuleForm();
  }

  /** The form holding a rule as it is, to change it; {@code host} is its host's name or null. */
  static AlertRuleForm of(AlertRule r, String host) {
    AlertRuleForm f = new AlertRuleForm();
    f.id = r.getId();
    f.name = r.getName();
    f.metric = r.getMetric();
    f.operator = r.getOperator() == null ? ">" : r.getOperator();
    f.threshold = r.getThreshold();
    f.durationS = r.getDurationS();
    f.host = host == null ? "" : host;
    f.webhookUrl = r.getWebhookUrl();
    f.enabled = r.isEnabled();
    return f;
  }

  /**
   * The spec this form asks for, as the API builds one from its JSON: no duration means 0, a blank
   * webhook URL none.
   *
   * @param hostId the id of the host named in the form; null for every host
   */
  AlertRuleSpec spec(Long hostId) {
    return new AlertRuleSpec(
        name,
        metric,
        operator,
        threshold,
        durationS == null ? 0 : durationS,
        hostId,
        webhookUrl == null || webhookUrl.isBlank() ? null : webhookUrl.strip(),
        enabled);
  }

  /** Whether the chosen metric compares a value with a threshold (all but host_offline). */
  public boolean isThresholdMetric() {
    return AlertMetric.byApiName(metric).map(AlertMetric::hasThreshold).orElse(true);
  }

  public boolean isNew() {
    return id == null;
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getMetric() {
    return metric;
  }

  public void setMetric(String metric) {
    this.metric = metric;
  }

  public String getOperator() {
    return operator;
  }

  public void setOperator(String operator) {
    this.operator = operator;
  }

  public Double getThreshold() {
    return threshold;
  }

  public void setThreshold(Double threshold) {
    this.threshold = threshold;
  }

  public Integer getDurationS() {
    return durationS;
  }

  public void setDurationS(Integer durationS) {
    this.durationS = durationS;
  }

  /** The host's name; empty for every host. */
  public String getHost() {
    return host;
  }

  public void setHost(String host) {
    this.host = host;
  }

  public String getWebhookUrl() {
    return webhookUrl;
  }

  public void setWebhookUrl(String webhookUrl) {
    this.webhookUrl = webhookUrl;
  }

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }
}
