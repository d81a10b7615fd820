package io.vigia.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.monitor.container.ContainerRow;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

class FleetContainersTest {

  private static ContainerRow row(
      String host, String id, String name, String image, Double cpu, Long mem) {
    return new ContainerRow(
        host.hashCode(),
        host,
        true,
        id,
        name,
        image,
        "running",
        cpu,
        null,
        mem,
        null,
        null,
        null,
        null);
  }

  private static final ContainerRow WEB = row("h1", "aaaa1111", "web", "nginx:1", 70.0, 100L);
  private static final ContainerRow DB = row("h2", "bbbb2222", "db", "mysql:8.4", 50.0, 400L);
  private static final ContainerRow IDLE = row("h1", "cccc3333", null, null, null, null);
  private static final ContainerRow CACHE = row("h1", "dddd4444", "cache", "redis:7", 30.0, 900L);

  private static Map<String, SortMeta> sort(String field, SortOrder order) {
    return Map.of(field, SortMeta.builder().field(field).order(order).build());
  }

  private static List<String> sorted(Map<String, SortMeta> by) {
    return List.of(WEB, DB, IDLE, CACHE).stream()
        .sorted(FleetContainers.order(by))
        .map(ContainerRow::label)
        .toList();
  }

  @Test
  void ordersTheBusiestFirstWithUnknownFiguresLastEitherWay() {
    assertThat(sorted(sort("cpu", SortOrder.DESCENDING)))
        .containsExactly("web", "db", "cache", "cccc3333");
    assertThat(sorted(sort("cpu", SortOrder.ASCENDING)))
        .containsExactly("cache", "db", "web", "cccc3333");
    assertThat(sorted(sort("memory", SortOrder.DESCENDING)))
        .containsExactly("cache", "db", "web", "cccc3333");
  }

  @Test
  void ordersByHostThenNameWithoutASort() {
    assertThat(sorted(Map.of())).containsExactly("cache", "cccc3333", "web", "db");
  }

  @Test
  void ranksASpanByMemoryOnlyWhenMemoryIsTheFirstSort() {
    assertThat(FleetContainers.byMemory(sort("memory", SortOrder.DESCENDING))).isTrue();
    assertThat(FleetContainers.byMemory(sort("memPct", SortOrder.ASCENDING))).isTrue();
    assertThat(FleetContainers.byMemory(sort("cpu", SortOrder.DESCENDING))).isFalse();
    assertThat(FleetContainers.byMemory(Map.of())).isFalse();
  }

  @Test
  void filtersByNameHostImageOrIdPrefixIgnoringCase() {
    FleetContainers page = new FleetContainers();
    List<ContainerRow> all = List.of(WEB, DB, IDLE, CACHE);

    page.setQuery("WE");
    assertThat(all.stream().filter(page.filter())).containsExactly(WEB);
    page.setQuery("h2");
    assertThat(all.stream().filter(page.filter())).containsExactly(DB);
    page.setQuery("redis");
    assertThat(all.stream().filter(page.filter())).containsExactly(CACHE);
    page.setQuery("cccc");
    assertThat(all.stream().filter(page.filter())).containsExactly(IDLE);
    page.setQuery("333");
    assertThat(all.stream().filter(page.filter())).as("ids match from the start only").isEmpty();
    page.setQuery("  ");
    assertThat(all.stream().filter(page.filter())).hasSize(4);
  }

  @Test
  void fallsBackToNowAndCpuForAnUnknownSpanOrOrder() {
    FleetContainers page = new FleetContainers();
    page.setOver("2y");
    page.setBy("disk");
    page.load();
    assertThat(page.isNow()).isTrue();
    assertThat(page.getBy()).isEqualTo("cpu");
    assertThat(page.getInitialSort().getField()).isEqualTo("cpu");
    page.setOver("24h");
    page.setBy("memory");
    page.load();
    assertThat(page.isNow()).isFalse();
    assertThat(page.getInitialSort().getField()).isEqualTo("memory");
    assertThat(page.getInitialSort().getOrder()).isEqualTo(SortOrder.DESCENDING);
  }
}
