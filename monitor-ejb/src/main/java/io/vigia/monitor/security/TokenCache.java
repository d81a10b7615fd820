package io.vigia.monitor.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recently checked host tokens, by hash, for 30 s: every agent presents its token every second, and
 * a query per push for an answer that never changes is most of a push's database work. A revoked
 * token therefore keeps working on a node for up to 30 s.
 */
@ApplicationScoped
public class TokenCache {

  static final long TTL_MS = 30_000;
  private static final int MAX_ENTRIES = 100_000;

  private record Entry(TokenHolder holder, long until) {}

  private final Map<String, Entry> byHash = new ConcurrentHashMap<>();

  Optional<TokenHolder> get(String hash, long now) {
    Entry e = byHash.get(hash);
    return e != null && e.until() > now ? Optional.of(e.holder()) : Optional.empty();
  }

  void put(String hash, TokenHolder holder, long now) {
    if (byHash.size() >= MAX_ENTRIES) {
      byHash.clear();
    }
    byHash.put(hash, new Entry(holder, now + TTL_MS));
  }
}
