package io.vigia.monitor.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AlertEvaluatorTest {

  @Test
  void ramUsedIsTotalMinusAvailableOverTotal() {
    assertThat(AlertEvaluator.ramUsedPct(8_000_000L, 6_000_000L)).isEqualTo(25.0);
    assertThat(AlertEvaluator.ramUsedPct(null, 6_000_000L)).isNull();
    assertThat(AlertEvaluator.ramUsedPct(0L, 0L)).isNull();
  }

  @Test
  void readsTheRuleMetricFromSampleRows() {
    List<Object[]> rows =
        List.<Object[]>of(new Object[] {1L, 42.5, 100L, 10L}, new Object[] {2L, null, null, 5L});

    assertThat(AlertEvaluator.readings(AlertMetric.CPU_PCT, rows))
        .containsExactly(new Reading(1, 42.5), new Reading(2, null));
    assertThat(AlertEvaluator.readings(AlertMetric.RAM_USED_PCT, rows))
        .containsExactly(new Reading(1, 90.0), new Reading(2, null));
  }
}
