package io.vigia.monitor.security;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Answers read from the database that rarely change, kept on this node for a while, and dropped at
 * once when they may have changed: the scheme {@link TokenCache} and {@link UserCache} share.
 *
 * <p>Each entry is stamped with a <em>generation</em>, and only entries of the current generation
 * are served. The generation moves on when this node changed the data and the change committed
 * ({@link #changedHere}), and on every node when a <em>marker</em> read from the shared database
 * (anything whose value moves with every change: counts, latest times) differs from the one read
 * before; one caller reads it at most once every {@code markerCheckMs}, the others go on meanwhile.
 * An entry put by a request that read the database before a change committed carries the old
 * generation and is never served.
 *
 * @param <V> what is kept, by a string key
 */
final class MarkedCache<V> {

  private record Entry<V>(V value, long until, long generation) {}

  private final long ttlMs;
  private final long markerCheckMs;
  private final int maxEntries;
  private final Map<String, Entry<V>> byKey = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();
  private final AtomicBoolean readingMarker = new AtomicBoolean();
  private volatile Object marker;
  private volatile long markerReadAt;

  MarkedCache(long ttlMs, long markerCheckMs, int maxEntries) {
    this.ttlMs = ttlMs;
    this.markerCheckMs = markerCheckMs;
    this.maxEntries = maxEntries;
  }

  /**
   * The current generation, first reading the marker through {@code read} when it was last read
   * {@code markerCheckMs} ago or more.
   */
  long generation(long now, Supplier<?> read) {
    if ((marker == null || now - markerReadAt >= markerCheckMs)
        && readingMarker.compareAndSet(false, true)) {
      try {
        Object fresh = read.get();
        if (!fresh.equals(marker)) {
          changed();
          marker = fresh;
        }
        markerReadAt = now;
      } finally {
        readingMarker.set(false);
      }
    }
    return generation.get();
  }

  /** Whether the marker was read less than {@code markerCheckMs} ago. */
  boolean markerFresh(long now) {
    return marker != null && now - markerReadAt < markerCheckMs;
  }

  Optional<V> get(String key, long now) {
    Entry<V> e = byKey.get(key);
    return e != null && e.until() > now && e.generation() == generation.get()
        ? Optional.of(e.value())
        : Optional.empty();
  }

  /**
   * The value kept for {@code key}, or else what {@code load} finds in the database, kept when
   * found (reading the marker first when it is due).
   */
  Optional<V> getOrLoad(String key, long now, Supplier<?> readMarker, Supplier<Optional<V>> load) {
    long seen = generation(now, readMarker);
    Optional<V> kept = get(key, now);
    if (kept.isPresent()) {
      return kept;
    }
    Optional<V> found = load.get();
    found.ifPresent(v -> put(key, v, seen, now));
    return found;
  }

  /** Remembers a value found while {@code generationSeen} was current; a stale one is dropped. */
  void put(String key, V value, long generationSeen, long now) {
    if (generationSeen != generation.get()) {
      return;
    }
    if (byKey.size() >= maxEntries) {
      byKey.clear();
    }
    byKey.put(key, new Entry<>(value, now + ttlMs, generationSeen));
  }

  long currentGeneration() {
    return generation.get();
  }

  /** The data changed on this node and the change committed: forget everything. */
  void changed() {
    generation.incrementAndGet();
    byKey.clear();
  }
}
