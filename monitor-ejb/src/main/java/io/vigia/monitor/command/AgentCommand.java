package io.vigia.monitor.command;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;

/** A command for one host's agent, with who asked for it and what became of it. */
@Entity
@Table(name = "command")
@NamedQuery(
    name = "AgentCommand.findDue",
    query =
        "SELECT c FROM AgentCommand c WHERE c.hostId = :hostId AND c.state = :state"
            + " AND c.expiresMs > :now ORDER BY c.id")
@NamedQuery(
    name = "AgentCommand.findByHost",
    query = "SELECT c FROM AgentCommand c WHERE c.hostId = :hostId ORDER BY c.id DESC")
@NamedQuery(
    name = "AgentCommand.expire",
    query =
        "UPDATE AgentCommand c SET c.state = :expired, c.finishedMs = :now,"
            + " c.detail = 'no answer from the agent in time'"
            + " WHERE c.state IN :open AND c.expiresMs <= :now")
public class AgentCommand {

  @Id
  @GeneratedValue(strategy = GenerationType.TABLE, generator = "command_ids")
  @TableGenerator(
      name = "command_ids",
      table = "id_sequence",
      pkColumnName = "seq_name",
      valueColumnName = "seq_count",
      pkColumnValue = "command",
      allocationSize = 10)
  private Long id;

  @Column(name = "host_id", nullable = false)
  private long hostId;

  @Column(nullable = false, length = 16)
  private String type;

  private Integer pid;

  @Column(name = "start_ticks")
  private Long startTicks;

  @Column(name = "container_id", length = 128)
  private String containerId;

  @Column(name = "timeout_s")
  private Integer timeoutS;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private CommandState state;

  @Column(length = 1024)
  private String detail;

  @Column(name = "requested_by", nullable = false, length = 64)
  private String requestedBy;

  @Column(length = 255)
  private String reason;

  @Column(name = "created_ms", nullable = false)
  private long createdMs;

  @Column(name = "sent_ms")
  private Long sentMs;

  @Column(name = "finished_ms")
  private Long finishedMs;

  @Column(name = "expires_ms", nullable = false)
  private long expiresMs;

  protected AgentCommand() {}

  static AgentCommand kill(
      long hostId,
      int pid,
      long startTicks,
      String requestedBy,
      String reason,
      long now,
      long ttlMs) {
    AgentCommand c = new AgentCommand();
    c.hostId = hostId;
    c.type = "kill";
    c.pid = pid;
    c.startTicks = startTicks;
    c.state = CommandState.QUEUED;
    c.requestedBy = requestedBy;
    c.reason = reason;
    c.createdMs = now;
    c.expiresMs = now + ttlMs;
    return c;
  }

  /** A container action: {@code container-start}, {@code -stop}, {@code -kill}, {@code -remove}. */
  static AgentCommand containerAction(
      long hostId,
      String type,
      String containerId,
      Integer timeoutS,
      String requestedBy,
      String reason,
      long now,
      long ttlMs) {
    AgentCommand c = new AgentCommand();
    c.hostId = hostId;
    c.type = type;
    c.containerId = containerId;
    c.timeoutS = timeoutS;
    c.state = CommandState.QUEUED;
    c.requestedBy = requestedBy;
    c.reason = reason;
    c.createdMs = now;
    c.expiresMs = now + ttlMs;
    return c;
  }

  void sent(long now) {
    state = CommandState.SENT;
    sentMs = now;
  }

  void finished(CommandState result, String detail, long now) {
    this.state = result;
    this.detail = detail;
    this.finishedMs = now;
  }

  public Long getId() {
    return id;
  }

  public long getHostId() {
    return hostId;
  }

  public String getType() {
    return type;
  }

  public Integer getPid() {
    return pid;
  }

  public Long getStartTicks() {
    return startTicks;
  }

  public String getContainerId() {
    return containerId;
  }

  public Integer getTimeoutS() {
    return timeoutS;
  }

  public CommandState getState() {
    return state;
  }

  public String getDetail() {
    return detail;
  }

  public String getRequestedBy() {
    return requestedBy;
  }

  public String getReason() {
    return reason;
  }

  public long getCreatedMs() {
    return createdMs;
  }

  public Long getSentMs() {
    return sentMs;
  }

  public Long getFinishedMs() {
    return finishedMs;
  }

  public long getExpiresMs() {
    return expiresMs;
  }
}
