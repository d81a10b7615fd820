package io.vigia.agent.command;

import io.vigia.agent.source.DockerApi;
import io.vigia.wire.Command;
import io.vigia.wire.CommandResult;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Carries out a container action from the monitor through the Docker engine: {@code
 * container-start}, {@code container-stop} (SIGTERM, then SIGKILL after the timeout), {@code
 * container-kill} (SIGKILL), {@code container-remove} (a stopped container; a running one is
 * refused by the engine). Refused when {@code containers.actions.enabled=false}.
 */
public final class ContainerCommand {

  private static final Logger LOG = Logger.getLogger(ContainerCommand.class.getName());

  /** A container id or name as Docker allows them; nothing that could leave the URL path. */
  static final Pattern CONTAINER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

  private final boolean enabled;
  private final Supplier<Optional<DockerApi>> docker;

  public ContainerCommand(boolean enabled, Supplier<Optional<DockerApi>> docker) {
    this.enabled = enabled;
    this.docker = docker;
  }

  static boolean handles(String type) {
    return type != null && type.startsWith("container-");
  }

  public CommandResult run(Command c) {
    if (!enabled) {
      return result(c, "refused", "container actions are disabled on this host");
    }
    String id = c.containerId();
    if (id == null || !CONTAINER.matcher(id).matches()) {
      return result(c, "refused", "no valid container id");
    }
    Optional<DockerApi> api = docker.get();
    if (api.isEmpty()) {
      return result(c, "failed", "no Docker engine configured on this host");
    }
    DockerApi d = api.get();
    try {
      return switch (c.type()) {
        case "container-start" -> outcome(c, d.start(id), "started", "already running");
        case "container-stop" -> outcome(c, d.stop(id, c.timeoutS()), "stopped", "not running");
        case "container-kill" -> outcome(c, d.kill(id), "killed", null);
        case "container-remove" -> outcome(c, d.remove(id, false), "removed", null);
        default -> result(c, "refused", "unknown command '" + c.type() + "'");
      };
    } catch (IOException e) {
      return result(c, "failed", "Docker engine: " + e.getMessage());
    }
  }

  private static CommandResult outcome(
      Command c, DockerApi.Answer a, String done, String notModified) {
    int s = a.status();
    if (s == 204 || s == 200) {
      return result(c, "done", done);
    }
    if (s == 304) {
      return result(c, "done", notModified == null ? done : notModified);
    }
    if (s == 404) {
      return result(c, "gone", "no such container");
    }
    return result(c, "failed", "Docker answered " + s + ": " + message(a));
  }

  private static String message(DockerApi.Answer a) {
    String text = a.text().trim();
    int i = text.indexOf("\"message\":\"");
    if (i >= 0) {
      int end = text.indexOf('"', i + 11);
      text = text.substring(i + 11, end < 0 ? text.length() : end);
    }
    return text.length() > 500 ? text.substring(0, 500) : text;
  }

  private static CommandResult result(Command c, String status, String detail) {
    LOG.info(
        () ->
            "command "
                + c.id()
                + " ("
                + c.type()
                + " "
                + c.containerId()
                + "): "
                + status
                + " — "
                + detail);
    return new CommandResult(c.id(), status, detail);
  }
}
