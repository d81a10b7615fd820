package io.vigia.monitor.alert;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Alert settings (MicroProfile Config, {@code vigia.alert.*}; env {@code VIGIA_ALERT_*}). */
@ApplicationScoped
public class AlertSettings {

  @Inject
  @ConfigProperty(name = "vigia.alert.offline-after", defaultValue = "PT5S")
  Duration offlineAfter;

  @Inject
  @ConfigProperty(name = "vigia.alert.max-sample-gap", defaultValue = "PT5S")
  Duration maxSampleGap;

  @Inject
  @ConfigProperty(name = "vigia.alert.webhook-timeout", defaultValue = "PT3S")
  Duration webhookTimeout;

  /** For tests and tools outside a container. */
  public static AlertSettings of(Duration offlineAfter, Duration maxSampleGap, Duration timeout) {
    AlertSettings s = new AlertSettings();
    s.offlineAfter = offlineAfter;
    s.maxSampleGap = maxSampleGap;
    s.webhookTimeout = timeout;
    return s;
  }

  /** A host with no batch for this long is offline: 3 intervals of 1 s plus 2 s of grace. */
  public Duration offlineAfter() {
    return offlineAfter;
  }

  /**
   * Samples this far apart still count as continuous: a condition "held for 60 s" needs a sample
   * within this time of the window's start.
   */
  public Duration maxSampleGap() {
    return maxSampleGap;
  }

  /** Connect and answer timeout of a webhook POST. */
  public Duration webhookTimeout() {
    return webhookTimeout;
  }
}
