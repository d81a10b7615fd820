package io.vigia.agent.ship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigia.wire.Batch;
import io.vigia.wire.CommandResult;
import io.vigia.wire.ContainerEvent;
import io.vigia.wire.ContainerInfo;
import io.vigia.wire.Cpu;
import io.vigia.wire.Load;
import io.vigia.wire.Memory;
import io.vigia.wire.ProcessCounts;
import io.vigia.wire.ProcessInfo;
import io.vigia.wire.Processes;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class BatchJsonTest {

  private static final Jsonb JSONB = JsonbBuilder.create();

  @AfterAll
  static void close() throws Exception {
    JSONB.close();
  }

  static Batch fullBatch() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("com.docker.compose.project", "shop");
    labels.put("odd \"label\"\\", "tab\there, newline\nthere, \u0001 and ñ, € and 𝄞");
    labels.put("empty", "");
    return new Batch(
        "agent-1",
        "web-01",
        42L,
        1_795_000_000_000L,
        "proc",
        new Cpu(12.5, 2, List.of(10.0, 15.0)),
        new Memory(8_000_000L, 1_000_000L, 6_000_000L, 1L, 2L, null, 0L),
        new Load(0.1, 0.2, 1e-7),
        new Processes(
            new ProcessCounts(2, 1, 1, 0, 0, 0, 0),
            List.of(
                new ProcessInfo(1, 0, 5L, "systemd", "/sbin/init", "root", 0, "S", 0.0, 9000L, 0.1),
                new ProcessInfo(
                    4242,
                    1,
                    777L,
                    "we (ird) \"name\" ñ",
                    null,
                    null,
                    1001,
                    "R",
                    150.0,
                    123L,
                    0.0))),
        List.of(
            new ContainerInfo(
                "f".repeat(64),
                "shop-web-1",
                "nginx:1.27",
                "running",
                3.5,
                1024L,
                Long.MAX_VALUE,
                labels,
                0,
                2,
                1_795_000_000_000L,
                1_795_000_001_000L,
                false,
                0.5,
                7.0),
            ContainerInfo.basic("abc", null, null, "running", null, null, null)),
        List.of(new CommandResult(9L, "refused", "pid reused")),
        List.of(
            new ContainerEvent(
                1L, "abc", "x", null, "oom", 137, null, null, null, null, null, "<b>&</b>")),
        "v7");
  }

  @Test
  void writesWhatJsonBWritesForAFullBatch() {
    Batch batch = fullBatch();

    String json = new BatchJson().json(batch);

    assertThat(tree(json)).isEqualTo(tree(JSONB.toJson(batch)));
    assertThat(JSONB.fromJson(json, Batch.class)).isEqualTo(batch);
  }

  @Test
  void leavesNullsOutAsJsonBDoes() {
    String json = new BatchJson().json(Batch.ofHost("a", "h", 1, 2, null, null, null, null));

    assertThat(json).isEqualTo("{\"agentId\":\"a\",\"host\":\"h\",\"seq\":1,\"ts\":2}");
  }

  @Test
  void gzipsToWhatGunzipReadsBackBatchAfterBatch() throws Exception {
    BatchJson writer = new BatchJson();
    Batch batch = fullBatch();
    for (int i = 0; i < 3; i++) { // the deflater and buffers are reused
      byte[] gz = writer.gzip(batch);
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
        String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        assertThat(JSONB.fromJson(json, Batch.class)).isEqualTo(batch);
      }
    }
  }

  @Test
  void refusesWhatJsonCannotSay() {
    Batch batch = Batch.ofHost("a", "h", 1, 2, null, new Cpu(Double.NaN, 1, null), null, null);

    assertThatThrownBy(() -> new BatchJson().json(batch))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static JsonValue tree(String json) {
    return Json.createReader(new StringReader(json)).readValue();
  }
}
