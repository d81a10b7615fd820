package io.vigia.agent.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PidStatTest {

  private static PidStat.Fields parse(String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    return PidStat.parse(b, b.length);
  }

  private static PidStat.Fields parseComm(String comm) {
    byte[] b = FakeProc.stat(42, comm.getBytes(StandardCharsets.UTF_8), 'S', 7, 150, 25, 9001);
    return PidStat.parse(b, b.length);
  }

  @Test
  void readsPidNameStateParentCpuTicksAndStartTimeOfARealLine() {
    // /proc/self/stat of cat on this machine
    PidStat.Fields f =
        parse(
            "26771 (cat) R 26768 26768 25747 0 -1 4194304 102 0 0 0 3 4 0 0 20 0 1 0 258898"
                + " 3133440 399 18446744073709551615 93932646129664 93932646149545 0 0 0 0 0 0"
                + " 0 0 0 17 0 0 0 0 0 0 93932646165552 93932646167168 93932908781568 0\n");

    assertThat(f).isEqualTo(new PidStat.Fields(26771, "cat", 'R', 26768, 7, 258898, 399));
  }

  @Test
  void keepsANameWithSpacesWhole() {
    assertThat(parseComm("Web Content").comm()).isEqualTo("Web Content");
  }

  @Test
  void keepsParenthesesInsideTheNameBecauseItReadsToTheLastOne() {
    PidStat.Fields f = parseComm("a) R 1 (b");

    assertThat(f.comm()).isEqualTo("a) R 1 (b");
    assertThat(f.state()).isEqualTo('S');
    assertThat(f.ppid()).isEqualTo(7);
    assertThat(f.startTicks()).isEqualTo(9001);
  }

  @Test
  void keepsQuotesBackslashesAndTabs() {
    assertThat(parseComm("q\"uo\\te\tx").comm()).isEqualTo("q\"uo\\te\tx");
  }

  @Test
  void decodesUtf8NamesAndReplacesInvalidBytesLikeTheModule() {
    assertThat(parseComm("café-😀").comm()).isEqualTo("café-😀");
    byte[] bad = {'b', 'a', 'd', (byte) 0xff, (byte) 0xfe, 'x', (byte) 0xc0, (byte) 0xaf};
    byte[] line = FakeProc.stat(5, bad, 'S', 1, 0, 0, 1);

    // kernel-module/README.md: bad\xff\xfex\xc0\xaf -> bad\ufffd\ufffdx\ufffd\ufffd
    assertThat(PidStat.parse(line, line.length).comm()).isEqualTo("bad\ufffd\ufffdx\ufffd\ufffd");
  }

  @Test
  void sumsUserAndSystemTicks() {
    assertThat(parseComm("x").cpuTicks()).isEqualTo(175);
  }

  @Test
  void aLineCutBeforeTheStartTimeIsNotRead() {
    String whole =
        new String(
            FakeProc.stat(42, "x".getBytes(StandardCharsets.UTF_8), 'S', 7, 1, 2, 123456),
            StandardCharsets.US_ASCII);
    int cut = whole.indexOf(" 215 ") + 3; // inside the rss: "21" must not pass for it

    assertThat(parse(whole.substring(0, cut))).isNull();
    assertThat(parse(whole.substring(0, whole.indexOf(") ") + 1))).isNull();
    assertThat(parse("")).isNull();
  }

  @Test
  void garbageIsNotRead() {
    assertThat(parse("hello world\n")).isNull();
    assertThat(parse("12 (x) S notanumber 1 1 0 0 0 0 0 0 0 1 1 0 0 20 0 1 0 5 0 0\n")).isNull();
  }
}
