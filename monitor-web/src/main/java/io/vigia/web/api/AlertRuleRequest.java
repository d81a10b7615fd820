package io.vigia.web.api;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An admin's alert rule, as sent to {@code POST}/{@code PUT /api/v1/alert-rules}. Field checks
 * beyond sizes (metric, operator, threshold range, duration, webhook URL) are the rule's own, see
 * {@code AlertRuleSpec}.
 *
 * @param metric {@code cpu_pct}, {@code ram_used_pct}, {@code container_mem_pct} or {@code
 *     host_offline}
 * @param operator {@code >} or {@code <}; not needed for host_offline
 * @param threshold percent, 0 to 100; not needed for host_offline
 * @param durationS seconds the condition must hold; absent: 0
 * @param host the host's name; absent: every host
 * @param webhookUrl http(s) URL POSTed on every raise and clear; absent: none
 * @param enabled absent: true
 */
@Schema(name = "AlertRuleRequest", description = "An alert rule as an admin sends it")
public record AlertRuleRequest(
    @Size(max = 128) String name,
    @Size(max = 32) String metric,
    @Size(max = 1) String operator,
    Double threshold,
    Integer durationS,
    @Size(max = 255) String host,
    @Size(max = 1024) String webhookUrl,
    Boolean enabled) {}
