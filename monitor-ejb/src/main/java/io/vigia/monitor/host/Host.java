package io.vigia.monitor.host;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;

/** A watched host, and the latest values it reported (for the fleet overview). */
@Entity
@Table(name = "host")
@NamedQuery(name = "Host.findAll", query = "SELECT h FROM Host h ORDER BY h.name")
@NamedQuery(name = "Host.findByName", query = "SELECT h FROM Host h WHERE h.name = :name")
@NamedQuery(name = "Host.findByAgentId", query = "SELECT h FROM Host h WHERE h.agentId = :agentId")
public class Host {

  @Id
  @GeneratedValue(strategy = GenerationType.TABLE, generator = "host_ids")
  @TableGenerator(
      name = "host_ids",
      table = "id_sequence",
      pkColumnName = "seq_name",
      valueColumnName = "seq_count",
      pkColumnValue = "host",
      allocationSize = 10)
  private Long id;

  @Column(nullable = false, unique = true)
  private String name;

  @Column(name = "agent_id", nullable = false, unique = true)
  private String agentId;

  @Column(name = "created_ms", nullable = false)
  private long createdMs;

  @Column(name = "last_seen_ms")
  private Long lastSeenMs;

  @Column(name = "last_seq")
  private Long lastSeq;

  @Column(name = "cpu_pct")
  private Double cpuPct;

  @Column(name = "ram_used_pct")
  private Double ramUsedPct;

  @Column(name = "commands_pending", nullable = false)
  private boolean commandsPending;

  protected Host() {}

  public Host(String name, String agentId, long createdMs) {
    this.name = name;
    this.agentId = agentId;
    this.createdMs = createdMs;
  }

  /** A command waits for this host's next push. */
  public void commandsQueued() {
    commandsPending = true;
  }

  /** True once if commands were queued since the last call; the push then fetches them. */
  public boolean takeCommandsPending() {
    boolean was = commandsPending;
    commandsPending = false;
    return was;
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public String getAgentId() {
    return agentId;
  }

  public long getCreatedMs() {
    return createdMs;
  }

  public Long getLastSeenMs() {
    return lastSeenMs;
  }

  public Long getLastSeq() {
    return lastSeq;
  }

  public Double getCpuPct() {
    return cpuPct;
  }

  public Double getRamUsedPct() {
    return ramUsedPct;
  }
}
