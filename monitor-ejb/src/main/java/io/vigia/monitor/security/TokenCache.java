package io.vigia.monitor.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Recently checked host tokens, by hash, for 30 s: every agent presents its token every second, and
 * a query per push for an answer that almost never changes is most of a push's database work.
 *
 * <p>Revocation must still take effect at once, on every node of a cluster (several Payara Micro or
 * Server instances sharing one database). Each entry is stamped with a <em>generation</em>, and
 * only entries of the current generation are served. The generation moves on:
 *
 * <ul>
 *   <li>on the node that revoked, right after the revocation commits ({@link #revokedHere}), so the
 *       very next push with a revoked token is refused there;
 *   <li>on every node, when the database's revocation marker changes: the number of revoked tokens
 *       and the latest revocation time ({@link Marker}), read by one request at most once every
 *       {@link #MARKER_CHECK_MS} ms. So another node refuses a revoked token within about a second,
 *       at the cost of one small query per node per second however large the fleet.
 * </ul>
 *
 * The marker lives in the shared database rather than the data grid on purpose: it works the same
 * on Server and Micro, clustered or not, needs no messaging between nodes, and cannot be missed by
 * a node that was busy or joined late. An entry put by a request that read the database before the
 * revocation committed carries the old generation and is never served.
 */
@ApplicationScoped
public class TokenCache {

  static final long TTL_MS = 30_000;

  /** How stale a node's view of the revocation marker may get. */
  static final long MARKER_CHECK_MS = 1_000;

  private static final int MAX_ENTRIES = 100_000;

  /**
   * What the database says of revocations; any change means some token was revoked.
   *
   * @param revoked how many tokens are revoked
   * @param lastRevokedMs when the latest was (0 when none is)
   */
  record Marker(long revoked, long lastRevokedMs) {}

  private final MarkedCache<TokenHolder> byHash =
      new MarkedCache<>(TTL_MS, MARKER_CHECK_MS, MAX_ENTRIES);

  /**
   * The current generation, first reading the revocation marker through {@code read} when it was
   * last read {@link #MARKER_CHECK_MS} ago or more (one caller reads; others go on meanwhile).
   */
  long generation(long now, Supplier<Marker> read) {
    return byHash.generation(now, read);
  }

  /**
   * The holder of a cached token when the answer may be served without the database: the entry is
   * of the current generation and the revocation marker was read less than {@link #MARKER_CHECK_MS}
   * ago. Empty means: ask {@link AgentTokens#holderOf}, which reads the marker and the token as
   * needed.
   */
  public Optional<TokenHolder> servable(String hash, long now) {
    return byHash.markerFresh(now) ? get(hash, now) : Optional.empty();
  }

  /**
   * The holder kept for {@code hash}, or else what {@code load} finds (see {@link MarkedCache}).
   */
  Optional<TokenHolder> getOrLoad(
      String hash, long now, Supplier<Marker> readMarker, Supplier<Optional<TokenHolder>> load) {
    return byHash.getOrLoad(hash, now, readMarker, load);
  }

  Optional<TokenHolder> get(String hash, long now) {
    return byHash.get(hash, now);
  }

  /** Remembers a holder found while {@code generationSeen} was current; a stale one is dropped. */
  void put(String hash, TokenHolder holder, long generationSeen, long now) {
    byHash.put(hash, holder, generationSeen, now);
  }

  void put(String hash, TokenHolder holder, long now) {
    put(hash, holder, byHash.currentGeneration(), now);
  }

  /** Tokens were revoked on this node and the revocation committed: forget every token. */
  void revokedHere() {
    byHash.changed();
  }
}
