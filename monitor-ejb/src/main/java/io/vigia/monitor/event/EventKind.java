package io.vigia.monitor.event;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What an event is about; stored and shown by its API name ({@code host_online}, ...). */
public enum EventKind {
  HOST_ONLINE,
  HOST_OFFLINE,
  ALERT_RAISED,
  ALERT_CLEARED,
  COMMAND_QUEUED,
  COMMAND_RESULT,
  TOKEN_REVOKED,
  /** an agent's report: a Docker engine event or a prune-policy action */
  CONTAINER,
  /** an admin added a user, changed their role, disabled or enabled them, reset their password */
  USER_CHANGED,
  /** an admin generated a new fleet key; the one before stops working */
  FLEET_KEY_ROTATED;

  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<EventKind> byApiName(String name) {
    return Arrays.stream(values()).filter(k -> k.apiName().equals(name)).findFirst();
  }

  public static List<String> apiNames() {
    return Arrays.stream(values()).map(EventKind::apiName).toList();
  }
}
