package io.vigia.web.ui;

import io.vigia.wire.ProcessInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.primefaces.model.DefaultTreeNode;
import org.primefaces.model.TreeNode;

/**
 * A host's processes as a tree by parent, for the host page's TreeTable: siblings in the chosen
 * order, open where the viewer opened them. A search keeps the matching processes (by name, command
 * line, user or exact pid) and the ancestors that lead to them, all open.
 *
 * <p>Cheap at 2,000 processes a second: the nodes are plain objects built in one pass, and the
 * TreeTable renders the rows of open nodes only (by default the children of the roots).
 *
 * @param root the invisible root whose children are the tree's roots
 * @param matches how many processes matched the search (all of them without one)
 * @param truncated whether more matched than {@link #MAX_MATCHES}, the most the tree shows
 */
record ProcessTree(TreeNode<ProcessInfo> root, int matches, boolean truncated) {

  /** The most matches a search shows (the first in the chosen order). */
  static final int MAX_MATCHES = 300;

  /** How siblings are ordered. */
  enum Order {
    CPU(
        Comparator.comparing(
            ProcessInfo::cpuPct, Comparator.nullsLast(Comparator.<Double>reverseOrder()))),
    RAM(
        Comparator.comparing(
            ProcessInfo::rssKb, Comparator.nullsLast(Comparator.<Long>reverseOrder()))),
    PID(Comparator.comparingInt(ProcessInfo::pid));

    final Comparator<ProcessInfo> comparator;

    Order(Comparator<ProcessInfo> first) {
      this.comparator = first.thenComparingInt(ProcessInfo::pid);
    }

    /** The order named {@code cpu}, {@code ram} or {@code pid}; CPU for anything else. */
    static Order parse(String name) {
      for (Order o : values()) {
        if (o.name().equalsIgnoreCase(name)) {
          return o;
        }
      }
      return CPU;
    }
  }

  static ProcessTree of(List<ProcessInfo> all, String search, Order order, Set<Integer> expanded) {
    Map<Integer, ProcessInfo> byPid = new HashMap<>(all.size() * 2);
    for (ProcessInfo p : all) {
      byPid.put(p.pid(), p);
    }
    Collection<ProcessInfo> shown = all;
    int matches = all.size();
    boolean truncated = false;
    boolean searching = search != null && !search.isBlank();
    if (searching) {
      List<ProcessInfo> found =
          all.stream().filter(matcher(search)).sorted(order.comparator).toList();
      matches = found.size();
      truncated = matches > MAX_MATCHES;
      Set<ProcessInfo> withAncestors = new LinkedHashSet<>();
      for (ProcessInfo p : found.subList(0, Math.min(matches, MAX_MATCHES))) {
        ProcessInfo at = p;
        while (at != null && withAncestors.add(at)) {
          at = isRoot(at, byPid) ? null : byPid.get(at.ppid());
        }
      }
      shown = withAncestors;
    }
    Map<Integer, List<ProcessInfo>> children = new HashMap<>();
    List<ProcessInfo> roots = new ArrayList<>();
    for (ProcessInfo p : shown) {
      if (isRoot(p, byPid)) {
        roots.add(p);
      } else {
        children.computeIfAbsent(p.ppid(), k -> new ArrayList<>()).add(p);
      }
    }
    TreeNode<ProcessInfo> root = new DefaultTreeNode<>(null, null);
    Set<Integer> placed = new HashSet<>();
    Set<Integer> open = searching ? null : expanded;
    add(root, roots, children, order, open, placed);
    // Processes in a parent loop (a hostile or torn list) reach no root: each loop is shown from
    // one of its members, so nothing the host sent goes missing.
    for (ProcessInfo p : shown) {
      if (!placed.contains(p.pid())) {
        add(root, new ArrayList<>(List.of(p)), children, order, open, placed);
      }
    }
    return new ProcessTree(root, matches, truncated);
  }

  /**
   * The pids open when the page opens: the roots but kthreadd (its children are kernel threads).
   */
  static Set<Integer> defaultOpen(List<ProcessInfo> all) {
    Set<Integer> pids = new HashSet<>();
    for (ProcessInfo p : all) {
      pids.add(p.pid());
    }
    Set<Integer> open = new HashSet<>();
    for (ProcessInfo p : all) {
      if (p.pid() != 2 && (p.ppid() == 0 || p.ppid() == p.pid() || !pids.contains(p.ppid()))) {
        open.add(p.pid());
      }
    }
    return open;
  }

  private static boolean isRoot(ProcessInfo p, Map<Integer, ProcessInfo> byPid) {
    return p.ppid() == 0 || p.ppid() == p.pid() || !byPid.containsKey(p.ppid());
  }

  /** Adds the processes under {@code parent}, depth first; {@code open} null opens every node. */
  private static void add(
      TreeNode<ProcessInfo> parent,
      List<ProcessInfo> level,
      Map<Integer, List<ProcessInfo>> children,
      Order order,
      Set<Integer> open,
      Set<Integer> placed) {
    level.sort(order.comparator);
    for (ProcessInfo p : level) {
      if (!placed.add(p.pid())) {
        continue; // a pid listed twice, or a parent loop in a hostile list: each pid once
      }
      TreeNode<ProcessInfo> node = new DefaultTreeNode<>(p, parent);
      List<ProcessInfo> kids = children.get(p.pid());
      if (kids != null) {
        node.setExpanded(open == null || open.contains(p.pid()));
        add(node, kids, children, order, open, placed);
      }
    }
  }

  /** Name, command line or user containing the text (any case), or the pid equal to it. */
  static java.util.function.Predicate<ProcessInfo> matcher(String search) {
    String q = search.strip().toLowerCase(Locale.ROOT);
    return p ->
        Integer.toString(p.pid()).equals(q)
            || contains(p.name(), q)
            || contains(p.command(), q)
            || contains(p.user(), q);
  }

  private static boolean contains(String s, String q) {
    return s != null && s.toLowerCase(Locale.ROOT).contains(q);
  }
}
