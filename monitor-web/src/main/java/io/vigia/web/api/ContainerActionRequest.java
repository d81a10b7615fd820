package io.vigia.web.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An operator's request to start, stop, kill or remove one container. */
@Schema(
    name = "ContainerActionRequest",
    description =
        "start; stop (SIGTERM, then SIGKILL after timeoutS, 10 when absent); kill (SIGKILL);"
            + " remove (a stopped container)")
public record ContainerActionRequest(
    @NotNull @Pattern(regexp = "start|stop|kill|remove") String action,
    @PositiveOrZero @Max(3600) Integer timeoutS,
    @Size(max = 255) String reason) {

  // Declared, so the constraints stay off its parameters (see KillRequest).
  public ContainerActionRequest(String action, Integer timeoutS, String reason) {
    this.action = action;
    this.timeoutS = timeoutS;
    this.reason = reason;
  }
}
