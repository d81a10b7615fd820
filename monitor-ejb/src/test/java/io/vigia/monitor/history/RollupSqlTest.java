package io.vigia.monitor.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The generated SQL stays within what MariaDB and H2 both take, and matches the V3 columns. */
class RollupSqlTest {

  @Test
  void rollsMinutesUpFromRawSamplesWithEveryMetric() {
    String sql = RollupStep.aggregateSql(Family.HOST, Resolution.MINUTE, 3);

    assertThat(sql)
        .contains("FROM sample WHERE host_id IN (?, ?, ?) AND ts_ms >= ? AND ts_ms < ?")
        .endsWith("GROUP BY host_id, b ORDER BY host_id, b");
    assertThat(sql).contains("FLOOR(ts_ms / 60000) * 60000 AS b").contains("COUNT(*)");
    assertThat(sql.split("MIN\\(")).hasSize(1 + Metric.values().length);
  }

  @Test
  void weightsHourlyMeansByTheSamplesBehindEachMinute() {
    String sql = RollupStep.aggregateSql(Family.HOST, Resolution.HOUR, 1);

    assertThat(sql).contains("FROM sample_1m WHERE host_id IN (?) AND bucket_ms >= ?");
    assertThat(sql).contains("SUM(n)");
    assertThat(sql)
        .contains("SUM(cpu_pct_avg * n) / SUM(CASE WHEN cpu_pct_avg IS NOT NULL THEN n END)");
  }

  @Test
  void insertsIntoEveryRollupColumn() {
    String sql = RollupStep.insertSql(Family.HOST, Resolution.HOUR, 2);

    assertThat(sql).startsWith("INSERT INTO sample_1h (host_id, bucket_ms, n, cpu_pct_min,");
    assertThat(sql).contains("swap_used_kb_max").contains("ram_used_pct_avg").contains("), (");
    assertThat(sql.chars().filter(c -> c == '?').count())
        .isEqualTo(2 * (3 + 3L * Metric.values().length));
  }

  @Test
  void seriesOfRollupsAreWeightedToo() {
    assertThat(SeriesQuery.sql(Family.HOST, Resolution.MINUTE, Metric.RAM))
        .contains("FROM sample_1m")
        .contains("ram_used_pct_avg AS av")
        .contains("SUM(av * n) / SUM(CASE WHEN av IS NOT NULL THEN n END)");
    assertThat(SeriesQuery.sql(Family.HOST, Resolution.RAW, Metric.CPU))
        .contains("FLOOR((ts_ms - ?) / ?) AS b, cpu_pct AS v FROM sample");
  }

  @Test
  void rollsContainersUpPerHostAndContainer() {
    String minutes = RollupStep.aggregateSql(Family.CONTAINER, Resolution.MINUTE, 2);
    String hours = RollupStep.aggregateSql(Family.CONTAINER, Resolution.HOUR, 1);

    assertThat(minutes)
        .startsWith("SELECT host_id, container_id, b, COUNT(*)")
        .contains("CAST(mem_used_bytes AS DOUBLE) AS m1")
        .contains("FROM container_raw WHERE host_id IN (?, ?) AND ts_ms >= ? AND ts_ms < ?")
        .endsWith("GROUP BY host_id, container_id, b ORDER BY host_id, container_id, b");
    assertThat(hours)
        .contains("FROM container_1m WHERE host_id IN (?)")
        .contains("SUM(mem_used_avg * n) / SUM(CASE WHEN mem_used_avg IS NOT NULL THEN n END)");
  }

  @Test
  void insertsContainerRollupsWithTheirKeys() {
    String sql = RollupStep.insertSql(Family.CONTAINER, Resolution.MINUTE, 3);

    assertThat(sql)
        .startsWith(
            "INSERT INTO container_1m (host_id, container_id, bucket_ms, n, cpu_pct_min,"
                + " cpu_pct_avg, cpu_pct_max, mem_used_min, mem_used_avg, mem_used_max) VALUES");
    assertThat(sql.chars().filter(c -> c == '?').count()).isEqualTo(3 * 10L);
  }

  @Test
  void queriesOneContainersSeries() {
    assertThat(SeriesQuery.sql(Family.CONTAINER, Resolution.RAW, ContainerMetric.MEM))
        .contains("CAST(mem_used_bytes AS DOUBLE) AS v FROM container_raw")
        .contains("WHERE host_id = ? AND container_id = ? AND ts_ms >= ? AND ts_ms < ?");
    assertThat(SeriesQuery.sql(Family.CONTAINER, Resolution.HOUR, ContainerMetric.CPU))
        .contains("cpu_pct_max AS mx FROM container_1h WHERE host_id = ? AND container_id = ?");
  }

  @Test
  void findsMetricsByTheirApiNames() {
    assertThat(Metric.byApiName("cpu")).contains(Metric.CPU);
    assertThat(Metric.byApiName("SWAP_USED_KB")).contains(Metric.SWAP_USED_KB);
    assertThat(Metric.byApiName("disk")).isEmpty();
    assertThat(Metric.byApiName(null)).isEmpty();
    assertThat(ContainerMetric.byApiName("mem")).contains(ContainerMetric.MEM);
    assertThat(ContainerMetric.byApiName("ram")).isEmpty();
  }
}
