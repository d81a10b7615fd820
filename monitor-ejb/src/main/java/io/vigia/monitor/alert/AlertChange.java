package io.vigia.monitor.alert;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbTransient;
import java.time.Instant;

/**
 * An alert raised or cleared by one evaluation: what the evaluate endpoint answers, and what a
 * rule's webhook is sent.
 *
 * @param container the container (its name, or short id) for container_mem_pct rules; else null
 * @param state {@code raised} or {@code cleared}
 * @param value the value that decided it (seconds since the last batch for host_offline); null when
 *     a container's alert was cleared because the container stopped or went away
 */
@JsonbNillable
public record AlertChange(
    long alertId,
    long ruleId,
    String rule,
    String host,
    String container,
    String state,
    Double value,
    Instant at,
    @JsonbTransient String webhookUrl) {

  public static final String RAISED = "raised";
  public static final String CLEARED = "cleared";
}
