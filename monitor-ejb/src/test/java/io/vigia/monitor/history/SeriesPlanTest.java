package io.vigia.monitor.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SeriesPlanTest {

  private static final long S = 1_000L;
  private static final long M = 60 * S;
  private static final long H = 60 * M;
  private static final long D = 24 * H;
  private static final long NOW = 1_800_000_000_000L; // on no particular boundary

  static final HistorySettings DEFAULTS =
      HistorySettings.of(
          Duration.ofHours(48),
          Duration.ofDays(30),
          Duration.ofDays(400),
          Duration.ofSeconds(10),
          10_000);

  private static SeriesPlan plan(long from, long to, int points) {
    return SeriesPlan.of(from, to, points, NOW, DEFAULTS);
  }

  @Test
  void readsRawSamplesWhenEachPointIsShorterThanAMinute() {
    SeriesPlan p = plan(NOW - H, NOW, 600);

    assertThat(p.resolution()).isEqualTo(Resolution.RAW);
    assertThat(p.stepMs()).isEqualTo(6 * S);
    assertThat(p.maxPoints()).isLessThanOrEqualTo(600);
  }

  @Test
  void readsMinutesForAWeekInSixHundredPoints() {
    SeriesPlan p = plan(NOW - 7 * D, NOW, 600);

    assertThat(p.resolution()).isEqualTo(Resolution.MINUTE);
    assertThat(p.stepMs() % M).isZero();
    assertThat(p.startMs() % M).isZero();
    assertThat(p.maxPoints()).isLessThanOrEqualTo(600);
  }

  @Test
  void readsHoursWhenEachPointSpansAnHourOrMore() {
    SeriesPlan p = plan(NOW - 20 * D, NOW, 100);

    assertThat(p.resolution()).isEqualTo(Resolution.HOUR);
    assertThat(p.stepMs()).isEqualTo(5 * H);
    assertThat(p.maxPoints()).isLessThanOrEqualTo(100);
  }

  @Test
  void movesToACoarserLevelWhenTheFinerNoLongerReachesBackToFrom() {
    assertThat(plan(NOW - 49 * H, NOW, 10_000).resolution()).isEqualTo(Resolution.MINUTE);
    assertThat(plan(NOW - 31 * D, NOW - 30 * D, 10_000).resolution()).isEqualTo(Resolution.HOUR);
    assertThat(plan(NOW - 47 * H, NOW, 10_000).resolution()).isEqualTo(Resolution.RAW);
  }

  @Test
  void neverPlansMorePointsThanAskedForOnUnevenRanges() {
    for (int points = 1; points <= 50; points++) {
      for (long from : new long[] {NOW - 7 * S, NOW - 3 * H - 17 * S, NOW - 9 * D - 1}) {
        SeriesPlan p = plan(from, NOW, points);
        assertThat(p.maxPoints()).as("%s points from %s", points, from).isLessThanOrEqualTo(points);
        assertThat(p.startMs()).isLessThanOrEqualTo(from);
        assertThat(p.stepMs() % p.resolution().bucketMs()).isZero();
      }
    }
  }

  @Test
  void refusesAnEmptyRangeOrNoPoints() {
    assertThatThrownBy(() -> plan(NOW, NOW, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> plan(NOW, NOW - 1, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> plan(NOW - H, NOW, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
