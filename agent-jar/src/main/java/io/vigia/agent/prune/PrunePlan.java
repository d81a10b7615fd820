package io.vigia.agent.prune;

import io.vigia.wire.ContainerClass;
import io.vigia.wire.ContainerInfo;
import io.vigia.wire.ContainerPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a policy says to do with the containers there are now: each container goes to the first
 * class that selects it (never one labelled {@code vigia.protect=true}, never one already being
 * removed); each class keeps its best {@code keep} by its rule, and the rest are to go. Pure: no
 * engine, no clock.
 */
public final class PrunePlan {

  /** A container to stop and remove, with the class and rule that condemned it. */
  public record Removal(ContainerInfo container, String className, String rule) {}

  private PrunePlan() {}

  public static List<Removal> of(ContainerPolicy policy, List<ContainerInfo> containers) {
    if (policy == null || policy.classes() == null || policy.classes().isEmpty()) {
      return List.of();
    }
    Map<ContainerClass, List<ContainerInfo>> members = new LinkedHashMap<>();
    for (ContainerClass k : policy.classes()) {
      members.put(k, new ArrayList<>());
    }
    for (ContainerInfo c : containers) {
      if (isProtected(c) || "removing".equals(c.state()) || "dead".equals(c.state())) {
        continue;
      }
      for (ContainerClass k : policy.classes()) {
        if (selects(k, c)) {
          members.get(k).add(c);
          break;
        }
      }
    }
    List<Removal> out = new ArrayList<>();
    for (Map.Entry<ContainerClass, List<ContainerInfo>> e : members.entrySet()) {
      ContainerClass k = e.getKey();
      List<ContainerInfo> ranked = new ArrayList<>(e.getValue());
      ranked.sort(order(k.keepBy()).thenComparing(ContainerInfo::id));
      String rule = rule(k);
      for (int i = Math.max(0, k.keep()); i < ranked.size(); i++) {
        out.add(new Removal(ranked.get(i), k.name(), rule));
      }
    }
    return out;
  }

  /** How a class's rule reads in events: {@code keep 2 newest (label vigia.class=low)}. */
  public static String rule(ContainerClass k) {
    StringBuilder s = new StringBuilder("keep ").append(k.keep()).append(' ').append(k.keepBy());
    List<String> by = new ArrayList<>();
    if (k.label() != null) {
      by.add("label " + k.label());
    }
    if (k.image() != null) {
      by.add("image " + k.image());
    }
    return by.isEmpty() ? s.toString() : s.append(" of ").append(String.join(", ", by)).toString();
  }

  static boolean isProtected(ContainerInfo c) {
    return c.labels() != null
        && "true".equalsIgnoreCase(c.labels().get(ContainerPolicy.PROTECT_LABEL));
  }

  /** Label and image conditions both hold; a class with neither selects nothing. */
  static boolean selects(ContainerClass k, ContainerInfo c) {
    if (k.label() == null && k.image() == null) {
      return false;
    }
    if (k.label() != null) {
      if (c.labels() == null) {
        return false;
      }
      int eq = k.label().indexOf('=');
      if (eq < 0) {
        if (!c.labels().containsKey(k.label())) {
          return false;
        }
      } else if (!Objects.equals(
          c.labels().get(k.label().substring(0, eq)), k.label().substring(eq + 1))) {
        return false;
      }
    }
    return k.image() == null || (c.image() != null && glob(k.image()).matcher(c.image()).matches());
  }

  static Pattern glob(String glob) {
    StringBuilder re = new StringBuilder();
    for (char ch : glob.toCharArray()) {
      switch (ch) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        default -> re.append(Pattern.quote(String.valueOf(ch)));
      }
    }
    return Pattern.compile(re.toString());
  }

  /** Best first: the ones kept. Unknown figures count as 0, an unknown creation as oldest. */
  private static Comparator<ContainerInfo> order(String keepBy) {
    Comparator<ContainerInfo> cpu = Comparator.comparingDouble(c -> orZero(c.cpuPct()));
    Comparator<ContainerInfo> mem =
        Comparator.comparingLong(c -> c.memUsedBytes() == null ? 0 : c.memUsedBytes());
    return switch (keepBy) {
      case "least-cpu" -> cpu;
      case "most-cpu" -> cpu.reversed();
      case "least-memory" -> mem;
      case "most-memory" -> mem.reversed();
      default ->
          Comparator.comparingLong(
                  (ContainerInfo c) -> c.createdMs() == null ? Long.MIN_VALUE : c.createdMs())
              .reversed();
    };
  }

  private static double orZero(Double d) {
    return d == null ? 0 : d;
  }
}
