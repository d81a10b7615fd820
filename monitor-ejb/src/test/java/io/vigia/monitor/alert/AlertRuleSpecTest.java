package io.vigia.monitor.alert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AlertRuleSpecTest {

  private static AlertRuleSpec cpu(double threshold, int durationS, String webhook) {
    return new AlertRuleSpec("cpu hot", "cpu_pct", ">", threshold, durationS, null, webhook, true);
  }

  @Test
  void acceptsAPlainCpuRule() {
    assertThat(cpu(90, 60, "https://hooks.example.com/vigia?k=1").problems()).isEmpty();
    assertThat(cpu(0, 0, "http://127.0.0.1:9000/hook").problems()).isEmpty();
    assertThat(cpu(100, AlertRuleSpec.MAX_DURATION_S, null).problems()).isEmpty();
  }

  @Test
  void refusesThresholdsOutsideZeroToHundredPercent() {
    assertThat(cpu(100.5, 60, null).problems()).singleElement().asString().startsWith("threshold:");
    assertThat(cpu(-1, 60, null).problems()).singleElement().asString().startsWith("threshold:");
    assertThat(cpu(Double.NaN, 60, null).problems()).hasSize(1);
  }

  @Test
  void refusesNegativeOrHugeDurations() {
    assertThat(cpu(90, -1, null).problems()).singleElement().asString().startsWith("durationS:");
    assertThat(cpu(90, AlertRuleSpec.MAX_DURATION_S + 1, null).problems()).hasSize(1);
  }

  @Test
  void refusesWebhooksThatAreNotAbsoluteHttpUrls() {
    for (String bad :
        new String[] {
          "ftp://example.com/x",
          "example.com/hook",
          "http://",
          "javascript:alert(1)",
          "http://user:pw@example.com/",
          "http://exa mple.com/",
          "file:///etc/passwd"
        }) {
      assertThat(cpu(90, 60, bad).problems())
          .as(bad)
          .singleElement()
          .asString()
          .startsWith("webhookUrl:");
    }
  }

  @Test
  void needsAKnownMetricAndAnOperatorForThresholdRules() {
    AlertRuleSpec noMetric = new AlertRuleSpec("x", "disk_pct", ">", 90.0, 0, null, null, true);
    AlertRuleSpec noOperator =
        new AlertRuleSpec("x", "ram_used_pct", ">=", 85.0, 0, null, null, true);
    AlertRuleSpec noThreshold =
        new AlertRuleSpec("x", "container_mem_pct", ">", null, 0, null, null, true);

    assertThat(noMetric.problems()).singleElement().asString().startsWith("metric:");
    assertThat(noOperator.problems()).singleElement().asString().startsWith("operator:");
    assertThat(noThreshold.problems()).singleElement().asString().startsWith("threshold:");
  }

  @Test
  void hostOfflineNeedsNeitherOperatorNorThreshold() {
    AlertRuleSpec offline =
        new AlertRuleSpec("gone", "host_offline", null, null, 0, 7L, null, true);

    assertThat(offline.problems()).isEmpty();
  }

  @Test
  void listsEveryProblemAtOnce() {
    AlertRuleSpec bad = new AlertRuleSpec(" ", "cpu_pct", null, 200.0, -5, null, "ftp://x", true);

    assertThat(bad.problems())
        .extracting(p -> p.substring(0, p.indexOf(':')))
        .containsExactlyInAnyOrder("name", "operator", "threshold", "durationS", "webhookUrl");
  }
}
