package io.vigia.monitor.alert;

/** Which alerts a list holds: open now, cleared, or both. */
public enum AlertState {
  OPEN,
  CLEARED,
  ANY;

  String where() {
    return switch (this) {
      case OPEN -> " WHERE a.clearedMs IS NULL";
      case CLEARED -> " WHERE a.clearedMs IS NOT NULL";
      case ANY -> "";
    };
  }
}
