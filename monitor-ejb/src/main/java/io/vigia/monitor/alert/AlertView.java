package io.vigia.monitor.alert;

import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;

/**
 * An alert as the API shows it.
 *
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
    Instant raised,
    Instant cleared,
    Double value,
    boolean active) {}
