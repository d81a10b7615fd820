package io.vigia.web.metrics;

import java.util.Locale;

/**
 * Writes the Prometheus text exposition format (version 0.0.4): each family with its HELP and TYPE
 * line, then its samples. Values in base units (seconds, not nanoseconds), as Prometheus' naming
 * rules and {@code promtool check metrics} want.
 */
final class PrometheusText {

  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final StringBuilder out = new StringBuilder(1024);

  PrometheusText family(String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    return this;
  }

  PrometheusText sample(String name, double value) {
    out.append(name).append(' ').append(number(value)).append('\n');
    return this;
  }

  PrometheusText sample(String name, String label, String labelValue, double value) {
    out.append(name)
        .append('{')
        .append(label)
        .append("=\"")
        .append(escapeLabel(labelValue))
        .append("\"} ")
        .append(number(value))
        .append('\n');
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }

  /** Go's float formatting as Prometheus reads it: integers without ".0", NaN and ±Inf spelled. */
  static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%s", v);
  }

  private static String escapeHelp(String s) {
    return s.replace("\\", "\\\\").replace("\n", "\\n");
  }

  private static String escapeLabel(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
