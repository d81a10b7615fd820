package io.vigia.monitor;

import java.util.Collections;

/** Pieces of the SQL text that multi-row statements repeat: parameter tuples and OR-ed terms. */
public final class SqlText {

  private SqlText() {}

  /** {@code rows} tuples of {@code width} parameters: {@code (?, ?), (?, ?)}. */
  public static String tuples(int rows, int width) {
    String tuple = "(" + "?, ".repeat(width - 1) + "?)";
    return String.join(", ", Collections.nCopies(rows, tuple));
  }

  /** {@code n} parameters: {@code ?, ?, ?}. */
  public static String parameters(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }

  /** {@code term} {@code n} times, joined by OR: {@code (a = ?) OR (a = ?)}. */
  public static String anyOf(String term, int n) {
    return String.join(" OR ", Collections.nCopies(n, term));
  }
}
