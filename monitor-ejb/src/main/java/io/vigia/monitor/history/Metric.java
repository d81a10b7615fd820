package io.vigia.monitor.history;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A host metric kept in history: its name in the API, how it is computed from a raw {@code sample}
 * row, and the column prefix of its {@code _min/_avg/_max} columns in the rollup tables.
 */
public enum Metric implements Measure {
  CPU("cpu", "cpu_pct", "cpu_pct"),
  RAM(
      "ram",
      "CASE WHEN mem_total_kb > 0 THEN 100 * CAST(mem_total_kb - mem_available_kb AS DOUBLE)"
          + " / mem_total_kb END",
      "ram_used_pct"),
  LOAD1("load1", "load1", "load1"),
  MEM_AVAILABLE_KB("mem_available_kb", "CAST(mem_available_kb AS DOUBLE)", "mem_available_kb"),
  SWAP_USED_KB("swap_used_kb", "CAST(swap_total_kb - swap_free_kb AS DOUBLE)", "swap_used_kb");

  private final String apiName;
  private final String rawExpression;
  private final String column;

  Metric(String apiName, String rawExpression, String column) {
    this.apiName = apiName;
    this.rawExpression = rawExpression;
    this.column = column;
  }

  /** The name callers use: {@code cpu}, {@code ram}, {@code load1}, ... */
  @Override
  public String apiName() {
    return apiName;
  }

  /** SQL over one row of {@code sample} giving this metric's value (null when unknown). */
  @Override
  public String rawExpression() {
    return rawExpression;
  }

  /** Prefix of this metric's columns in the rollup tables. */
  @Override
  public String column() {
    return column;
  }

  public static Optional<Metric> byApiName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String n = name.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(m -> m.apiName.equals(n)).findFirst();
  }

  /** The API names, for error messages and documentation. */
  public static String apiNames() {
    return String.join(", ", Arrays.stream(values()).map(Metric::apiName).toList());
  }
}
