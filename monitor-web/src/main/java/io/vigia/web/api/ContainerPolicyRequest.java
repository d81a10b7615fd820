package io.vigia.web.api;

import io.vigia.wire.ContainerClass;
import io.vigia.wire.ContainerPolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The prune policy as an admin writes it: classes in order, and whether it is a dry run. */
@Schema(
    name = "ContainerPolicyRequest",
    description =
        "Classes select containers by label (key=value, or key) and/or image glob; each keeps"
            + " `keep` containers by keepBy (newest, least-cpu, most-cpu, least-memory,"
            + " most-memory) and the agent stops and removes the rest. Containers in no class, or"
            + " labelled vigia.protect=true, are never touched. dryRun: only report.")
public record ContainerPolicyRequest(
    boolean dryRun, @NotNull @Size(max = 100) List<@Valid @NotNull ContainerClass> classes) {

  /** The policy as the agents' planner takes it, for a preview: it has no version yet. */
  public ContainerPolicy asPolicy() {
    return new ContainerPolicy("preview", dryRun, classes);
  }
}
