package io.vigia.monitor.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;

/**
 * A fleet key an admin generated; the newest is in force. Only its SHA-256 is stored: like a host
 * token it is 256 random bits, so a plain hash is enough.
 */
@Entity
@Table(name = "fleet_key")
@NamedQuery(name = "FleetKey.newestFirst", query = "SELECT k FROM FleetKey k ORDER BY k.id DESC")
public class FleetKey {

  @Id
  @GeneratedValue(strategy = GenerationType.TABLE, generator = "fleet_key_ids")
  @TableGenerator(
      name = "fleet_key_ids",
      table = "id_sequence",
      pkColumnName = "seq_name",
      valueColumnName = "seq_count",
      pkColumnValue = "fleet_key",
      allocationSize = 1)
  private Long id;

  @Column(name = "key_hash", nullable = false, length = 64)
  private String keyHash;

  @Column(name = "created_ms", nullable = false)
  private long createdMs;

  @Column(name = "created_by", nullable = false, length = 64)
  private String createdBy;

  protected FleetKey() {}

  FleetKey(String keyHash, long createdMs, String createdBy) {
    this.keyHash = keyHash;
    this.createdMs = createdMs;
    this.createdBy = createdBy;
  }

  String getKeyHash() {
    return keyHash;
  }

  public long getCreatedMs() {
    return createdMs;
  }

  public String getCreatedBy() {
    return createdBy;
  }
}
