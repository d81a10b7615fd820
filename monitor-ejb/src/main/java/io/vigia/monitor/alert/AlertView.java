package io.vigia.monitor.alert;

import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;

/**
 * An alert as the API shows it.
 *
 * @param container the container (its name, or short id) for container_mem_pct rules; else null
 * @param cleared null while the alert is open
 * @param value the value that raised it
 */
@JsonbNillable
public record AlertView(
    long id,
    long ruleId,
    String rule,
    String metric,
    String host,
    String container,
    Instant raised,
    Instant cleared,
    Double value,
    boolean active) {}
