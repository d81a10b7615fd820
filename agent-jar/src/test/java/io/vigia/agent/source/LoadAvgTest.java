package io.vigia.agent.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.wire.Load;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadAvgTest {

  @Test
  void readsTheThreeAveragesFromLoadavg() throws Exception {
    // "1.53 1.57 1.06 1/320 18065"
    assertThat(new LoadAvg(Fixtures.proc("this-machine")).read())
        .contains(new Load(1.53, 1.57, 1.06));
  }

  @Test
  void readsABusyManyCoreBox() throws Exception {
    assertThat(new LoadAvg(Fixtures.proc("many-cpus")).read())
        .contains(new Load(38.12, 35.40, 30.07));
  }

  @Test
  void emptyFileGivesNoLoad() throws Exception {
    assertThat(new LoadAvg(Fixtures.proc("truncated")).read()).isEmpty();
  }

  @Test
  void blankLineGivesNoLoad() {
    assertThat(LoadAvg.parse(List.of(""))).isEmpty();
  }

  @Test
  void lineWithFewerThanThreeAveragesGivesNoLoad() {
    assertThat(LoadAvg.parse(List.of("1.53 1.57"))).isEmpty();
  }

  @Test
  void lineCutInsideTheLastAverageGivesNoLoad() {
    // Cut from "1.53 1.57 10.06 1/320 18065": "1" is not the 15-minute load, the rest is missing.
    assertThat(LoadAvg.parse(List.of("1.53 1.57 1"))).isEmpty();
  }

  @Test
  void nonNumericAveragesGiveNoLoad() {
    assertThat(LoadAvg.parse(List.of("1.53 x 1.06 1/320 18065"))).isEmpty();
  }
}
