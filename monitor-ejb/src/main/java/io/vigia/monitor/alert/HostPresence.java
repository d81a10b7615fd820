package io.vigia.monitor.alert;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Whether a host was online at the last evaluation, so each change is logged once. */
@Entity
@Table(name = "host_presence")
public class HostPresence {

  @Id
  @Column(name = "host_id")
  private Long hostId;

  @Column(nullable = false)
  private boolean online;

  @Column(name = "changed_ms", nullable = false)
  private long changedMs;

  protected HostPresence() {}

  HostPresence(long hostId, boolean online, long changedMs) {
    this.hostId = hostId;
    this.online = online;
    this.changedMs = changedMs;
  }

  long getHostId() {
    return hostId;
  }

  boolean isOnline() {
    return online;
  }

  void change(boolean online, long now) {
    this.online = online;
    this.changedMs = now;
  }
}
