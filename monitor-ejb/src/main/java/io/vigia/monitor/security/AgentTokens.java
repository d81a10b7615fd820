package io.vigia.monitor.security;

import io.vigia.monitor.host.Host;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/** Issues host tokens to enrolling agents and tells which host a token belongs to. */
@Stateless
public class AgentTokens {

  @PersistenceContext(unitName = "vigia")
  private EntityManager em;

  @jakarta.inject.Inject private TokenCache cache;

  /** What enrolment produced: the host and its new token, shown once. */
  public record Enrolment(String host, String token) {}

  /** Thrown when an agent id or host name is already taken by another agent. */
  public static class ConflictException extends RuntimeException {
    public ConflictException(String message) {
      super(message);
    }
  }

  /**
   * Gives the agent a new token for its host, creating the host on first enrolment. Re-enrolling
   * the same agent gets a fresh token; the older ones keep working until revoked.
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

  /** Who a presented token speaks for, if the token is known and not revoked. */
  public Optional<TokenHolder> holderOf(String token) {
    String hash = Secrets.sha256Hex(token);
    long now = System.currentTimeMillis();
    Optional<TokenHolder> cached = cache.get(hash, now);
    if (cached.isPresent()) {
      return cached;
    }
    Optional<TokenHolder> found =
        em.createNamedQuery("AgentToken.findActiveByHash", AgentToken.class)
            .setParameter("hash", hash)
            .getResultStream()
            .findFirst()
            .map(AgentToken::getHost)
            .map(h -> new TokenHolder(h.getId(), h.getAgentId(), h.getName()));
    found.ifPresent(h -> cache.put(hash, h, now));
    return found;
  }
}
