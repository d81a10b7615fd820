package io.vigia.monitor.host;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Finds hosts and summarises the fleet. */
@Stateless
public class HostDirectory {

  @PersistenceContext(unitName = "vigia")
  private EntityManager em;

  @Inject private MonitorSettings settings;

  private final Clock clock = Clock.systemUTC();

  public List<HostSummary> overview() {
    long now = clock.millis();
    long offlineMs = settings.offlineAfter().toMillis();
    return em.createNamedQuery("Host.findAll", Host.class).getResultList().stream()
        .map(
            h ->
                new HostSummary(
                    h.getName(),
                    h.getLastSeenMs() == null ? null : Instant.ofEpochMilli(h.getLastSeenMs()),
                    h.getLastSeenMs() != null && now - h.getLastSeenMs() <= offlineMs,
                    h.getCpuPct(),
                    h.getRamUsedPct()))
        .toList();
  }

  public Optional<Host> byId(long id) {
    return Optional.ofNullable(em.find(Host.class, id));
  }

  public Optional<Host> byName(String name) {
    return em.createNamedQuery("Host.findByName", Host.class)
        .setParameter("name", name)
        .getResultStream()
        .findFirst();
  }
}
