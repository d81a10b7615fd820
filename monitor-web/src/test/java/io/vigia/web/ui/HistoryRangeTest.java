package io.vigia.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HistoryRangeTest {

  private static final long NOW = Instant.parse("2026-11-29T21:00:00Z").toEpochMilli();

  @Test
  void readsSpansFromAMinuteTo400Days() {
    assertThat(HistoryRange.span("10m")).contains(Duration.ofMinutes(10));
    assertThat(HistoryRange.span("24h")).contains(Duration.ofHours(24));
    assertThat(HistoryRange.span("400d")).contains(Duration.ofDays(400));
    assertThat(HistoryRange.span("401d")).isEmpty();
    assertThat(HistoryRange.span("0h")).isEmpty();
    assertThat(HistoryRange.span("1w")).isEmpty();
    assertThat(HistoryRange.span("-1h")).isEmpty();
    assertThat(HistoryRange.span(null)).isEmpty();
  }

  @Test
  void endsALastSpanNow() {
    HistoryRange r = HistoryRange.lastSpan("1h", NOW).orElseThrow();
    assertThat(r.fromMs()).isEqualTo(NOW - 3_600_000);
    assertThat(r.toMs()).isEqualTo(NOW);
    assertThat(r.isFixed()).isFalse();
    assertThat(r.spec()).isEqualTo("1h");
    assertThat(r.query()).isEqualTo("range=1h");
  }

  @Test
  void takesFixedRangesInIsoOrEpochMillisAndWritesThemBack() {
    HistoryRange r = HistoryRange.between("2026-11-29T20:00:00Z", Long.toString(NOW)).orElseThrow();
    assertThat(r.lengthMs()).isEqualTo(3_600_000);
    assertThat(r.spec()).isEqualTo("2026-11-29T20:00:00Z/2026-11-29T21:00:00Z");
    assertThat(HistoryRange.ofSpec(r.spec(), 0)).contains(r);
    assertThat(HistoryRange.between("2026-11-29T21:00:00+01:00", "2026-11-29T21:00:00Z"))
        .map(HistoryRange::lengthMs)
        .contains(3_600_000L);
  }

  @Test
  void refusesRangesBackwardsTooShortTooLongOrUnreadable() {
    assertThat(HistoryRange.between("2026-11-29T21:00:00Z", "2026-11-29T20:00:00Z")).isEmpty();
    assertThat(HistoryRange.between("2026-11-29T21:00:00Z", "2026-11-29T21:00:30Z")).isEmpty();
    assertThat(HistoryRange.between("2025-01-01T00:00:00Z", "2026-11-29T21:00:00Z")).isEmpty();
    assertThat(HistoryRange.between("yesterday", "2026-11-29T21:00:00Z")).isEmpty();
    assertThat(HistoryRange.between(null, "2026-11-29T21:00:00Z")).isEmpty();
    assertThat(HistoryRange.ofSpec("nonsense", NOW)).isEmpty();
  }
}
