package io.vigia.agent.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageSizeTest {

  @Test
  void readsTheKernelPageSizeOfTheFirstMapping() {
    String smaps =
        "55d6b8a00000-55d6b8a02000 r--p 00000000 08:01 1048602    /usr/bin/cat\n"
            + "Size:                  8 kB\nKernelPageSize:       64 kB\nMMUPageSize:          64 kB\n";

    assertThat(PageSize.parse(smaps)).isEqualTo(64);
  }

  @Test
  void fallsBackToFourKbWhenSmapsIsUnreadable(@TempDir Path noSelf) {
    assertThat(PageSize.kb(new ProcRoot(noSelf))).isEqualTo(4);
    assertThat(PageSize.parse("KernelPageSize: lots\n")).isEqualTo(4);
  }

  @Test
  void thisMachinesPageSizeIsRead() {
    assertThat(PageSize.kb(ProcRoot.DEFAULT)).isPositive();
  }
}
