package io.vigia.monitor.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventKindTest {

  @Test
  void isKnownByItsApiName() {
    assertThat(EventKind.byApiName("host_offline")).contains(EventKind.HOST_OFFLINE);
    assertThat(EventKind.byApiName("HOST_OFFLINE")).isEmpty();
    assertThat(EventKind.apiNames())
        .contains(
            "host_online",
            "host_offline",
            "alert_raised",
            "alert_cleared",
            "command_queued",
            "command_result");
  }

  @Test
  void cutsOverlongTextsInsteadOfFailing() {
    Event e =
        new Event(
            1,
            null,
            EventKind.HOST_ONLINE,
            Severity.INFO,
            "system",
            EventText.of("host.online", "x".repeat(600)),
            null);

    assertThat(e.getMessage()).hasSize(Event.MAX_MESSAGE).endsWith("…");
    assertThat(e.getKind()).isEqualTo("host_online");
  }
}
