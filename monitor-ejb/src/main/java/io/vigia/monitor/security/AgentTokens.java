package io.vigia.monitor.security;

import io.vigia.monitor.event.EventKind;
import io.vigia.monitor.event.EventLog;
import io.vigia.monitor.event.EventText;
import io.vigia.monitor.event.Severity;
import io.vigia.monitor.host.Host;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Issues host tokens to enrolling agents, tells which host a token belongs to, and revokes them.
 * Checks go through {@link TokenCache}, which says how a revocation reaches every node at once.
 */
@Stateless
public class AgentTokens {

  @PersistenceContext(unitName = "vigia")
  private EntityManager em;

  @Inject private TokenCache cache;
  @Inject private EventLog events;

  @Resource private TransactionSynchronizationRegistry transactions;

  /** What enrolment produced: the host and its new token, shown once. */
  public record Enrolment(String host, String token) {}

  /**
   * One of a host's tokens as admins may see it: never the token, nor its hash.
   *
   * @param revoked when it was revoked, null while it is live
   */
  public record TokenInfo(Instant created, Instant revoked, boolean live) {}

  /**
   * A host's tokens in short, as the Administration page lists them: never a token or its hash.
   *
   * @param live how many of its tokens are live (a re-enrolled agent may hold several)
   * @param newest when the newest token was given
   * @param lastRevoked when a token of the host was last revoked, null when never
   */
  public record HostTokens(String host, int live, int total, Instant newest, Instant lastRevoked)
      implements Serializable {}

  /** Thrown when an agent id or host name is already taken by another agent. */
  public static class ConflictException extends RuntimeException {
    public ConflictException(String message) {
      super(message);
    }
  }

  /**
   * Gives the agent a new token for its host, creating the host on first enrolment. Re-enrolling
   * the same agent gets a fresh token; the older ones keep working until revoked. This is also how
   * a host whose tokens were revoked comes back.
   */
  public Enrolment enroll(String agentId, String hostName, long nowMs) {
    Host host =
        em.createNamedQuery("Host.findByAgentId", Host.class)
            .setParameter("agentId", agentId)
            .getResultStream()
            .findFirst()
            .orElse(null);
    if (host == null) {
      boolean nameTaken =
          !em.createNamedQuery("Host.findByName", Host.class)
              .setParameter("name", hostName)
              .getResultList()
              .isEmpty();
      if (nameTaken) {
        throw new ConflictException("host name '" + hostName + "' belongs to another agent");
      }
      host = new Host(hostName, agentId, nowMs);
      em.persist(host);
    } else if (!host.getName().equals(hostName)) {
      throw new ConflictException(
          "agent " + agentId + " is enrolled as '" + host.getName() + "', not '" + hostName + "'");
    }
    String token = Secrets.newToken();
    em.persist(new AgentToken(Secrets.sha256Hex(token), host, nowMs));
    return new Enrolment(host.getName(), token);
  }

  /**
   * Revokes every live token of the host and logs it with who did it (when there was any). Pushes
   * with those tokens are refused from the commit on: at once on this node, within about a second
   * on the others (see {@link TokenCache}). The agent can enrol again with the fleet key.
   *
   * @return how many tokens were revoked (0 when none was live)
   */
  public int revokeAll(Host host, String actor, long nowMs) {
    List<AgentToken> live =
        em.createNamedQuery("AgentToken.findLiveOfHost", AgentToken.class)
            .setParameter("hostId", host.getId())
            .getResultList();
    if (live.isEmpty()) {
      return 0;
    }
    live.forEach(t -> t.revoke(nowMs));
    events.record(
        nowMs,
        host.getId(),
        EventKind.TOKEN_REVOKED,
        Severity.WARNING,
        actor,
        EventText.of(
            live.size() == 1 ? "token.revokedOne" : "token.revokedMany",
            Integer.toString(live.size()),
            host.getName()),
        EventText.of("token.revokedDetail"));
    AfterCommit.run(transactions, cache::revokedHere);
    return live.size();
  }

  /** Every token the host was given, newest first. */
  public List<TokenInfo> tokensOf(Host host) {
    return em
        .createNamedQuery("AgentToken.findAllOfHost", AgentToken.class)
        .setParameter("hostId", host.getId())
        .getResultList()
        .stream()
        .map(
            t ->
                new TokenInfo(
                    Instant.ofEpochMilli(t.getCreatedMs()),
                    t.getRevokedMs() == null ? null : Instant.ofEpochMilli(t.getRevokedMs()),
                    t.getRevokedMs() == null))
        .toList();
  }

  /** Every host that was ever given a token, by name. */
  public List<HostTokens> byHost() {
    return em.createNamedQuery("AgentToken.summaryByHost", Object[].class).getResultList().stream()
        .map(
            r ->
                new HostTokens(
                    (String) r[0],
                    (int) (number(r[1]) - number(r[2])),
                    (int) number(r[1]),
                    Instant.ofEpochMilli(number(r[3])),
                    r[4] == null ? null : Instant.ofEpochMilli(number(r[4]))))
        .toList();
  }

  /** Who a presented token speaks for, if the token is known and not revoked. */
  public Optional<TokenHolder> holderOf(String token) {
    String hash = Secrets.sha256Hex(token);
    long now = System.currentTimeMillis();
    return cache.getOrLoad(
        hash,
        now,
        this::revocationMarker,
        () ->
            em.createNamedQuery("AgentToken.findActiveByHash", AgentToken.class)
                .setParameter("hash", hash)
                .getResultStream()
                .findFirst()
                .map(AgentToken::getHost)
                .map(h -> new TokenHolder(h.getId(), h.getAgentId(), h.getName())));
  }

  private TokenCache.Marker revocationMarker() {
    Object[] row =
        em.createNamedQuery("AgentToken.revocationMarker", Object[].class).getSingleResult();
    return new TokenCache.Marker(number(row[0]), number(row[1]));
  }

  private static long number(Object value) {
    return value == null ? 0 : ((Number) value).longValue();
  }
}
