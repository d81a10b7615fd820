package io.vigia.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class FormatsTest {

  private static final Locale EN = Locale.ENGLISH;

  @Test
  void saysShortSpansInSecondsAndLongerOnesInTheTwoLargestUnits() {
    assertThat(Formats.duration(0, EN)).isEqualTo("0 s");
    assertThat(Formats.duration(45, EN)).isEqualTo("45 s");
    assertThat(Formats.duration(60, EN)).isEqualTo("1 min");
    assertThat(Formats.duration(90, EN)).isEqualTo("90 s");
    assertThat(Formats.duration(330, EN)).isEqualTo("5 min 30 s");
    assertThat(Formats.duration(3600, EN)).isEqualTo("1 h");
    assertThat(Formats.duration(4176, EN)).isEqualTo("1 h 9 min");
    assertThat(Formats.duration(172_800, EN)).isEqualTo("2 d");
    assertThat(Formats.duration(3 * 86_400 + 4 * 3600 + 59, EN)).isEqualTo("3 d 4 h");
  }

  @Test
  void neverSaysANegativeSpan() {
    assertThat(Formats.duration(-5, EN)).isEqualTo("0 s");
  }

  @Test
  void groupsThousandsOfDaysAsEnglishDoes() {
    assertThat(Formats.duration(1234L * 86_400, EN)).isEqualTo("1,234 d");
  }
}
