package io.vigia.web.api;

import io.vigia.monitor.container.ContainerRow;
import jakarta.json.bind.annotation.JsonbNillable;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One container of the fleet-wide ranking, with its host: its latest figures, or over a span its
 * means ({@code cpuPct}, {@code memUsedBytes}) and peaks ({@code cpuPctMax}, {@code
 * memUsedMaxBytes}) from {@code samples} samples; {@code state} {@code gone} for a container no
 * longer in its host's latest batch.
 */
@JsonbNillable
@Schema(
    name = "TopContainerView",
    description = "A container and its latest figures, or its means and peaks over a span")
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
    Double memPct,
    Double cpuPctMax,
    Long memUsedMaxBytes,
    Long samples) {

  static TopContainerView of(ContainerRow r) {
    return new TopContainerView(
        r.host(),
        r.id(),
        r.name(),
        r.image(),
        r.state(),
        r.cpuPct(),
        r.cpuPctOfLimit(),
        r.memUsedBytes(),
        r.memLimitBytes(),
        r.memPct(),
        r.cpuPctMax(),
        r.memUsedMaxBytes(),
        r.samples());
  }
}
