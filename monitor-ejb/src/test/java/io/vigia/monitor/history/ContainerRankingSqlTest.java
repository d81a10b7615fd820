package io.vigia.monitor.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The names of removed containers are read in one statement per host and 200 ids. */
class ContainerRankingSqlTest {

  @Test
  void readsEachContainersNewestSnapshotThroughTheHostContainerIndex() {
    String sql = ContainerRanking.namesSql(3);

    assertThat(sql)
        .contains("WHERE host_id = ? AND container_id IN (?, ?, ?) GROUP BY host_id, container_id")
        .contains("s.ts_ms = l.last_ms");
    assertThat(sql.chars().filter(c -> c == '?').count()).isEqualTo(4);
  }

  @Test
  void ranksOverDaysWithTheNewestFirst() {
    String sql = ContainerRanking.sql(false);

    assertThat(sql).contains("ORDER BY mem DESC").endsWith("LIMIT ?");
    assertThat(ContainerRanking.sql(true)).contains("ORDER BY cpu DESC");
  }
}
