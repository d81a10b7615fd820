package io.vigia.monitor.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.wire.ContainerEvent;
import org.junit.jupiter.api.Test;

/**
 * The row ingest writes for what an agent reports of a container: every column as {@link
 * EventLog#record} would write it — the English the API answers with, the text the pages word in
 * their own language, and a severity that flags what went wrong.
 */
class ContainerEventTest {

  private static final String ID =
      "4f1c0de5a7e9b8c6d2f3a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0";

  private static ContainerEvent event(String action, String name, Integer exitCode) {
    return new ContainerEvent(
        1_000L, ID, name, "vigia-stress:1", action, exitCode, null, null, null, null, null, null);
  }

  /** The event with the container's last CPU and memory, and the policy's words when given. */
  private static ContainerEvent last(
      ContainerEvent e, double cpu, long used, long limit, String... policy) {
    boolean byPolicy = policy.length == 3;
    return new ContainerEvent(
        e.ts(),
        e.containerId(),
        e.name(),
        byPolicy ? null : e.image(),
        e.action(),
        e.exitCode(),
        cpu,
        used,
        limit,
        byPolicy ? policy[0] : null,
        byPolicy ? policy[1] : null,
        byPolicy ? policy[2] : null);
  }

  private static String spanish(String json) {
    return EventText.fromJson(json).orElseThrow().in(EventTextTest.SPANISH);
  }

  @Test
  void logsAnOomKillAsAWarningWithTheContainersLastFigures() {
    Event e =
        EventLog.containerEvent(
            7, last(event("oom", "filler-1", null), 3.5, 67_108_864L, 67_108_864L));

    assertThat(e.getId()).isNull();
    assertThat(e.getTsMs()).isEqualTo(1_000L);
    assertThat(e.getHostId()).isEqualTo(7L);
    assertThat(e.getKind()).isEqualTo("container");
    assertThat(e.getSeverity()).isEqualTo("warning");
    assertThat(e.getActor()).isEqualTo("agent");
    assertThat(e.getMessage()).isEqualTo("container filler-1 (4f1c0de5a7e9) oom");
    assertThat(e.getDetail())
        .isEqualTo("image vigia-stress:1; last CPU 3.5 %; last memory 64.0 MiB of 64.0 MiB");
    assertThat(spanish(e.getMessageText()))
        .isEqualTo("contenedor filler-1 (4f1c0de5a7e9): sin memoria (OOM)");
    assertThat(spanish(e.getDetailText()))
        .isEqualTo("imagen vigia-stress:1; última CPU 3,5 %; última memoria 64,0 MiB de 64,0 MiB");
  }

  @Test
  void logsAPruneWithItsClassRuleAndOutcome() {
    ContainerEvent pruned =
        last(
            event("prune", "burner-7", null),
            49.8,
            1_048_576L,
            2_097_152L,
            "high-cpu",
            "keep 2 newest",
            "stopped and removed");
    Event e = EventLog.containerEvent(7, pruned);

    assertThat(e.getSeverity()).isEqualTo("warning");
    assertThat(e.getMessage())
        .isEqualTo(
            "container burner-7 (4f1c0de5a7e9) stopped and removed by class high-cpu,"
                + " rule keep 2 newest");
    assertThat(e.getDetail())
        .isEqualTo("last CPU 49.8 %; last memory 1.0 MiB of 2.0 MiB; stopped and removed");
    assertThat(spanish(e.getMessageText()))
        .isEqualTo(
            "contenedor burner-7 (4f1c0de5a7e9) detenido y eliminado por la clase high-cpu,"
                + " regla keep 2 newest");
  }

  @Test
  void warnsOnlyOfAFailedExitAndNamesAnUnnamedContainerByItsShortId() {
    assertThat(EventLog.containerEvent(7, event("die", "web", 0)).getSeverity()).isEqualTo("info");
    assertThat(EventLog.containerEvent(7, event("die", "web", 137)).getSeverity())
        .isEqualTo("warning");
    Event start = EventLog.containerEvent(7, event("start", null, null));
    assertThat(start.getSeverity()).isEqualTo("info");
    assertThat(start.getMessage()).isEqualTo("container 4f1c0de5a7e9 start");
    assertThat(spanish(start.getMessageText())).isEqualTo("contenedor 4f1c0de5a7e9: iniciado");
  }
}
