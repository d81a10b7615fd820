package io.vigia.agent.prune;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.wire.ContainerClass;
import io.vigia.wire.ContainerInfo;
import io.vigia.wire.ContainerPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrunePlanTest {

  private static ContainerInfo c(
      String id, Map<String, String> labels, String image, long created, double cpu, long mem) {
    return new ContainerInfo(
        id, "n-" + id, image, "running", cpu, mem, 1L << 30, labels, 0, 0, created, created, false,
        2.0, cpu / 2);
  }

  private static final Map<String, String> LOW = Map.of("vigia.class", "low");
  private static final Map<String, String> HOT = Map.of("vigia.class", "high-cpu");

  private static List<String> removed(ContainerPolicy p, List<ContainerInfo> cs) {
    return PrunePlan.of(p, cs).stream().map(r -> r.container().id()).toList();
  }

  @Test
  void keepsTheNewestKOfAClassAndCondemnsTheRest() {
    var p =
        new ContainerPolicy(
            "1", false, List.of(new ContainerClass("low", "vigia.class=low", null, 2, "newest")));
    var cs =
        List.of(
            c("a", LOW, "busybox", 1, 0, 0),
            c("b", LOW, "busybox", 4, 0, 0),
            c("c", LOW, "busybox", 3, 0, 0),
            c("d", LOW, "busybox", 2, 0, 0));

    assertThat(removed(p, cs)).containsExactly("d", "a");
    assertThat(PrunePlan.of(p, cs).get(0).rule())
        .isEqualTo("keep 2 newest of label vigia.class=low");
  }

  @Test
  void keepsByCpuOrMemoryEitherWay() {
    var cs =
        List.of(
            c("a", HOT, "x", 1, 90, 10), c("b", HOT, "x", 2, 10, 30), c("c", HOT, "x", 3, 50, 20));
    ContainerClass most = new ContainerClass("hot", "vigia.class=high-cpu", null, 1, "most-cpu");
    ContainerClass least = new ContainerClass("hot", "vigia.class", null, 1, "least-memory");

    assertThat(removed(new ContainerPolicy("1", false, List.of(most)), cs))
        .containsExactlyInAnyOrder("b", "c");
    assertThat(removed(new ContainerPolicy("1", false, List.of(least)), cs))
        .containsExactlyInAnyOrder("b", "c");
  }

  @Test
  void neverTouchesProtectedOrUnselectedContainers() {
    var protectedLow = Map.of("vigia.class", "low", "vigia.protect", "true");
    var p =
        new ContainerPolicy(
            "1", false, List.of(new ContainerClass("low", "vigia.class=low", null, 0, "newest")));
    var cs =
        List.of(
            c("a", LOW, "busybox", 1, 0, 0),
            c("p", protectedLow, "busybox", 2, 0, 0),
            c("db", Map.of(), "mysql:8.4", 3, 0, 0),
            c("nolabels", null, "busybox", 4, 0, 0));

    assertThat(removed(p, cs)).containsExactly("a");
  }

  @Test
  void imageGlobsSelectAndAContainerBelongsToItsFirstClassOnly() {
    var p =
        new ContainerPolicy(
            "1",
            false,
            List.of(
                new ContainerClass("stress", null, "vigia/stress:*", 1, "newest"),
                new ContainerClass("low", "vigia.class=low", null, 5, "newest")));
    var cs =
        List.of(
            c("a", LOW, "vigia/stress:1", 1, 0, 0),
            c("b", LOW, "vigia/stress:1", 2, 0, 0),
            c("c", LOW, "other", 3, 0, 0));

    assertThat(removed(p, cs)).containsExactly("a");
    assertThat(PrunePlan.glob("a?c*").matcher("abcdef").matches()).isTrue();
    assertThat(PrunePlan.glob("a.c").matcher("abc").matches()).as("dots are literal").isFalse();
  }

  @Test
  void noPolicyOrAClassWithoutConditionsRemovesNothing() {
    var cs = List.of(c("a", LOW, "busybox", 1, 0, 0));

    assertThat(removed(ContainerPolicy.NONE, cs)).isEmpty();
    assertThat(removed(null, cs)).isEmpty();
    assertThat(
            removed(
                new ContainerPolicy(
                    "1", false, List.of(new ContainerClass("all", null, null, 0, "newest"))),
                cs))
        .isEmpty();
  }
}
