package io.vigia.monitor.alert;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a rule watches; stored and shown by its API name ({@code cpu_pct}, ...). */
public enum AlertMetric {
  /** A host's CPU use, percent of all cores. */
  CPU_PCT,
  /** A host's RAM in use, 100 * (total - available) / total. */
  RAM_USED_PCT,
  /** A container's memory use, percent of its limit (containers without a limit never match). */
  CONTAINER_MEM_PCT,
  /** No batch from the host for {@code vigia.alert.offline-after} (plus the rule's duration). */
  HOST_OFFLINE;

  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the rule compares a value with a threshold (all but host_offline). */
  public boolean hasThreshold() {
    return this != HOST_OFFLINE;
  }

  public static Optional<AlertMetric> byApiName(String name) {
    return Arrays.stream(values()).filter(m -> m.apiName().equals(name)).findFirst();
  }

  public static List<String> apiNames() {
    return Arrays.stream(values()).map(AlertMetric::apiName).toList();
  }
}
