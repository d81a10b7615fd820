package io.vigia.monitor.history;

/** A value kept in history: how it is read from a raw row, and its rollup columns' prefix. */
interface Measure {

  /** The name callers use in {@code ?metric=}. */
  String apiName();

  /** SQL over one raw row giving this value (null when unknown). */
  String rawExpression();

  /** Prefix of this value's {@code _min/_avg/_max} columns in the rollup tables. */
  String column();
}
