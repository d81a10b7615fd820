package io.vigia.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.wire.Batch;
import io.vigia.wire.Cpu;
import io.vigia.wire.Load;
import io.vigia.wire.Memory;
import io.vigia.wire.ProcessCounts;
import io.vigia.wire.Processes;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
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
}
