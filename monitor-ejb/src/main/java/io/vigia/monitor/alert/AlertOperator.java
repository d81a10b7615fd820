package io.vigia.monitor.alert;

import java.util.Arrays;
import java.util.Optional;

/** How a rule compares a value with its threshold. */
public enum AlertOperator {
  ABOVE(">"),
  BELOW("<");

  private final String symbol;

  AlertOperator(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  public boolean holds(double value, double threshold) {
    return this == ABOVE ? value > threshold : value < threshold;
  }

  public static Optional<AlertOperator> bySymbol(String symbol) {
    return Arrays.stream(values()).filter(o -> o.symbol.equals(symbol)).findFirst();
  }
}
