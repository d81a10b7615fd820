package io.vigia.monitor.history;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers the earliest sample that arrived after its minute may already have been rolled up (an
 * agent's spool replayed after an outage), so the next rollup goes back for it. Ingest only notes a
 * number here; the rewind itself happens in the rollup timer, off the ingest path.
 */
@ApplicationScoped
public class LateSamples {

  /** A sample this much older than its arrival may have missed its minute's rollup. */
  public static final long LATE_MS = 60_000;

  private final AtomicLong earliest = new AtomicLong(Long.MAX_VALUE);

  public void arrived(long sampleTs, long receivedMs) {
    if (sampleTs < receivedMs - LATE_MS) {
      earliest.accumulateAndGet(sampleTs, Math::min);
    }
  }

  /** The earliest late sample noted since the last call, if any. */
  public OptionalLong drain() {
    long t = earliest.getAndSet(Long.MAX_VALUE);
    return t == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(t);
  }
}
