package io.vigia.monitor.container;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** One stored prune policy: the fleet's ({@code scope = 'fleet'}) or a host's override. */
@Entity
@Table(name = "container_policy")
@NamedQuery(name = "PolicyEntry.findAll", query = "SELECT p FROM PolicyEntry p")
public class PolicyEntry {

  static final String FLEET = "fleet";

  @Id
  @Column(length = 32)
  private String scope;

  @Column(name = "host_id")
  private Long hostId;

  @Column(name = "dry_run", nullable = false)
  private boolean dryRun;

  @Column(nullable = false, length = 12000)
  private String classes;

  @Column(nullable = false, length = 64)
  private String version;

  @Column(name = "updated_ms", nullable = false)
  private long updatedMs;

  @Column(name = "updated_by", nullable = false, length = 64)
  private String updatedBy;

  protected PolicyEntry() {}

  PolicyEntry(String scope, Long hostId) {
    this.scope = scope;
    this.hostId = hostId;
  }

  static String scopeOf(Long hostId) {
    return hostId == null ? FLEET : "host:" + hostId;
  }

  void set(boolean dryRun, String classesJson, String version, long now, String by) {
    this.dryRun = dryRun;
    this.classes = classesJson;
    this.version = version;
    this.updatedMs = now;
    this.updatedBy = by;
  }

  public String getScope() {
    return scope;
  }

  public Long getHostId() {
    return hostId;
  }

  public boolean isDryRun() {
    return dryRun;
  }

  public String getClasses() {
    return classes;
  }

  public String getVersion() {
    return version;
  }

  public long getUpdatedMs() {
    return updatedMs;
  }

  public String getUpdatedBy() {
    return updatedBy;
  }
}
