package io.vigia.agent.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessIdentityTest {

  private static final String TAIL =
      " 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n";

  @Test
  void readsFromTheLastParenthesisSoAnyNameWorks() throws IOException {
    String stat =
        "4242 (evil ) 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 (x) R 1000 4242 4242 0 -1"
            + " 4194304 100 0 0 0 5 3 0 0 20 0 1 0 987654"
            + TAIL;

    ProcessIdentity p = ProcessIdentity.parse(4242, stat, false);

    assertThat(p.ppid()).isEqualTo(1000);
    assertThat(p.startTicks()).isEqualTo(987654);
    assertThat(p.kernelThread()).isFalse();
  }

  @Test
  void seesKernelThreadsByFlagOrByKthreaddParentage() throws IOException {
    String flagged = "9 (ksoftirqd/0) S 2 0 0 0 -1 69238848 0 0 0 0 0 1 0 0 20 0 1 0 3" + TAIL;
    String childOfKthreadd = "10 (odd) S 2 0 0 0 -1 0 0 0 0 0 0 1 0 0 20 0 1 0 3" + TAIL;
    String kthreadd = "2 (kthreadd) S 0 0 0 0 -1 0 0 0 0 0 0 1 0 0 20 0 1 0 3" + TAIL;

    assertThat(ProcessIdentity.parse(9, flagged, true).kernelThread()).isTrue();
    assertThat(ProcessIdentity.parse(10, childOfKthreadd, true).kernelThread()).isTrue();
    assertThat(ProcessIdentity.parse(10, childOfKthreadd, false).kernelThread()).isFalse();
    assertThat(ProcessIdentity.parse(2, kthreadd, true).kernelThread()).isTrue();
  }

  @Test
  void truncatedOrGarbageStatIsAnError() {
    assertThatThrownBy(() -> ProcessIdentity.parse(5, "5 (sh) S 1 5 5", false))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> ProcessIdentity.parse(5, "garbage", false))
        .isInstanceOf(IOException.class);
  }

  @Test
  void aMissingProcessIsEmpty(@TempDir Path proc) throws IOException {
    assertThat(ProcessIdentity.read(proc, 12345)).isEmpty();
  }

  @Test
  void readsThisJvm() throws IOException {
    int self = (int) ProcessHandle.current().pid();

    ProcessIdentity me = ProcessIdentity.read(Path.of("/proc"), self).orElseThrow();

    assertThat(me.startTicks()).isPositive();
    assertThat(me.kernelThread()).isFalse();
  }
}
