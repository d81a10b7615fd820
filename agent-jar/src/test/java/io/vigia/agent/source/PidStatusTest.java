package io.vigia.agent.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PidStatusTest {

  private static Integer parse(byte[] b) {
    return PidStatus.parse(b, b.length);
  }

  @Test
  void readsTheEffectiveUidNotTheRealOne() {
    // Uid: real effective saved fs -- ps's USER is the effective one
    assertThat(parse(FakeProc.status(new byte[] {'x'}, 'S', 9, 1, 33, 908L))).isEqualTo(33);
  }

  @Test
  void aFileCutInsideTheUidLineHasNoUid() {
    assertThat(parse("Name:\tx\nUid:\t1000\t10".getBytes(StandardCharsets.US_ASCII))).isNull();
  }

  @Test
  void aFileWithoutAUidLineHasNoUid() {
    assertThat(parse("Name:\tx\nState:\tS\n".getBytes(StandardCharsets.US_ASCII))).isNull();
  }
}
