package io.vigia.monitor.event;

import io.vigia.monitor.command.AgentCommand;
import io.vigia.monitor.command.CommandState;
import io.vigia.monitor.host.HostDirectory;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the event log, in the caller's transaction (an event is logged exactly when what it tells
 * of is committed), and reads it back page by page.
 */
@Stateless
public class EventLog {

  /** Actor of what the monitor does by itself (evaluation, expiry). */
  public static final String SYSTEM = "system";

  /** Actor of what a host's agent reports. */
  public static final String AGENT = "agent";

  public static final int MAX_PAGE_SIZE = 500;

  @PersistenceContext(unitName = "vigia")
  private EntityManager em;

  @Inject private HostDirectory directory;

  /**
   * Logs one event.
   *
   * @param hostId null for an event about the fleet or the monitor itself
   * @param actor a user name, {@link #SYSTEM} or {@link #AGENT}
   * @param detail why, or more about it; may be null
   */
  public void record(
      long tsMs,
      Long hostId,
      EventKind kind,
      Severity severity,
      String actor,
      String message,
      String detail) {
    em.persist(new Event(tsMs, hostId, kind, severity, actor, message, detail));
  }

  /** Logs that a user queued a command, and why. */
  public void commandQueued(AgentCommand c) {
    record(
        c.getCreatedMs(),
        c.getHostId(),
        EventKind.COMMAND_QUEUED,
        Severity.INFO,
        c.getRequestedBy(),
        "command " + c.getId() + " queued: " + describe(c),
        c.getReason());
  }

  /** Logs what the agent answered to a command. */
  public void commandResult(AgentCommand c, long now) {
    record(
        now,
        c.getHostId(),
        EventKind.COMMAND_RESULT,
        c.getState() == CommandState.DONE ? Severity.INFO : Severity.WARNING,
        AGENT,
        "command "
            + c.getId()
            + " "
            + c.getState().name().toLowerCase(java.util.Locale.ROOT)
            + ": "
            + describe(c)
            + " (asked by "
            + c.getRequestedBy()
            + ")",
        c.getDetail());
  }

  /** Logs what happened to a host's containers, as its agent reports it, in one transaction. */
  public void containers(long hostId, List<io.vigia.wire.ContainerEvent> events) {
    events.forEach(e -> container(hostId, e));
  }

  /** Logs what happened to a container, as its agent reports it (engine events, prune actions). */
  public void container(long hostId, io.vigia.wire.ContainerEvent e) {
    String id = e.containerId().length() > 12 ? e.containerId().substring(0, 12) : e.containerId();
    String who = (e.name() == null ? id : e.name() + " (" + id + ")");
    boolean policy = e.policyClass() != null;
    String message =
        policy
            ? "container "
                + who
                + (e.action().equals("prune") ? " stopped and removed" : " would be removed")
                + " by class "
                + e.policyClass()
                + ", rule "
                + e.policyRule()
            : "container " + who + " " + e.action();
    StringBuilder detail = new StringBuilder();
    if (e.image() != null) {
      detail.append("image ").append(e.image());
    }
    if (e.exitCode() != null) {
      detail.append(detail.isEmpty() ? "" : "; ").append("exit code ").append(e.exitCode());
    }
    if (e.cpuPct() != null) {
      detail
          .append(detail.isEmpty() ? "" : "; ")
          .append(String.format(java.util.Locale.ROOT, "last CPU %.1f %%", e.cpuPct()));
    }
    if (e.memUsedBytes() != null) {
      detail
          .append(detail.isEmpty() ? "" : "; ")
          .append(
              String.format(
                  java.util.Locale.ROOT, "last memory %.1f MiB", e.memUsedBytes() / 1048576.0));
      if (e.memLimitBytes() != null) {
        detail.append(
            String.format(java.util.Locale.ROOT, " of %.1f MiB", e.memLimitBytes() / 1048576.0));
      }
    }
    if (e.detail() != null) {
      detail.append(detail.isEmpty() ? "" : "; ").append(e.detail());
    }
    boolean bad =
        e.action().equals("oom")
            || e.action().equals("prune")
            || (e.action().equals("die") && e.exitCode() != null && e.exitCode() != 0);
    record(
        e.ts(),
        hostId,
        EventKind.CONTAINER,
        bad ? Severity.WARNING : Severity.INFO,
        AGENT,
        message.length() > 512 ? message.substring(0, 512) : message,
        detail.length() > 2048
            ? detail.substring(0, 2048)
            : detail.isEmpty() ? null : detail.toString());
  }

  private static String describe(AgentCommand c) {
    return c.getType()
        + (c.getPid() == null ? "" : " pid " + c.getPid())
        + (c.getContainerId() == null ? "" : " container " + c.getContainerId());
  }

  /** Events matching the filter, newest first; {@code page} is 0-based. */
  public EventPage find(EventFilter filter, int page, int size) {
    if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("page >= 0 and 1 <= size <= " + MAX_PAGE_SIZE);
    }
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    Map<String, Object> params = new HashMap<>();
    filter
        .hostId()
        .ifPresent(
            h -> {
              where.append(" AND e.hostId = :hostId");
              params.put("hostId", h);
            });
    filter
        .kind()
        .ifPresent(
            k -> {
              where.append(" AND e.kind = :kind");
              params.put("kind", k.apiName());
            });
    filter
        .sinceMs()
        .ifPresent(
            s -> {
              where.append(" AND e.tsMs >= :since");
              params.put("since", s);
            });
    filter
        .untilMs()
        .ifPresent(
            u -> {
              where.append(" AND e.tsMs < :until");
              params.put("until", u);
            });
    TypedQuery<Long> count = em.createQuery("SELECT COUNT(e) FROM Event e" + where, Long.class);
    TypedQuery<Event> rows =
        em.createQuery(
            "SELECT e FROM Event e" + where + " ORDER BY e.tsMs DESC, e.id DESC", Event.class);
    params.forEach(
        (k, v) -> {
          count.setParameter(k, v);
          rows.setParameter(k, v);
        });
    long total = count.getSingleResult();
    List<Event> events =
        rows.setFirstResult((int) Math.min(Integer.MAX_VALUE, (long) page * size))
            .setMaxResults(size)
            .getResultList();
    Map<Long, String> names = directory.namesOf(events.stream().map(Event::getHostId).toList());
    List<EventEntry> items = new ArrayList<>(events.size());
    for (Event e : events) {
      items.add(
          new EventEntry(
              e.getId(),
              Instant.ofEpochMilli(e.getTsMs()),
              e.getHostId() == null ? null : names.get(e.getHostId()),
              e.getKind(),
              e.getSeverity(),
              e.getActor(),
              e.getMessage(),
              e.getDetail()));
    }
    return new EventPage(items, page, size, total);
  }
}
