package io.vigia.monitor.container;

import io.vigia.wire.ContainerClass;
import io.vigia.wire.ContainerPolicy;
import jakarta.ejb.Stateless;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The stored prune policies: the fleet's and per-host overrides. A host's effective policy is its
 * override when it has one, else the fleet's, else none ({@link ContainerPolicy#NONE}).
 */
@Stateless
public class ContainerPolicies {

  private static final Jsonb JSONB = JsonbBuilder.create();
  private static final Type CLASSES =
      new ArrayList<ContainerClass>() {}.getClass().getGenericSuperclass();

  /** A stored policy as the API shows it. */
  public record Stored(
      String scope, Long hostId, ContainerPolicy policy, long updatedMs, String updatedBy) {}

  /** Longest classes JSON the {@code container_policy.classes} column holds. */
  public static final int MAX_CLASSES_JSON = 12_000;

  @PersistenceContext(unitName = "vigia")
  private EntityManager em;

  /**
   * One thing wrong with a policy's classes beyond their field constraints, as the API lists it
   * ({@link #toString()}) and the policy page shows it beside its field.
   *
   * @param index the class it is about, from 0; -1 for the whole policy
   * @param field the class's field it is about ({@code name}), or null for the class or policy
   * @param kind {@code selector} (a class that selects nothing), {@code duplicate} (a name used
   *     twice) or {@code tooLong} (more than the column holds)
   */
  public record Problem(int index, String field, String kind, String message) {
    @Override
    public String toString() {
      String where = index < 0 ? "classes" : "classes[" + index + "]";
      return (field == null ? where : where + "." + field) + ": " + message;
    }
  }

  /**
   * What is wrong with these classes beyond their field constraints: a class that selects nothing
   * (neither label nor image), a name used twice (events name the class), or more than the column
   * holds. Empty when they can be stored.
   */
  public static List<Problem> check(List<ContainerClass> classes) {
    List<Problem> problems = new ArrayList<>();
    java.util.Set<String> names = new java.util.HashSet<>();
    for (int i = 0; i < classes.size(); i++) {
      ContainerClass c = classes.get(i);
      if (isBlank(c.label()) && isBlank(c.image())) {
        problems.add(
            new Problem(i, null, "selector", "a class needs a label or image to select by"));
      }
      if (!names.add(c.name())) {
        problems.add(new Problem(i, "name", "duplicate", "'" + c.name() + "' is used twice"));
      }
    }
    if (problems.isEmpty() && JSONB.toJson(classes).length() > MAX_CLASSES_JSON) {
      problems.add(
          new Problem(
              -1, null, "tooLong", "more than " + MAX_CLASSES_JSON + " characters of JSON"));
    }
    return problems;
  }

  /** {@link #check} as the API answers it: one line each, {@code classes[1]: ...}. */
  public static List<String> problems(List<ContainerClass> classes) {
    return check(classes).stream().map(Problem::toString).toList();
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  public List<Stored> all() {
    return em.createNamedQuery("PolicyEntry.findAll", PolicyEntry.class).getResultList().stream()
        .map(ContainerPolicies::stored)
        .toList();
  }

  /** The fleet's policy ({@code hostId} null) or a host's override. */
  public Optional<Stored> find(Long hostId) {
    return Optional.ofNullable(em.find(PolicyEntry.class, PolicyEntry.scopeOf(hostId)))
        .map(ContainerPolicies::stored);
  }

  /**
   * Writes the fleet's policy ({@code hostId} null) or a host's override; a new version. The
   * classes must have passed {@link #problems}.
   */
  public Stored put(
      Long hostId, boolean dryRun, List<ContainerClass> classes, String by, long now) {
    String scope = PolicyEntry.scopeOf(hostId);
    PolicyEntry e = em.find(PolicyEntry.class, scope);
    if (e == null) {
      e = new PolicyEntry(scope, hostId);
      em.persist(e);
    }
    String version =
        (hostId == null ? "f" : "h" + hostId)
            + "-"
            + UUID.randomUUID().toString().substring(0, 8)
            + "-"
            + now;
    e.set(dryRun, JSONB.toJson(classes == null ? List.of() : classes), version, now, by);
    return stored(e);
  }

  /** Removes the fleet's policy or a host's override; whether there was one. */
  public boolean delete(Long hostId) {
    PolicyEntry e = em.find(PolicyEntry.class, PolicyEntry.scopeOf(hostId));
    if (e == null) {
      return false;
    }
    em.remove(e);
    return true;
  }

  static Stored stored(PolicyEntry e) {
    List<ContainerClass> classes = JSONB.fromJson(e.getClasses(), CLASSES);
    return new Stored(
        e.getScope(),
        e.getHostId(),
        new ContainerPolicy(e.getVersion(), e.isDryRun(), classes),
        e.getUpdatedMs(),
        e.getUpdatedBy());
  }
}
