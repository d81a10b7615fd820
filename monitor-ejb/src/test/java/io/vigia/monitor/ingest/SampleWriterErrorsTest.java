package io.vigia.monitor.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class SampleWriterErrorsTest {

  @Test
  void aValueTheDatabaseCannotHoldIsTheBatchsOwn() {
    assertThat(SampleWriter.isData(new SQLException("Data too long", "22001", 1406))).isTrue();
    assertThat(SampleWriter.isData(new SQLException("Incorrect string value", "HY000", 1366)))
        .isTrue();
    // as a multi-row insert reports it, wrapped
    assertThat(
            SampleWriter.isData(
                new BatchUpdateException(
                    "batch failed", "HY000", 0, new int[0], new SQLException("x", "22003"))))
        .isTrue();
  }

  @Test
  void aLostConnectionABrokenConstraintOrADeadlockIsNot() {
    assertThat(SampleWriter.isData(new SQLException("Communications link failure", "08S01")))
        .isFalse();
    assertThat(SampleWriter.isData(new SQLException("Duplicate entry", "23000", 1062))).isFalse();
    assertThat(SampleWriter.isData(new SQLException("Deadlock found", "40001", 1213))).isFalse();
    assertThat(SampleWriter.isData(new SQLException("no state"))).isFalse();
  }
}
