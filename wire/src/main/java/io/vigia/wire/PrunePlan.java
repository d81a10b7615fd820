package io.vigia.wire;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a {@link ContainerPolicy} says to do with the containers there are now: each container goes
 * to the first class that selects it (never one labelled {@code vigia.protect=true}, never one
 * already being removed); each class keeps its best {@code keep} by its rule, and the rest are to
 * go. Pure: no engine, no clock. The agent applies it every interval; the monitor previews a policy
 * with it before an admin saves one, so both decide alike.
 */
public final class PrunePlan {

  /** What the policy does with one container. */
  public enum Fate {
    /** Selected by a class and among the ones it keeps. */
    KEEP,
    /** Selected by a class beyond the ones it keeps: stopped and removed (reported in dry run). */
    REMOVE,
    /** Labelled {@code vigia.protect=true}: never touched. */
    PROTECTED,
    /** Selected by no class: never touched. */
    UNSELECTED,
    /** Being removed already, or dead: left to the engine. */
    LEAVING
  }

  /**
   * The fate of one container, and why.
   *
   * @param containerClass the class that selected it; null unless kept or removed
   * @param rank its place in that class by the class's rule, from 1 (the best); 0 without a class
   * @param selected how many containers that class selected; 0 without a class
   */
  public record Decision(
      ContainerInfo container, Fate fate, ContainerClass containerClass, int rank, int selected) {}

  /** A container to stop and remove, with the class and rule that condemned it. */
  public record Removal(ContainerInfo container, String className, String rule) {}

  private PrunePlan() {}

  /**
   * The fate of every container: each class's in the policy's order, best first (kept, then
   * removed), then the ones no class touches in the order given.
   */
  public static List<Decision> decide(ContainerPolicy policy, List<ContainerInfo> containers) {
    if (containers == null) {
      return List.of();
    }
    List<ContainerClass> classes =
        policy == null || policy.classes() == null ? List.of() : policy.classes();
    List<List<ContainerInfo>> members = new ArrayList<>();
    classes.forEach(k -> members.add(new ArrayList<>()));
    List<Decision> untouched = new ArrayList<>();
    for (ContainerInfo c : containers) {
      if (isProtected(c)) {
        untouched.add(new Decision(c, Fate.PROTECTED, null, 0, 0));
      } else if ("removing".equals(c.state()) || "dead".equals(c.state())) {
        untouched.add(new Decision(c, Fate.LEAVING, null, 0, 0));
      } else {
        int k = firstSelecting(classes, c);
        if (k < 0) {
          untouched.add(new Decision(c, Fate.UNSELECTED, null, 0, 0));
        } else {
          members.get(k).add(c);
        }
      }
    }
    List<Decision> out = new ArrayList<>();
    for (int i = 0; i < classes.size(); i++) {
      ContainerClass k = classes.get(i);
      List<ContainerInfo> ranked = members.get(i);
      ranked.sort(order(k.keepBy()).thenComparing(ContainerInfo::id));
      int keep = Math.max(0, k.keep());
      for (int r = 0; r < ranked.size(); r++) {
        Fate fate = r < keep ? Fate.KEEP : Fate.REMOVE;
        out.add(new Decision(ranked.get(r), fate, k, r + 1, ranked.size()));
      }
    }
    out.addAll(untouched);
    return out;
  }

  /** The containers to stop and remove, class by class in the policy's order. */
  public static List<Removal> of(ContainerPolicy policy, List<ContainerInfo> containers) {
    return decide(policy, containers).stream()
        .filter(d -> d.fate() == Fate.REMOVE)
        .map(d -> new Removal(d.container(), d.containerClass().name(), rule(d.containerClass())))
        .toList();
  }

  private static int firstSelecting(List<ContainerClass> classes, ContainerInfo c) {
    for (int i = 0; i < classes.size(); i++) {
      if (selects(classes.get(i), c)) {
        return i;
      }
    }
    return -1;
  }

  /** How a class's rule reads in events: {@code keep 2 newest of label vigia.class=low}. */
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
    return switch (keepBy == null ? "newest" : keepBy) {
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
