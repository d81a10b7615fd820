package io.vigia.monitor.alert;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;

/**
 * One alert: a rule's condition held on a host (or on one container of it, for {@code
 * container_mem_pct} rules) from {@code raisedMs} until {@code clearedMs} (null while open). The
 * database allows one open alert per (rule, host, container); see V4__events_alerts.sql and
 * V9__alert_container.sql.
 */
@Entity
@Table(name = "alert")
@NamedQuery(name = "Alert.findOpen", query = "SELECT a FROM Alert a WHERE a.clearedMs IS NULL")
@NamedQuery(
    name = "Alert.findOpenOfRule",
    query = "SELECT a FROM Alert a WHERE a.clearedMs IS NULL AND a.ruleId = :ruleId")
public class Alert {

  private static final Short OPEN = 1;

  /** {@link #containerKey()} of an alert about a host rather than one of its containers. */
  static final String NO_CONTAINER = "";

  @Id
  @GeneratedValue(strategy = GenerationType.TABLE, generator = "alert_ids")
  @TableGenerator(
      name = "alert_ids",
      table = "id_sequence",
      pkColumnName = "seq_name",
      valueColumnName = "seq_count",
      pkColumnValue = "alert",
      allocationSize = 10)
  private Long id;

  @Column(name = "rule_id", nullable = false)
  private long ruleId;

  @Column(name = "host_id", nullable = false)
  private long hostId;

  /** The container's id; empty, never null, for an alert about the host itself (unique key). */
  @Column(name = "container_id", nullable = false, length = 128)
  private String containerId = NO_CONTAINER;

  @Column(name = "container_name", length = 255)
  private String containerName;

  @Column(name = "raised_ms", nullable = false)
  private long raisedMs;

  @Column(name = "cleared_ms")
  private Long clearedMs;

  @Column(name = "raised_value")
  private Double value;

  @Column(name = "open_marker")
  private Short openMarker;

  protected Alert() {}

  static Alert raise(long ruleId, long hostId, long now, Double value) {
    return raise(ruleId, hostId, null, null, now, value);
  }

  /**
   * @param containerId null for an alert about the host itself
   * @param containerName as Docker names it; null when unknown
   */
  static Alert raise(
      long ruleId, long hostId, String containerId, String containerName, long now, Double value) {
    Alert a = new Alert();
    a.ruleId = ruleId;
    a.hostId = hostId;
    a.containerId = containerId == null ? NO_CONTAINER : containerId;
    a.containerName = containerName;
    a.raisedMs = now;
    a.value = value;
    a.openMarker = OPEN;
    return a;
  }

  void clear(long now) {
    clearedMs = Math.max(now, raisedMs);
    openMarker = null;
  }

  public Long getId() {
    return id;
  }

  public long getRuleId() {
    return ruleId;
  }

  public long getHostId() {
    return hostId;
  }

  /** The container's id, null for an alert about the host itself. */
  public String getContainerId() {
    return containerId.isEmpty() ? null : containerId;
  }

  /** As stored: empty for an alert about the host itself. */
  String containerKey() {
    return containerId;
  }

  /**
   * The container as people know it: its name, or the short form of its id when Docker did not name
   * it; null for an alert about the host itself.
   */
  public String getContainer() {
    return ContainerMemory.label(getContainerId(), containerName);
  }

  public long getRaisedMs() {
    return raisedMs;
  }

  public Long getClearedMs() {
    return clearedMs;
  }

  /** The value that raised it. */
  public Double getValue() {
    return value;
  }
}
