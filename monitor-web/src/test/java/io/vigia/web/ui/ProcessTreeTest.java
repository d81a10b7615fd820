package io.vigia.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.wire.ProcessInfo;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.primefaces.model.TreeNode;

class ProcessTreeTest {

  private static ProcessInfo p(int pid, int ppid, String name, Double cpu, Long rss) {
    return new ProcessInfo(
        pid, ppid, 100L + pid, name, name + " --flag", "root", 0, "S", cpu, rss, 1.0);
  }

  private static final List<ProcessInfo> HOST =
      List.of(
          p(1, 0, "init", 0.1, 10L),
          p(2, 0, "kthreadd", 0.0, 0L),
          p(3, 2, "kworker", 0.0, 0L),
          p(10, 1, "sshd", 0.5, 50L),
          p(11, 10, "bash", 2.0, 20L),
          p(12, 11, "sleep", 0.0, 5L),
          p(20, 1, "java", 90.0, 900L));

  private static List<Integer> pids(List<TreeNode<ProcessInfo>> nodes) {
    return nodes.stream().map(n -> n.getData().pid()).toList();
  }

  @Test
  void buildsTheTreeByParentWithSiblingsByCpu() {
    ProcessTree t =
        ProcessTree.of(HOST, null, ProcessTree.Order.CPU, ProcessTree.defaultOpen(HOST));

    assertThat(pids(t.root().getChildren())).containsExactly(1, 2);
    TreeNode<ProcessInfo> init = t.root().getChildren().get(0);
    assertThat(pids(init.getChildren())).containsExactly(20, 10);
    assertThat(init.isExpanded()).isTrue();
    assertThat(t.root().getChildren().get(1).isExpanded()).as("kthreadd stays closed").isFalse();
    assertThat(init.getChildren().get(1).isExpanded()).as("sshd closed by default").isFalse();
    assertThat(t.matches()).isEqualTo(HOST.size());
  }

  @Test
  void ordersSiblingsByMemoryOrPid() {
    ProcessTree byRam = ProcessTree.of(HOST, null, ProcessTree.Order.RAM, Set.of(1));
    assertThat(pids(byRam.root().getChildren().get(0).getChildren())).containsExactly(20, 10);
    ProcessTree byPid = ProcessTree.of(HOST, null, ProcessTree.Order.PID, Set.of(1));
    assertThat(pids(byPid.root().getChildren().get(0).getChildren())).containsExactly(10, 20);
  }

  @Test
  void searchKeepsMatchesAndTheAncestorsLeadingToThemAllOpen() {
    ProcessTree t = ProcessTree.of(HOST, "SLEEP", ProcessTree.Order.CPU, Set.of());

    assertThat(t.matches()).isEqualTo(1);
    TreeNode<ProcessInfo> init = t.root().getChildren().get(0);
    assertThat(pids(t.root().getChildren())).containsExactly(1);
    assertThat(pids(init.getChildren())).containsExactly(10);
    assertThat(pids(init.getChildren().get(0).getChildren())).containsExactly(11);
    assertThat(init.isExpanded()).isTrue();
    assertThat(init.getChildren().get(0).getChildren().get(0).isExpanded()).isTrue();
  }

  @Test
  void searchMatchesAPidExactlyAndTheCommandLineAndUser() {
    assertThat(ProcessTree.of(HOST, "12", ProcessTree.Order.CPU, Set.of()).matches()).isEqualTo(1);
    assertThat(ProcessTree.of(HOST, "--flag", ProcessTree.Order.CPU, Set.of()).matches())
        .isEqualTo(HOST.size());
    assertThat(ProcessTree.of(HOST, "ROOT", ProcessTree.Order.CPU, Set.of()).matches())
        .isEqualTo(HOST.size());
  }

  @Test
  void aProcessWhoseParentIsNotListedIsARootAndAParentLoopEndsIt() {
    List<ProcessInfo> odd =
        List.of(p(5, 99, "orphan", null, null), p(6, 7, "a", 1.0, 1L), p(7, 6, "b", 1.0, 1L));
    ProcessTree t = ProcessTree.of(odd, null, ProcessTree.Order.PID, Set.of(5, 6, 7));
    assertThat(pids(t.root().getChildren())).containsExactly(5, 6);
    assertThat(pids(t.root().getChildren().get(1).getChildren())).containsExactly(7);
    assertThat(ProcessTree.of(odd, "orph", ProcessTree.Order.CPU, Set.of()).matches()).isEqualTo(1);
  }

  @Test
  void aSearchShowsAtMostMaxMatches() {
    List<ProcessInfo> many =
        java.util.stream.IntStream.rangeClosed(1, 2000)
            .mapToObj(i -> p(i, 0, "w" + i, 1.0, 1L))
            .toList();
    ProcessTree t = ProcessTree.of(many, "w", ProcessTree.Order.CPU, Set.of());
    assertThat(t.matches()).isEqualTo(2000);
    assertThat(t.truncated()).isTrue();
    assertThat(t.root().getChildren()).hasSize(ProcessTree.MAX_MATCHES);
  }
}
