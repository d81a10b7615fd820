package io.vigia.monitor.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

/**
 * Event texts: in English as the API has always written them, in Spanish from the bundle with
 * host-given names left as they are, and the same after a trip through their stored JSON.
 */
class EventTextTest {

  /** Spanish as a page words it, times and spans kept simple. */
  static final EventText.Wording SPANISH =
      new EventText.Wording() {
        @Override
        public ResourceBundle bundle() {
          return ResourceBundle.getBundle(EventText.BUNDLE, Locale.forLanguageTag("es"));
        }

        @Override
        public String number(EventText.Num n) {
          NumberFormat f = NumberFormat.getNumberInstance(Locale.forLanguageTag("es"));
          f.setMaximumFractionDigits(n.digits() == null ? 2 : n.digits());
          f.setMinimumFractionDigits(n.digits() == null ? 0 : n.digits());
          return f.format(n.value());
        }

        @Override
        public String time(long ms) {
          return "t" + ms;
        }

        @Override
        public String span(long ms) {
          return ms / 1000 + " s";
        }
      };

  private static final EventText ALERT =
      EventText.of(
          "alert.raised",
          "cpu 'hot'",
          EventText.of("alert.onContainer", "web-1", "db"),
          new EventText.Num(93.33333333333333, null));

  private static final EventText RESULT =
      EventText.of(
          "command.result",
          "7",
          new EventText.Word("state", "done"),
          EventText.of("command.pid", new EventText.Word("command", "kill"), "42"),
          "admin");

  private static final EventText PRUNED =
      EventText.of(
          "container.pruned", EventText.of("container.named", "filler-1", "4f1c"), "c", "r");

  private static final EventText PRUNED_DETAIL =
      EventText.parts(
              List.of(
                  EventText.of("container.exitCode", "137"),
                  EventText.of("container.cpu", new EventText.Num(49.75, 1)),
                  EventText.of(
                      "container.memoryOf", new EventText.Num(1.0, 1), new EventText.Num(2.0, 1)),
                  EventText.literal("<b>stopped</b>")))
          .orElseThrow();

  @Test
  void wordsTheApisEnglishAsItAlwaysRead() {
    assertThat(ALERT.in(EventText.API))
        .isEqualTo("alert 'cpu 'hot'' raised on web-1, container db (value 93.33333333333333)");
    assertThat(PRUNED.in(EventText.API))
        .isEqualTo("container filler-1 (4f1c) stopped and removed by class c, rule r");
    assertThat(PRUNED_DETAIL.in(EventText.API))
        .isEqualTo(
            "exit code 137; last CPU 49.8 %; last memory 1.0 MiB of 2.0 MiB; <b>stopped</b>");
    assertThat(
            EventText.of("host.unseen", new EventText.Time(0), new EventText.Span(5000))
                .in(EventText.API))
        .isEqualTo("no batch since 1970-01-01T00:00:00Z (over PT5S)");
    assertThat(RESULT.in(EventText.API)).isEqualTo("command 7 done: kill pid 42 (asked by admin)");
  }

  @Test
  void wordsSpanishFromTheBundleAndLeavesNamesAsTheyAre() {
    assertThat(ALERT.in(SPANISH))
        .isEqualTo("alerta «cpu 'hot'» abierta en web-1, contenedor db (valor 93,33)");
    assertThat(PRUNED_DETAIL.in(SPANISH))
        .isEqualTo(
            "código de salida 137; última CPU 49,8 %; última memoria 1,0 MiB de 2,0 MiB;"
                + " <b>stopped</b>");
    assertThat(RESULT.in(SPANISH)).isEqualTo("orden 7 hecha: matar pid 42 (pedida por admin)");
    // A term the bundle has no word for is shown as it is.
    assertThat(
            EventText.of(
                    "container.action", "web", new EventText.Word("action", "health_status: ok"))
                .in(SPANISH))
        .isEqualTo("contenedor web: health_status: ok");
  }

  @Test
  void readsBackWhatItStored() {
    for (EventText t : List.of(ALERT, RESULT, PRUNED, PRUNED_DETAIL)) {
      assertThat(EventText.fromJson(t.toJson())).contains(t);
    }
    assertThat(EventText.fromJson(null)).isEmpty();
    assertThat(EventText.fromJson("not json")).isEmpty();
  }
}
