package io.vigia.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The planner the agent applies and the monitor previews with. */
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

  private static List<String> fates(List<PrunePlan.Decision> ds) {
    return ds.stream()
        .map(
            d ->
                d.container().id()
                    + " "
                    + d.fate()
                    + (d.containerClass() == null
                        ? ""
                        : " " + d.containerClass().name() + " " + d.rank() + "/" + d.selected()))
        .toList();
  }

  @Test
  void decidesEveryContainersFateClassByClassBestFirstThenTheUntouched() {
    var protectedHot = Map.of("vigia.class", "high-cpu", "vigia.protect", "TRUE");
    var p =
        new ContainerPolicy(
            "1",
            true,
            List.of(
                new ContainerClass("hot", "vigia.class=high-cpu", null, 1, "most-cpu"),
                new ContainerClass("idle", null, "busybox*", 2, "newest")));
    var going =
        new ContainerInfo(
            "gone",
            "n-gone",
            "busybox",
            "removing",
            0.0,
            0L,
            1L << 30,
            LOW,
            0,
            0,
            9L,
            9L,
            false,
            2.0,
            0.0);
    var cs =
        List.of(
            c("db", Map.of(), "mysql:8.4", 1, 5, 0),
            c("h1", HOT, "x", 1, 10, 0),
            c("i1", LOW, "busybox", 1, 0, 0),
            c("h2", HOT, "x", 2, 80, 0),
            c("p", protectedHot, "x", 3, 99, 0),
            going,
            c("i2", LOW, "busybox:1", 3, 0, 0),
            c("i3", null, "busybox", 2, 0, 0));

    List<PrunePlan.Decision> plan = PrunePlan.decide(p, cs);

    assertThat(fates(plan))
        .containsExactly(
            "h2 KEEP hot 1/2",
            "h1 REMOVE hot 2/2",
            "i2 KEEP idle 1/3",
            "i3 KEEP idle 2/3",
            "i1 REMOVE idle 3/3",
            "db UNSELECTED",
            "p PROTECTED",
            "gone LEAVING");
    assertThat(PrunePlan.of(p, cs))
        .extracting(r -> r.container().id() + " " + r.className() + ": " + r.rule())
        .containsExactly(
            "h1 hot: keep 1 most-cpu of label vigia.class=high-cpu",
            "i1 idle: keep 2 newest of image busybox*");
  }

  @Test
  void keepsNothingOfAClassThatKeepsZeroAndDecidesNothingWithoutContainers() {
    var p =
        new ContainerPolicy(
            "1", false, List.of(new ContainerClass("low", "vigia.class", null, 0, "least-cpu")));
    var cs = List.of(c("a", LOW, "busybox", 1, 3, 0), c("b", LOW, "busybox", 2, 1, 0));

    assertThat(fates(PrunePlan.decide(p, cs)))
        .containsExactly("b REMOVE low 1/2", "a REMOVE low 2/2");
    assertThat(PrunePlan.decide(p, null)).isEmpty();
    assertThat(PrunePlan.decide(p, List.of())).isEmpty();
    assertThat(fates(PrunePlan.decide(ContainerPolicy.NONE, cs)))
        .containsExactly("a UNSELECTED", "b UNSELECTED");
  }

  @Test
  void ranksTiesByIdSoTheAgentAndThePreviewAgree() {
    var p =
        new ContainerPolicy(
            "1", false, List.of(new ContainerClass("low", "vigia.class", null, 1, "most-memory")));
    var cs =
        List.of(c("z", LOW, "b", 1, 0, 7), c("m", LOW, "b", 1, 0, 7), c("a", LOW, "b", 1, 0, 7));

    assertThat(fates(PrunePlan.decide(p, cs)))
        .containsExactly("a KEEP low 1/3", "m REMOVE low 2/3", "z REMOVE low 3/3");
  }
}
