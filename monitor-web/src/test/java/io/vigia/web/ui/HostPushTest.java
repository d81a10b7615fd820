package io.vigia.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.wire.Batch;
import io.vigia.wire.ContainerInfo;
import io.vigia.wire.Cpu;
import io.vigia.wire.Load;
import io.vigia.wire.Memory;
import io.vigia.wire.ProcessCounts;
import io.vigia.wire.Processes;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostPushTest {

  private static JsonObject parse(String json) {
    return Json.createReader(new StringReader(json)).readObject();
  }

  @Test
  void aPointCarriesWhatTheChartsAndFiguresShow() {
    Batch b =
        new Batch(
            "a1",
            "h",
            7L,
            1_700_000_000_000L,
            "proc",
            new Cpu(50.0, 2, List.of(40.0, 60.0)),
            new Memory(1000L, 100L, 250L, 0L, 0L, 400L, 100L),
            new Load(1.5, 1.0, 0.5),
            new Processes(new ProcessCounts(3, 1, 2, 0, 0, 0, 0), List.of()),
            List.of(),
            null,
            null,
            null);

    JsonObject p = parse(HostPush.point(b));

    assertThat(p.getJsonNumber("ts").longValue()).isEqualTo(1_700_000_000_000L);
    assertThat(p.getJsonNumber("cpu").doubleValue()).isEqualTo(50.0);
    assertThat(p.getJsonArray("cores")).hasSize(2);
    assertThat(p.getJsonNumber("ram").doubleValue()).isEqualTo(75.0);
    assertThat(p.getJsonNumber("swap").doubleValue()).isEqualTo(75.0);
    assertThat(p.getJsonArray("load").getJsonNumber(2).doubleValue()).isEqualTo(0.5);
    assertThat(p.getJsonObject("counts").getInt("S")).isEqualTo(2);
    assertThat(p.getInt("processes")).isZero();
    assertThat(p.getInt("containers")).isZero();
  }

  @Test
  void whatTheBatchLacksIsNullNotZero() {
    JsonObject p = parse(HostPush.point(Batch.ofHost("a1", "h", 1, 5, "proc", null, null, null)));

    assertThat(p.isNull("cpu")).isTrue();
    assertThat(p.isNull("cores")).isTrue();
    assertThat(p.isNull("swap")).isTrue();
    assertThat(p.isNull("load")).isTrue();
    assertThat(p.isNull("counts")).isTrue();
    assertThat(p.isNull("processes")).isTrue();
  }

  @Test
  void aPointCarriesTheTenBusiestRunningContainersOnly() {
    List<ContainerInfo> containers = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      containers.add(
          ContainerInfo.basic(
              "id" + i, i == 3 ? null : "c" + i, "img", "running", (double) i, 100L * i, null));
    }
    containers.add(ContainerInfo.basic("gone", "exited", "img", "exited", 99.0, 1L, 2L));
    Batch b =
        new Batch("a1", "h", 1L, 5L, "proc", null, null, null, null, containers, null, null, null);

    JsonArray ctrs = parse(HostPush.point(b)).getJsonArray("ctrs");

    assertThat(ctrs).hasSize(10);
    JsonObject busiest = ctrs.getJsonObject(0);
    assertThat(busiest.getString("id")).isEqualTo("id11");
    assertThat(busiest.getString("name")).isEqualTo("c11");
    assertThat(busiest.getJsonNumber("cpu").doubleValue()).isEqualTo(11.0);
    assertThat(busiest.getJsonNumber("mem").longValue()).isEqualTo(1100L);
    assertThat(busiest.isNull("limit")).isTrue();
    assertThat(ctrs.getJsonObject(8).getString("name"))
        .as("no name: the short id")
        .isEqualTo("id3");
    assertThat(ctrs.stream().map(v -> v.asJsonObject().getString("id")))
        .doesNotContain("gone", "id0", "id1");
  }
}
