package io.vigia.wire;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The prune policy in force for one host, as the monitor delivers it in a push reply. The agent
 * applies it every interval: each class keeps {@code keep} of the containers it selects and stops
 * and removes the rest. A container selected by no class, or labelled {@code vigia.protect=true},
 * is never touched.
 *
 * @param version changes whenever the policy does; the agent sends back the one it holds, and the
 *     monitor sends the policy again only when they differ. {@code "none"} with no classes: no
 *     policy
 * @param dryRun when true the agent reports what it would remove ({@code prune-dry-run} events) and
 *     touches nothing
 * @param classes in order; a container belongs to the first class that selects it
 */
public record ContainerPolicy(
    @NotNull @Size(max = 64) String version,
    boolean dryRun,
    @Size(max = 100) List<@Valid @NotNull ContainerClass> classes) {

  /** The label that keeps a container out of every class. */
  public static final String PROTECT_LABEL = "vigia.protect";

  /** No policy: nothing is pruned. */
  public static final ContainerPolicy NONE = new ContainerPolicy("none", false, List.of());
}
