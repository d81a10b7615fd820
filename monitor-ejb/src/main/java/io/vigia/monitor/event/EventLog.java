package io.vigia.monitor.event;

import io.vigia.monitor.command.AgentCommand;
import io.vigia.monitor.command.CommandState;
import io.vigia.monitor.host.HostDirectory;
import io.vigia.wire.ContainerEvent;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the event log, in the caller's transaction (an event is logged exactly when what it tells
 * of is committed), and reads it back page by page. What agents report of their containers is
 * written by ingest, in the transaction that stores the batch reporting it ({@link
 * #containerEvent}).
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
   * @param detail why, or more about it; may be null. Someone's own words (a user's reason, an
   *     agent's answer) are an {@link EventText#literal}.
   */
  public void record(
      long tsMs,
      Long hostId,
      EventKind kind,
      Severity severity,
      String actor,
      EventText message,
      EventText detail) {
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
        EventText.of("command.queued", c.getId().toString(), describe(c)),
        EventText.literal(c.getReason()));
  }

  /** Logs what the agent answered to a command. */
  public void commandResult(AgentCommand c, long now) {
    record(
        now,
        c.getHostId(),
        EventKind.COMMAND_RESULT,
        c.getState() == CommandState.DONE ? Severity.INFO : Severity.WARNING,
        AGENT,
        EventText.of(
            "command.result",
            c.getId().toString(),
            new EventText.Word("state", c.getState().name().toLowerCase(Locale.ROOT)),
            describe(c),
            c.getRequestedBy()),
        EventText.literal(c.getDetail()));
  }

  /**
   * The log entry for what happened to a container, as its agent reports it (engine events, prune
   * actions), not persisted: ingest writes it in the same transaction as the batch that reported it
   * (see {@code SampleWriter}), so a batch is stored with its events or not at all, and a batch
   * sent again (a duplicate) logs nothing again.
   */
  public static Event containerEvent(long hostId, ContainerEvent e) {
    String id = e.containerId().length() > 12 ? e.containerId().substring(0, 12) : e.containerId();
    Object who = e.name() == null ? id : EventText.of("container.named", e.name(), id);
    EventText message =
        e.policyClass() != null
            ? EventText.of(
                e.action().equals("prune") ? "container.pruned" : "container.wouldPrune",
                who,
                e.policyClass(),
                e.policyRule())
            : EventText.of("container.action", who, new EventText.Word("action", e.action()));
    List<EventText> detail = new ArrayList<>();
    if (e.image() != null) {
      detail.add(EventText.of("container.image", e.image()));
    }
    if (e.exitCode() != null) {
      detail.add(EventText.of("container.exitCode", e.exitCode().toString()));
    }
    if (e.cpuPct() != null) {
      detail.add(EventText.of("container.cpu", new EventText.Num(e.cpuPct(), 1)));
    }
    if (e.memUsedBytes() != null) {
      EventText.Num used = new EventText.Num(e.memUsedBytes() / 1048576.0, 1);
      detail.add(
          e.memLimitBytes() == null
              ? EventText.of("container.memory", used)
              : EventText.of(
                  "container.memoryOf", used, new EventText.Num(e.memLimitBytes() / 1048576.0, 1)));
    }
    if (e.detail() != null) {
      detail.add(EventText.literal(e.detail()));
    }
    boolean bad =
        e.action().equals("oom")
            || e.action().equals("prune")
            || (e.action().equals("die") && e.exitCode() != null && e.exitCode() != 0);
    return new Event(
        e.ts(),
        hostId,
        EventKind.CONTAINER,
        bad ? Severity.WARNING : Severity.INFO,
        AGENT,
        message,
        EventText.parts(detail).orElse(null));
  }

  /** "kill pid 42", "container-stop container 3f2a…". */
  private static EventText describe(AgentCommand c) {
    EventText.Word type = new EventText.Word("command", c.getType());
    if (c.getPid() != null && c.getContainerId() != null) {
      return EventText.of("command.pidContainer", type, c.getPid().toString(), c.getContainerId());
    }
    if (c.getPid() != null) {
      return EventText.of("command.pid", type, c.getPid().toString());
    }
    if (c.getContainerId() != null) {
      return EventText.of("command.container", type, c.getContainerId());
    }
    return EventText.of(EventText.PARTS, type);
  }

  /** Events matching the filter, newest first, as the API shows them; {@code page} is 0-based. */
  public EventPage find(EventFilter filter, int page, int size) {
    return find(filter, page, size, EventText.API);
  }

  /**
   * Events matching the filter, newest first, their message and detail worded for a reader: the
   * stored English where an event has no text to word (rows from before texts were kept).
   */
  public EventPage find(EventFilter filter, int page, int size, EventText.Wording wording) {
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
              worded(e.getMessageText(), e.getMessage(), wording),
              worded(e.getDetailText(), e.getDetail(), wording)));
    }
    return new EventPage(items, page, size, total);
  }

  private static String worded(String text, String stored, EventText.Wording wording) {
    if (wording == EventText.API) {
      return stored; // what was written then, even if the English has changed since
    }
    return EventText.fromJson(text).map(t -> t.in(wording)).orElse(stored);
  }
}
