package io.vigia.monitor.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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

  @Test
  void forgetsEveryHolderWhenThisNodeRevokes() {
    TokenCache cache = new TokenCache();
    cache.put("hash", holder, 0);

    cache.revokedHere();

    assertThat(cache.get("hash", 1)).isEmpty();
  }

  @Test
  void forgetsEveryHolderWhenTheDatabaseSaysATokenWasRevokedElsewhere() {
    TokenCache cache = new TokenCache();
    AtomicReference<TokenCache.Marker> db = new AtomicReference<>(new TokenCache.Marker(0, 0));
    long generation = cache.generation(0, db::get);
    cache.put("hash", holder, generation, 0);

    db.set(new TokenCache.Marker(1, 500)); // another node revoked a token
    cache.generation(TokenCache.MARKER_CHECK_MS - 1, db::get);
    assertThat(cache.get("hash", TokenCache.MARKER_CHECK_MS - 1))
        .as("the marker is read at most once a second")
        .hasValue(holder);

    cache.generation(TokenCache.MARKER_CHECK_MS, db::get);
    assertThat(cache.get("hash", TokenCache.MARKER_CHECK_MS)).isEmpty();
  }

  @Test
  void keepsHoldersWhileTheMarkerStaysTheSame() {
    TokenCache cache = new TokenCache();
    AtomicInteger reads = new AtomicInteger();
    TokenCache.Marker marker = new TokenCache.Marker(3, 42);
    long generation =
        cache.generation(
            0,
            () -> {
              reads.incrementAndGet();
              return marker;
            });
    cache.put("hash", holder, generation, 0);

    for (long t = 1; t <= 5 * TokenCache.MARKER_CHECK_MS; t += 100) {
      cache.generation(
          t,
          () -> {
            reads.incrementAndGet();
            return marker;
          });
    }

    assertThat(cache.get("hash", 5 * TokenCache.MARKER_CHECK_MS)).hasValue(holder);
    assertThat(reads.get()).isBetween(5, 6);
  }

  @Test
  void dropsAHolderFoundBeforeARevocationCommitted() {
    TokenCache cache = new TokenCache();
    long seenBeforeTheQuery = cache.generation(0, () -> new TokenCache.Marker(0, 0));

    cache.revokedHere(); // the revocation commits while the query still saw the token live
    cache.put("hash", holder, seenBeforeTheQuery, 1);

    assertThat(cache.get("hash", 2)).isEmpty();
  }
}
