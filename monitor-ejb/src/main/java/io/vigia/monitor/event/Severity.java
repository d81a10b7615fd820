package io.vigia.monitor.event;

import java.util.Locale;

/** How much an event deserves attention. */
public enum Severity {
  INFO,
  WARNING,
  CRITICAL;

  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
