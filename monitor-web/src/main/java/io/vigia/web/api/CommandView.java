package io.vigia.web.api;

import io.vigia.monitor.command.AgentCommand;
import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A command as the API shows it: what was asked, by whom, and what became of it. */
@JsonbNillable
@Schema(name = "CommandView", description = "A command, who asked and why, and what became of it")
public record CommandView(
    long id,
    String host,
    String type,
    Integer pid,
    Long startTicks,
    String containerId,
    Integer timeoutS,
    String state,
    String detail,
    String requestedBy,
    String reason,
    Instant created,
    Instant sent,
    Instant finished,
    Instant expires) {

  static CommandView of(AgentCommand c, String host) {
    return new CommandView(
        c.getId(),
        host,
        c.getType(),
        c.getPid(),
        c.getStartTicks(),
        c.getContainerId(),
        c.getTimeoutS(),
        c.getState().name().toLowerCase(Locale.ROOT),
        c.getDetail(),
        c.getRequestedBy(),
        c.getReason(),
        Instant.ofEpochMilli(c.getCreatedMs()),
        c.getSentMs() == null ? null : Instant.ofEpochMilli(c.getSentMs()),
        c.getFinishedMs() == null ? null : Instant.ofEpochMilli(c.getFinishedMs()),
        Instant.ofEpochMilli(c.getExpiresMs()));
  }
}
