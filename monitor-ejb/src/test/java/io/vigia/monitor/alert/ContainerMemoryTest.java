package io.vigia.monitor.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.monitor.alert.HeldCondition.Verdict;
import io.vigia.wire.ContainerInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerMemoryTest {

  @Test
  void isThePercentageOfTheLimit() {
    assertThat(ContainerMemory.usedPct(450L << 20, 500L << 20)).hasValue(90.0);
  }

  @Test
  void isAbsentWithoutALimitOrAUse() {
    assertThat(ContainerMemory.usedPct(100L, null)).isEmpty();
    assertThat(ContainerMemory.usedPct(100L, 0L)).isEmpty();
    assertThat(ContainerMemory.usedPct(null, 100L)).isEmpty();
  }

  @Test
  void aContainerNearItsLimitForAMinuteHoldsARule() {
    long now = 1_800_000_000_000L;
    List<Reading> readings =
        List.of(
            new Reading(now - 60_000, ContainerMemory.usedPct(96L, 100L).getAsDouble()),
            new Reading(now - 30_000, ContainerMemory.usedPct(97L, 100L).getAsDouble()),
            new Reading(now, ContainerMemory.usedPct(98L, 100L).getAsDouble()));

    assertThat(
            HeldCondition.judge(readings, AlertOperator.ABOVE, 95, now, 60_000, 30_000).verdict())
        .isEqualTo(Verdict.HOLDS);
  }

  @Test
  void isNamedByDockerOrByItsShortId() {
    String id = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    assertThat(ContainerMemory.label(id, "web")).isEqualTo("web");
    assertThat(ContainerMemory.label(id, null)).isEqualTo("0123456789ab");
    assertThat(ContainerMemory.label(id, " ")).isEqualTo("0123456789ab");
    assertThat(ContainerMemory.label("abc", null)).isEqualTo("abc");
    assertThat(ContainerMemory.label(null, null)).isNull();
  }

  @Test
  void isWatchedWhileItRuns() {
    assertThat(ContainerMemory.running(container("running"))).isTrue();
    assertThat(ContainerMemory.running(container("paused"))).isTrue();
    assertThat(ContainerMemory.running(container(null))).as("a cgroup without Docker").isTrue();
    assertThat(ContainerMemory.running(container("exited"))).isFalse();
    assertThat(ContainerMemory.running(container("Dead"))).isFalse();
    assertThat(ContainerMemory.running(container("created"))).isFalse();
  }

  private static ContainerInfo container(String state) {
    return ContainerInfo.basic("c1", "web", "busybox", state, 1.0, 10L, 100L);
  }
}
