package io.vigia.monitor.event;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;

/** One entry of the event log. Written once, never changed. */
@Entity
@Table(name = "event")
// Moves with every event of a kind logged (or purged): ids are allocated in blocks per node, so a
// new event's id need not be the largest, but it always changes the count and the sum.
@NamedQuery(
    name = "Event.markerOfKind",
    query = "SELECT COUNT(e), SUM(e.id) FROM Event e WHERE e.kind = :kind")
public class Event {

  static final int MAX_MESSAGE = 512;
  static final int MAX_DETAIL = 2048;
  static final int MAX_ACTOR = 64;
  static final int MAX_MESSAGE_TEXT = 2048;
  static final int MAX_DETAIL_TEXT = 4096;

  @Id
  @GeneratedValue(strategy = GenerationType.TABLE, generator = "event_ids")
  @TableGenerator(
      name = "event_ids",
      table = "id_sequence",
      pkColumnName = "seq_name",
      valueColumnName = "seq_count",
      pkColumnValue = "event",
      allocationSize = 50)
  private Long id;

  @Column(name = "ts_ms", nullable = false)
  private long tsMs;

  @Column(name = "host_id")
  private Long hostId;

  @Column(nullable = false, length = 32)
  private String kind;

  @Column(nullable = false, length = 16)
  private String severity;

  @Column(nullable = false, length = MAX_ACTOR)
  private String actor;

  @Column(nullable = false, length = MAX_MESSAGE)
  private String message;

  @Column(length = MAX_DETAIL)
  private String detail;

  /** The message as an {@link EventText} (JSON), to be worded in a reader's language. */
  @Column(name = "message_text", length = MAX_MESSAGE_TEXT)
  private String messageText;

  /** The detail as an {@link EventText} (JSON); null when the detail is someone's own words. */
  @Column(name = "detail_text", length = MAX_DETAIL_TEXT)
  private String detailText;

  protected Event() {}

  Event(
      long tsMs,
      Long hostId,
      EventKind kind,
      Severity severity,
      String actor,
      EventText message,
      EventText detail) {
    this.tsMs = tsMs;
    this.hostId = hostId;
    this.kind = kind.apiName();
    this.severity = severity.apiName();
    this.actor = cut(actor, MAX_ACTOR);
    this.message = cut(message.in(EventText.API), MAX_MESSAGE);
    this.messageText = json(message, MAX_MESSAGE_TEXT);
    this.detail = detail == null ? null : cut(detail.in(EventText.API), MAX_DETAIL);
    // Someone's own words read the same in every language: the text alone is kept.
    this.detailText = detail == null || detail.isLiteral() ? null : json(detail, MAX_DETAIL_TEXT);
  }

  /** Too long to keep whole (long names from a host): the English stays, in every language. */
  private static String json(EventText text, int max) {
    String json = text.toJson();
    return json.length() <= max ? json : null;
  }

  /** Longer texts are cut rather than refused: the log must never make the action fail. */
  static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  public Long getId() {
    return id;
  }

  public long getTsMs() {
    return tsMs;
  }

  public Long getHostId() {
    return hostId;
  }

  public String getKind() {
    return kind;
  }

  public String getSeverity() {
    return severity;
  }

  public String getActor() {
    return actor;
  }

  public String getMessage() {
    return message;
  }

  public String getDetail() {
    return detail;
  }

  public String getMessageText() {
    return messageText;
  }

  public String getDetailText() {
    return detailText;
  }
}
