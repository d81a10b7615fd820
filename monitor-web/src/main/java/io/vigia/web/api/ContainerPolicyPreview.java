package io.vigia.web.api;

import io.vigia.monitor.container.PolicyPreview;
import io.vigia.wire.ContainerInfo;
import io.vigia.wire.PrunePlan;
import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a policy would do right now to the containers the hosts last reported: a dry run before it
 * is saved. Hosts that reported no container are counted, not listed.
 */
@JsonbNillable
@Schema(
    name = "ContainerPolicyPreview",
    description =
        "What a policy would do right now (scope: fleet, or host:ID for a host's override). hosts:"
            + " the hosts it applies to that reported containers, by name; overridden: the hosts a"
            + " fleet-wide policy leaves to their own override; hostsWithoutContainers: how many"
            + " hosts it applies to reported none. dryRun: agents would only report.")
public record ContainerPolicyPreview(
    String scope,
    boolean dryRun,
    List<HostPreview> hosts,
    List<String> overridden,
    int hostsWithoutContainers) {

  /** One host's containers as the policy would treat them. */
  @JsonbNillable
  @Schema(
      name = "HostPolicyPreview",
      description =
          "One host's containers under the policy, as it reported them at 'reported': how many"
              + " the classes keep, how many would be stopped and removed, how many no class"
              + " touches, and each container's fate")
  public record HostPreview(
      String host,
      Instant reported,
      long keep,
      long remove,
      long untouched,
      List<ContainerFate> containers) {}

  /** One container's fate and why. */
  @JsonbNillable
  @Schema(
      name = "ContainerFate",
      description =
          "What the policy would do with one container. fate: keep, remove, protected (labelled"
              + " vigia.protect=true), unselected (in no class) or leaving (being removed"
              + " already). className and rule: the class that selected it and its rule as events"
              + " name it; rank: its place in that class by the rule, from 1, of 'selected'"
              + " containers the class selected (all four null without a class). cpuPct (% of one"
              + " core) and memUsedBytes: its last figures.")
  public record ContainerFate(
      String id,
      String name,
      String image,
      String state,
      String fate,
      String className,
      String rule,
      Integer rank,
      Integer selected,
      Double cpuPct,
      Long memUsedBytes,
      Long memLimitBytes) {}

  static ContainerPolicyPreview of(String scope, boolean dryRun, PolicyPreview.Preview p) {
    return new ContainerPolicyPreview(
        scope,
        dryRun,
        p.hosts().stream().map(ContainerPolicyPreview::host).toList(),
        p.overridden(),
        p.withoutContainers());
  }

  private static HostPreview host(PolicyPreview.HostPlan h) {
    long keep = h.count(PrunePlan.Fate.KEEP);
    long remove = h.count(PrunePlan.Fate.REMOVE);
    return new HostPreview(
        h.host(),
        Instant.ofEpochMilli(h.reportedMs()),
        keep,
        remove,
        h.decisions().size() - keep - remove,
        h.decisions().stream().map(ContainerPolicyPreview::fate).toList());
  }

  private static ContainerFate fate(PrunePlan.Decision d) {
    ContainerInfo c = d.container();
    boolean inClass = d.containerClass() != null;
    return new ContainerFate(
        c.id(),
        c.name(),
        c.image(),
        c.state(),
        d.fate().name().toLowerCase(Locale.ROOT),
        inClass ? d.containerClass().name() : null,
        inClass ? PrunePlan.rule(d.containerClass()) : null,
        inClass ? d.rank() : null,
        inClass ? d.selected() : null,
        c.cpuPct(),
        c.memUsedBytes(),
        c.memLimitBytes());
  }
}
