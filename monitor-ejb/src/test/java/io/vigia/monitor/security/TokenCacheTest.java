package io.vigia.monitor.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenCacheTest {

  private final TokenHolder holder = new TokenHolder(7, "agent-7", "web-07");

  @Test
  void remembersAHolderForThirtySeconds() {
    TokenCache cache = new TokenCache();

    cache.put("hash", holder, 1_000);

    assertThat(cache.get("hash", 1_000 + TokenCache.TTL_MS - 1)).hasValue(holder);
    assertThat(cache.get("hash", 1_000 + TokenCache.TTL_MS)).isEmpty();
  }

  @Test
  void knowsNothingOfOtherHashes() {
    TokenCache cache = new TokenCache();
    cache.put("hash", holder, 0);

    assertThat(cache.get("other", 1)).isEmpty();
  }
}
