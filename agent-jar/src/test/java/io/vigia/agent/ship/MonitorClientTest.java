package io.vigia.agent.ship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MonitorClientTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  /** Builds a client and closes it again; only the constructor's check is under test. */
  private static void open(String url, boolean insecure) throws Exception {
    try (MonitorClient client = new MonitorClient(URI.create(url), TIMEOUT, insecure)) {
      assertThat(client).isNotNull();
    }
  }

  // Addresses are literals (192.0.2.0/24 and 198.51.100.0/24 are reserved for documentation), so
  // no test waits on DNS.

  @ParameterizedTest
  @ValueSource(strings = {"http://192.0.2.10:8080/", "HTTP://198.51.100.7/", "http://10.0.0.1/"})
  void refusesPlainHttpToANonLoopbackHost(String url) {
    assertThatThrownBy(() -> open(url, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("refusing plain HTTP to " + URI.create(url).getHost())
        .hasMessageContaining("--insecure=true");
  }

  @Test
  void allowsPlainHttpToANonLoopbackHostWhenInsecure() {
    assertThatCode(() -> open("http://192.0.2.10:8080/", true)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:8080/",
        "http://localhost:8080/",
        "http://LOCALHOST/",
        "http://127.0.0.53/",
        "http://[::1]:8080/"
      })
  void allowsPlainHttpToLoopback(String url) {
    assertThatCode(() -> open(url, false)).doesNotThrowAnyException();
  }

  @Test
  void allowsHttpsToAnyHost() {
    assertThatCode(() -> open("https://192.0.2.10:8181/", false)).doesNotThrowAnyException();
  }

  @Test
  void urlWithoutAHostIsNotLoopback() {
    assertThat(MonitorClient.isLoopback(null)).isFalse();
  }
}
