package io.vigia.monitor.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which levels a series is read from, by how far each is rolled up. */
class SeriesSourcesTest {

  private static final long M = 60_000L;
  private static final long H = 60 * M;
  private static final long NOW = 1_800_000_000_000L; // on the hour

  private static SeriesPlan plan(long span) {
    return SeriesPlan.of(NOW - span, NOW, 300, NOW, SeriesPlanTest.DEFAULTS);
  }

  @Test
  void readsRawSamplesAloneForAShortRange() {
    SeriesPlan p = plan(H);

    assertThat(SeriesQuery.sources(p, level -> NOW))
        .containsExactly(new SeriesSource(Resolution.RAW, p.startMs(), NOW));
  }

  @Test
  void readsOnlyTheRollupsWhenTheyReachTheEnd() {
    SeriesPlan p = plan(24 * H);

    assertThat(SeriesQuery.sources(p, level -> NOW + M))
        .containsExactly(new SeriesSource(Resolution.MINUTE, p.startMs(), NOW));
  }

  @Test
  void readsTheMinutesNotRolledUpYetFromRawSamples() {
    SeriesPlan p = plan(24 * H);
    long done = NOW - 2 * M;

    assertThat(p.resolution()).isEqualTo(Resolution.MINUTE);
    assertThat(SeriesQuery.sources(p, level -> done))
        .containsExactly(
            new SeriesSource(Resolution.MINUTE, p.startMs(), done),
            new SeriesSource(Resolution.RAW, done, NOW));
  }

  @Test
  void readsEverythingRawBeforeTheFirstRollup() {
    SeriesPlan p = plan(24 * H);

    assertThat(SeriesQuery.sources(p, level -> 0L))
        .containsExactly(new SeriesSource(Resolution.RAW, p.startMs(), NOW));
  }

  @Test
  void readsHoursThenMinutesThenRawSamples() {
    SeriesPlan p = plan(30 * 24 * H);
    Map<Resolution, Long> done = Map.of(Resolution.HOUR, NOW - H, Resolution.MINUTE, NOW - M);

    assertThat(p.resolution()).isEqualTo(Resolution.HOUR);
    assertThat(SeriesQuery.sources(p, done::get))
        .containsExactly(
            new SeriesSource(Resolution.HOUR, p.startMs(), NOW - H),
            new SeriesSource(Resolution.MINUTE, NOW - H, NOW - M),
            new SeriesSource(Resolution.RAW, NOW - M, NOW));
  }

  @Test
  void skipsMinutesThatAreNotAheadOfTheHours() {
    SeriesPlan p = plan(30 * 24 * H);
    Map<Resolution, Long> done = Map.of(Resolution.HOUR, NOW - H, Resolution.MINUTE, NOW - 2 * H);

    assertThat(SeriesQuery.sources(p, done::get))
        .containsExactly(
            new SeriesSource(Resolution.HOUR, p.startMs(), NOW - H),
            new SeriesSource(Resolution.RAW, NOW - H, NOW));
  }
}
