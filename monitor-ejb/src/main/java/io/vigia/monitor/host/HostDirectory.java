package io.vigia.monitor.host;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Finds hosts and summarises the fleet. */
@Stateless
public class HostDirectory {

  @PersistenceContext(unitName = "vigia")
  private EntityManager em;

  @Inject private MonitorSettings settings;
  @Inject private HostActivity activity;
  @Inject private FleetVitals vitals;

  private final Clock clock = Clock.systemUTC();

  public List<HostSummary> overview() {
    long now = clock.millis();
    return em.createNamedQuery("Host.findAll", Host.class).getResultList().stream()
        .map(h -> summarize(h, now))
        .toList();
  }

  /** Every host as the overview shows it, by its id (in the order of {@link #overview()}). */
  public Map<Long, HostSummary> overviewById() {
    long now = clock.millis();
    Map<Long, HostSummary> out = new LinkedHashMap<>();
    for (Host h : em.createNamedQuery("Host.findAll", Host.class).getResultList()) {
      out.put(h.getId(), summarize(h, now));
    }
    return out;
  }

  /** Every host with its recent figures and open alert count, for the fleet page. */
  public List<FleetRow> fleet() {
    long now = clock.millis();
    Map<Long, Long> alerts = new HashMap<>();
    for (Object[] r :
        em.createQuery(
                "SELECT a.hostId, COUNT(a) FROM Alert a WHERE a.clearedMs IS NULL GROUP BY a.hostId",
                Object[].class)
            .getResultList()) {
      alerts.put(((Number) r[0]).longValue(), ((Number) r[1]).longValue());
    }
    return em.createNamedQuery("Host.findAll", Host.class).getResultList().stream()
        .map(
            h ->
                new FleetRow(
                    summarize(h, now),
                    vitals.of(h.getId(), now).orElse(null),
                    alerts.getOrDefault(h.getId(), 0L)))
        .toList();
  }

  /** One host as the overview shows it. */
  public HostSummary summarize(Host h) {
    return summarize(h, clock.millis());
  }

  private HostSummary summarize(Host h, long now) {
    HostActivity.Seen seen = activity.merge(h);
    Long lastSeen = seen.lastSeen();
    return new HostSummary(
        h.getName(),
        lastSeen == null ? null : Instant.ofEpochMilli(lastSeen),
        lastSeen != null && now - lastSeen <= settings.offlineAfter().toMillis(),
        seen.cpuPct(),
        seen.ramUsedPct());
  }

  public Optional<Host> byId(long id) {
    return Optional.ofNullable(em.find(Host.class, id));
  }

  /** The names of the hosts with these ids; an id with no host is left out. */
  public Map<Long, String> namesOf(Collection<Long> ids) {
    Set<Long> distinct = ids.stream().filter(Objects::nonNull).collect(Collectors.toSet());
    if (distinct.isEmpty()) {
      return Map.of();
    }
    return em
        .createQuery("SELECT h FROM Host h WHERE h.id IN :ids", Host.class)
        .setParameter("ids", distinct)
        .getResultList()
        .stream()
        .collect(Collectors.toMap(Host::getId, Host::getName));
  }

  public Optional<Host> byName(String name) {
    return em.createNamedQuery("Host.findByName", Host.class)
        .setParameter("name", name)
        .getResultStream()
        .findFirst();
  }
}
