package io.vigia.monitor.command;

import io.vigia.monitor.host.Host;
import io.vigia.monitor.host.MonitorSettings;
import io.vigia.wire.Command;
import io.vigia.wire.CommandResult;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

/** Queues commands, hands them to agents in push replies, and records what agents answer. */
@Stateless
public class CommandQueue {

  private static final Logger LOG = Logger.getLogger(CommandQueue.class.getName());
  private static final List<CommandState> OPEN = List.of(CommandState.QUEUED, CommandState.SENT);

  @PersistenceContext(unitName = "vigia")
  private EntityManager em;

  @Inject private MonitorSettings settings;
  @Inject private io.vigia.monitor.event.EventLog events;
  @Inject private Event<CommandsQueued> queued;

  /** Queues a kill of the process {@code pid} that started at {@code startTicks}. */
  public AgentCommand queueKill(
      long hostId, int pid, long startTicks, String requestedBy, String reason, long now) {
    AgentCommand c =
        AgentCommand.kill(
            hostId, pid, startTicks, requestedBy, reason, now, settings.commandTtl().toMillis());
    em.persist(c);
    em.find(Host.class, hostId).commandsQueued();
    em.flush();
    events.commandQueued(c);
    queued.fire(new CommandsQueued(hostId));
    LOG.info(
        () ->
            "user "
                + requestedBy
                + " queued kill of pid "
                + pid
                + " on host #"
                + hostId
                + (reason == null ? "" : " (" + reason + ")"));
    return c;
  }

  /**
   * Queues a container action ({@code start}, {@code stop}, {@code kill}, {@code remove}) for the
   * host's agent, which carries it out through its Docker engine unless its {@code
   * containers.actions.enabled} is false.
   */
  public AgentCommand queueContainerAction(
      long hostId,
      String action,
      String containerId,
      Integer timeoutS,
      String requestedBy,
      String reason,
      long now) {
    AgentCommand c =
        AgentCommand.containerAction(
            hostId,
            "container-" + action,
            containerId,
            timeoutS,
            requestedBy,
            reason,
            now,
            settings.commandTtl().toMillis());
    em.persist(c);
    em.find(Host.class, hostId).commandsQueued();
    em.flush();
    events.commandQueued(c);
    queued.fire(new CommandsQueued(hostId));
    LOG.info(
        () ->
            "user "
                + requestedBy
                + " queued container "
                + action
                + " of "
                + containerId
                + " on host #"
                + hostId);
    return c;
  }

  /**
   * A push's command traffic, in one transaction: records the results the agent reports, then hands
   * over the host's queued, unexpired commands (now marked sent). Holds the host row, so the
   * pending flag is read and cleared safely against an operator queueing at the same moment.
   */
  public List<Command> exchange(long hostId, List<CommandResult> results, long now) {
    Host host = em.find(Host.class, hostId, LockModeType.PESSIMISTIC_WRITE);
    if (host == null) {
      return List.of();
    }
    if (results != null && !results.isEmpty()) {
      record(hostId, results, now);
    }
    return deliver(host, now);
  }

  private List<Command> deliver(Host host, long now) {
    long hostId = host.getId();
    if (!host.takeCommandsPending()) {
      return List.of();
    }
    List<AgentCommand> due =
        em.createNamedQuery("AgentCommand.findDue", AgentCommand.class)
            .setParameter("hostId", hostId)
            .setParameter("state", CommandState.QUEUED)
            .setParameter("now", now)
            .getResultList();
    due.forEach(c -> c.sent(now));
    return due.stream()
        .map(
            c ->
                new Command(
                    c.getId(),
                    c.getType(),
                    c.getPid(),
                    c.getStartTicks(),
                    c.getContainerId(),
                    c.getTimeoutS()))
        .toList();
  }

  /**
   * Records results the host's agent reports. A result for another host's command, or for a command
   * already finished, changes nothing.
   */
  private void record(long hostId, List<CommandResult> results, long now) {
    for (CommandResult r : results) {
      AgentCommand c = em.find(AgentCommand.class, r.commandId());
      if (c == null || c.getHostId() != hostId || c.getState().isFinal()) {
        continue;
      }
      CommandState state = CommandState.valueOf(r.status().toUpperCase(Locale.ROOT));
      c.finished(state, r.detail(), now);
      events.commandResult(c, now);
      LOG.info(
          () ->
              "command "
                  + c.getId()
                  + " ("
                  + c.getType()
                  + " pid "
                  + c.getPid()
                  + "): "
                  + state
                  + (r.detail() == null ? "" : " — " + r.detail()));
    }
  }

  /** Marks every open command past its deadline as expired; returns how many. */
  public int expire(long now) {
    return em.createNamedQuery("AgentCommand.expire")
        .setParameter("expired", CommandState.EXPIRED)
        .setParameter("open", OPEN)
        .setParameter("now", now)
        .executeUpdate();
  }

  public List<AgentCommand> ofHost(long hostId) {
    return em.createNamedQuery("AgentCommand.findByHost", AgentCommand.class)
        .setParameter("hostId", hostId)
        .setMaxResults(200)
        .getResultList();
  }

  public java.util.Optional<AgentCommand> byId(long id) {
    return java.util.Optional.ofNullable(em.find(AgentCommand.class, id));
  }
}
