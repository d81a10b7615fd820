package io.vigia.monitor.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The token check of every push: a cached answer straight from {@link TokenCache} when it may be
 * served, else {@link AgentTokens#holderOf} (an EJB with a transaction, which reads the database).
 * A plain CDI bean because the EJB call and its transaction cost more than the rest of the check,
 * and a node's thousand agents present a cached token a thousand times a second.
 */
@ApplicationScoped
public class HostTokenCheck {

  @Inject private TokenCache cache;
  @Inject private AgentTokens tokens;

  /** Who a presented token speaks for, if the token is known and not revoked. */
  public Optional<TokenHolder> holderOf(String token) {
    Optional<TokenHolder> cached =
        cache.servable(Secrets.sha256Hex(token), System.currentTimeMillis());
    return cached.isPresent() ? cached : tokens.holderOf(token);
  }
}
