package io.vigia.agent.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigia.wire.Memory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class ModuleRamTest {

  private static Memory parse(String json) throws ModuleFormatException {
    return ModuleRam.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsTheQemuCaptureWithSwapTotalAbsent() throws Exception {
    Memory m =
        ModuleRam.parse(Files.readAllBytes(Fixtures.resource("/kernel-module/vigia_ram.json")));

    // swap_total_kb is always null: the kernel does not export the swap size to modules
    assertThat(m).isEqualTo(new Memory(468168L, 438236L, 438008L, 0L, 3512L, null, 0L));
  }

  @Test
  void aFileCutShortIsRejected() {
    assertThatThrownBy(() -> parse("{\"version\":1,\"total_kb\":468168,\"free_kb\":43"))
        .isInstanceOf(ModuleFormatException.class);
  }

  @Test
  void garbageIsRejected() {
    assertThatThrownBy(() -> parse("hello\n")).isInstanceOf(ModuleFormatException.class);
    assertThatThrownBy(() -> parse("[]")).isInstanceOf(ModuleFormatException.class);
    assertThatThrownBy(() -> parse("")).isInstanceOf(ModuleFormatException.class);
  }

  @Test
  void anotherSchemaVersionIsRejected() {
    assertThatThrownBy(
            () -> parse("{\"version\":2,\"total_kb\":1,\"free_kb\":1,\"available_kb\":1}"))
        .isInstanceOf(ModuleFormatException.class)
        .hasMessageContaining("version");
  }

  @Test
  void aMissingOrNegativeRequiredFieldIsRejected() {
    assertThatThrownBy(() -> parse("{\"version\":1,\"total_kb\":1,\"free_kb\":1}"))
        .hasMessageContaining("available_kb");
    assertThatThrownBy(
            () -> parse("{\"version\":1,\"total_kb\":1,\"free_kb\":-1,\"available_kb\":1}"))
        .hasMessageContaining("free_kb");
  }

  @Test
  void newFieldsAreIgnored() throws Exception {
    Memory m =
        parse(
            "{\"version\":1,\"total_kb\":10,\"free_kb\":5,\"available_kb\":6,\"zswap_kb\":3,"
                + "\"swap_total_kb\":null}");

    assertThat(m).isEqualTo(new Memory(10L, 5L, 6L, null, null, null, null));
  }
}
