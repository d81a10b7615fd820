package io.vigia.web.api;

import jakarta.json.bind.annotation.JsonbNillable;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One container of the fleet-wide ranking, with its host. */
@JsonbNillable
@Schema(name = "TopContainerView", description = "A container and its latest figures")
public record TopContainerView(
    String host,
    String id,
    String name,
    String image,
    String state,
    Double cpuPct,
    Double cpuPctOfLimit,
    Long memUsedBytes,
    Long memLimitBytes,
    Double memPct) {}
