package io.vigia.agent.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigia.wire.ProcessCounts;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ModuleCpuTest {

  private static ModuleCpu.Reading capture(String name) throws Exception {
    try (InputStream in = Files.newInputStream(Fixtures.resource("/kernel-module/" + name))) {
      return ModuleCpu.parse(in);
    }
  }

  private static ModuleCpu.Reading parse(byte[] json) throws ModuleFormatException {
    return ModuleCpu.parse(new ByteArrayInputStream(json));
  }

  private static Map<Integer, Task> byPid(ModuleCpu.Reading r) {
    return r.tasks().stream().collect(Collectors.toMap(Task::pid, Function.identity()));
  }

  @Test
  void readsHeaderCpuTimesInNanoseconds() throws Exception {
    ModuleCpu.Reading r = capture("vigia_cpu.json");

    assertThat(r.nowNs()).isEqualTo(3798157149L);
    assertThat(r.cpus()).isEqualTo(2);
    assertThat(r.total())
        .isEqualTo(new CpuTimes(456000000, 0, 2592000000L, 3374429000L, 0, 0, 16000000, 0));
    assertThat(r.cores()).hasSize(2);
    assertThat(r.cores().get(1))
        .isEqualTo(new CpuTimes(252000000, 0, 1052000000, 1869387000, 0, 0, 0, 0));
  }

  @Test
  void readsCountsByStateWithTracingStopAmongStopped() throws Exception {
    // states: total 60, running 1, sleeping 20, stopped 1, zombie 1, idle 37
    assertThat(capture("vigia_cpu.json").counts())
        .isEqualTo(new ProcessCounts(60, 1, 20, 0, 1, 1, 37));
  }

  @Test
  void readsEveryTaskWithStartTimeInProcsClockTicks() throws Exception {
    ModuleCpu.Reading r = capture("vigia_cpu.json");
    Map<Integer, Task> tasks = byPid(r);

    assertThat(r.tasks()).hasSize(60);
    // {"pid":102,"ppid":99,"uid":1234,"state":"S","comm":"worker","threads":4,"rss_kb":120,
    //  "cpu_ns":761655053,"start_ns":1770043349}: /proc/102/stat field 22 is 1770043349 / 10^7
    assertThat(tasks.get(102))
        .isEqualTo(new Task(102, 99, 1234, 'S', "worker", 120L, 761655053L, 177));
    assertThat(tasks.get(100).state()).isEqualTo('Z');
  }

  @Test
  void startTicksRoundDownAsTheKernelsNsecToClockT() throws Exception {
    // pid 1: start_ns 339309059 -> 33 ticks (0.339 s), never rounded up to 34
    assertThat(byPid(capture("vigia_cpu.json")).get(1).startTicks()).isEqualTo(33);
  }

  @Test
  void readsTheBusyCaptureWithOddNamesAndAFourThousandByteCgroup() throws Exception {
    ModuleCpu.Reading r = capture("vigia_cpu-busy.json");
    Map<Integer, Task> tasks = byPid(r);

    assertThat(r.tasks()).hasSize(3207);
    assertThat(r.tasks()).extracting(Task::pid).isSorted();
    assertThat(tasks.get(157).comm()).isEqualTo("café-😀");
    assertThat(tasks.get(160).comm()).isEqualTo("bad\ufffd\ufffdx\ufffd\ufffd");
    assertThat(tasks.get(167).comm()).isEqualTo("q\"uo\"te");
    assertThat(tasks.get(211).comm()).isEqualTo("ctl\u0001\u001f\u007fend");
  }

  @Test
  void aFileCutAnywhereIsRejected() throws Exception {
    byte[] whole = Files.readAllBytes(Fixtures.resource("/kernel-module/vigia_cpu.json"));
    int end = whole.length;
    while (Character.isWhitespace(whole[end - 1])) {
      end--; // without its final newline the file is still whole
    }
    for (int cut : new int[] {0, 1, 100, end / 2, end - 3, end - 1}) {
      byte[] part = Arrays.copyOf(whole, cut);

      assertThatThrownBy(() -> parse(part))
          .as("cut at %d of %d", cut, whole.length)
          .isInstanceOf(ModuleFormatException.class);
    }
  }

  @Test
  void garbageIsRejected() {
    for (String garbage :
        new String[] {
          "hello", "[]", "{}", "{\"version\":1}", "\u0000\u0000\u0000", "{\"version\":\"1\"}"
        }) {
      assertThatThrownBy(() -> parse(garbage.getBytes(StandardCharsets.UTF_8)))
          .as(garbage)
          .isInstanceOf(ModuleFormatException.class);
    }
  }

  @Test
  void aTaskMissingAFieldIsRejected() throws Exception {
    String json =
        new String(
                Files.readAllBytes(Fixtures.resource("/kernel-module/vigia_cpu.json")),
                StandardCharsets.UTF_8)
            .replaceFirst("\"start_ns\":\\d+,", "");

    assertThatThrownBy(() -> parse(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ModuleFormatException.class)
        .hasMessageContaining("start_ns");
  }

  @Test
  void newFieldsAreSkipped() throws Exception {
    String json =
        new String(
                Files.readAllBytes(Fixtures.resource("/kernel-module/vigia_cpu.json")),
                StandardCharsets.UTF_8)
            .replaceFirst("\"cpus\":2,", "\"cpus\":2,\"numa\":{\"nodes\":[1,2]},\"psi\":[{}],");

    assertThat(parse(json.getBytes(StandardCharsets.UTF_8)).tasks()).hasSize(60);
  }
}
