package io.vigia.monitor.security;

import io.vigia.monitor.event.EventKind;
import io.vigia.monitor.event.EventLog;
import io.vigia.monitor.event.EventText;
import io.vigia.monitor.event.Severity;
import io.vigia.monitor.host.MonitorSettings;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;

/**
 * The fleet key agents trade for a host token. Until an admin generates one, it is the configured
 * {@code vigia.fleet.key} (enrolment is closed while that is unset too); from the first generated
 * key on, only the newest generated key enrols, and the configured one is refused whatever it is. A
 * generated key is shown once to the admin who asked for it and stored only as its SHA-256. Agents
 * already enrolled keep their host tokens: a new key only changes how new agents enrol.
 */
@Stateless
public class FleetKeys {

  @PersistenceContext(unitName = "vigia")
  private EntityManager em;

  @Inject private MonitorSettings settings;
  @Inject private EventLog events;

  /** Where the key in force comes from. */
  public enum Source {
    /** generated on the Administration page */
    GENERATED,
    /** {@code vigia.fleet.key}, while no key was ever generated */
    CONFIGURED,
    /** none: enrolment is closed */
    NONE
  }

  /**
   * The key in force, as admins may see it: never the key.
   *
   * @param since when it was generated (null unless generated)
   * @param by who generated it (null unless generated)
   */
  public record State(Source source, Instant since, String by) {}

  /** What a presented key is worth. */
  public enum Check {
    ACCEPTED,
    WRONG,
    /** no key is in force: nobody can enrol */
    CLOSED
  }

  public State state() {
    Optional<FleetKey> generated = newest();
    if (generated.isPresent()) {
      FleetKey k = generated.get();
      return new State(Source.GENERATED, Instant.ofEpochMilli(k.getCreatedMs()), k.getCreatedBy());
    }
    return new State(settings.fleetKey().isPresent() ? Source.CONFIGURED : Source.NONE, null, null);
  }

  public Check check(String presented) {
    Optional<FleetKey> generated = newest();
    if (generated.isPresent()) {
      return Secrets.constantTimeEquals(Secrets.sha256Hex(presented), generated.get().getKeyHash())
          ? Check.ACCEPTED
          : Check.WRONG;
    }
    return settings
        .fleetKey()
        .map(k -> Secrets.constantTimeEquals(presented, k) ? Check.ACCEPTED : Check.WRONG)
        .orElse(Check.CLOSED);
  }

  /**
   * Generates a new fleet key, in force from the commit on (the one before is refused from then on,
   * on every node), and logs who did it — never the key.
   *
   * @return the key, to be shown once: only its hash is kept
   */
  public String rotate(String actor, long nowMs) {
    String key = Secrets.newToken();
    em.persist(new FleetKey(Secrets.sha256Hex(key), nowMs, actor));
    events.record(
        nowMs,
        null,
        EventKind.FLEET_KEY_ROTATED,
        Severity.WARNING,
        actor,
        EventText.of("fleetKey.rotated"),
        EventText.of("fleetKey.rotatedDetail"));
    return key;
  }

  private Optional<FleetKey> newest() {
    return em.createNamedQuery("FleetKey.newestFirst", FleetKey.class)
        .setMaxResults(1)
        .getResultStream()
        .findFirst();
  }
}
