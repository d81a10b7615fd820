package io.vigia.web.api;

import io.vigia.monitor.container.ContainerPolicies;
import io.vigia.wire.ContainerClass;
import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A stored prune policy: the fleet's ({@code host} null) or a host's override. */
@JsonbNillable
@Schema(name = "ContainerPolicyView", description = "A stored prune policy and who wrote it last")
public record ContainerPolicyView(
    String scope,
    String host,
    String version,
    boolean dryRun,
    List<ContainerClass> classes,
    Instant updated,
    String updatedBy) {

  static ContainerPolicyView of(ContainerPolicies.Stored s, String host) {
    return new ContainerPolicyView(
        s.scope(),
        host,
        s.policy().version(),
        s.policy().dryRun(),
        s.policy().classes(),
        Instant.ofEpochMilli(s.updatedMs()),
        s.updatedBy());
  }
}
