package io.vigia.monitor.history;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A container metric kept in history ({@code container_raw}, {@code container_1m}, ...). */
public enum ContainerMetric implements Measure {
  /** CPU as a share of one core, as the agent reports it (can pass 100). */
  CPU("cpu", "cpu_pct", "cpu_pct"),
  /** Memory used in bytes, as {@code docker stats} shows it. */
  MEM("mem", "CAST(mem_used_bytes AS DOUBLE)", "mem_used");

  private final String apiName;
  private final String rawExpression;
  private final String column;

  ContainerMetric(String apiName, String rawExpression, String column) {
    this.apiName = apiName;
    this.rawExpression = rawExpression;
    this.column = column;
  }

  @Override
  public String apiName() {
    return apiName;
  }

  @Override
  public String rawExpression() {
    return rawExpression;
  }

  @Override
  public String column() {
    return column;
  }

  public static Optional<ContainerMetric> byApiName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String n = name.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(m -> m.apiName.equals(n)).findFirst();
  }

  /** The API names, for error messages and documentation. */
  public static String apiNames() {
    return String.join(", ", Arrays.stream(values()).map(ContainerMetric::apiName).toList());
  }
}
