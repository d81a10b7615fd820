package io.vigia.agent.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PidStatusTest {

  private static PidStatus.Fields parse(byte[] b) {
    return PidStatus.parse(b, b.length);
  }

  @Test
  void readsTheEffectiveUidNotTheRealOne() {
    // Uid: real effective saved fs -- ps's USER is the effective one
    assertThat(parse(FakeProc.status(new byte[] {'x'}, 'S', 9, 1, 33, 908L)).euid()).isEqualTo(33);
  }

  @Test
  void readsResidentSetInKb() {
    assertThat(parse(FakeProc.status(new byte[] {'x'}, 'S', 9, 1, 0, 123456L)).rssKb())
        .isEqualTo(123456L);
  }

  @Test
  void kernelThreadsAndZombiesHaveNoResidentSet() {
    // their status has no Vm* lines at all; Threads: after them proves the file was not cut
    assertThat(parse(FakeProc.status(new byte[] {'x'}, 'I', 9, 2, 0, null)).rssKb()).isZero();
  }

  @Test
  void aFileCutBeforeVmRssHasAnAbsentResidentSetNotZero() {
    String whole =
        new String(
            FakeProc.status(new byte[] {'x'}, 'S', 9, 1, 33, 908L), StandardCharsets.US_ASCII);
    String cut = whole.substring(0, whole.indexOf("VmRSS:") + 10);

    PidStatus.Fields f = parse(cut.getBytes(StandardCharsets.US_ASCII));

    assertThat(f.rssKb()).isNull();
    assertThat(f.euid()).isEqualTo(33);
  }

  @Test
  void aFileCutInsideTheUidLineHasNoUid() {
    assertThat(parse("Name:\tx\nUid:\t1000\t10".getBytes(StandardCharsets.US_ASCII)).euid())
        .isNull();
  }
}
