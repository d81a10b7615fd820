package io.vigia.monitor.security;

import io.vigia.monitor.host.Host;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A host's agent token. Only its SHA-256 is stored: the token is 256 random bits, so a plain hash
 * is enough (a slow password hash protects low-entropy secrets, which this is not).
 */
@Entity
@Table(name = "agent_token")
@NamedQuery(
    name = "AgentToken.findActiveByHash",
    query =
        "SELECT t FROM AgentToken t JOIN FETCH t.host WHERE t.tokenHash = :hash"
            + " AND t.revokedMs IS NULL")
@NamedQuery(
    name = "AgentToken.findLiveOfHost",
    query = "SELECT t FROM AgentToken t WHERE t.host.id = :hostId AND t.revokedMs IS NULL")
@NamedQuery(
    name = "AgentToken.findAllOfHost",
    query = "SELECT t FROM AgentToken t WHERE t.host.id = :hostId ORDER BY t.createdMs DESC")
// COUNT(path) counts the non-null values: per host, how many tokens, how many revoked, the newest
// and the latest revocation.
@NamedQuery(
    name = "AgentToken.summaryByHost",
    query =
        "SELECT h.name, COUNT(t), COUNT(t.revokedMs), MAX(t.createdMs), MAX(t.revokedMs)"
            + " FROM AgentToken t JOIN t.host h GROUP BY h.name ORDER BY h.name")
// COUNT(path) counts the non-null values: how many tokens were ever revoked, and the latest time.
@NamedQuery(
    name = "AgentToken.revocationMarker",
    query = "SELECT COUNT(t.revokedMs), MAX(t.revokedMs) FROM AgentToken t")
public class AgentToken {

  @Id
  @Column(name = "token_hash", length = 64)
  private String tokenHash;

  @ManyToOne(optional = false)
  @JoinColumn(name = "host_id")
  private Host host;

  @Column(name = "created_ms", nullable = false)
  private long createdMs;

  @Column(name = "revoked_ms")
  private Long revokedMs;

  protected AgentToken() {}

  AgentToken(String tokenHash, Host host, long createdMs) {
    this.tokenHash = tokenHash;
    this.host = host;
    this.createdMs = createdMs;
  }

  public Host getHost() {
    return host;
  }

  public long getCreatedMs() {
    return createdMs;
  }

  /** When the token was revoked, or null while it is live. */
  public Long getRevokedMs() {
    return revokedMs;
  }

  void revoke(long nowMs) {
    if (revokedMs == null) {
      revokedMs = nowMs;
    }
  }
}
