package io.vigia.monitor.event;

import java.util.Optional;

/**
 * Which events to list; an empty field matches everything.
 *
 * @param sinceMs inclusive, epoch ms
 * @param untilMs exclusive, epoch ms
 */
public record EventFilter(
    Optional<Long> hostId,
    Optional<EventKind> kind,
    Optional<Long> sinceMs,
    Optional<Long> untilMs) {

  public static EventFilter all() {
    return new EventFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }
}
