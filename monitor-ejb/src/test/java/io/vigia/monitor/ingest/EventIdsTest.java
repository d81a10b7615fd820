package io.vigia.monitor.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Event ids taken by ingest share one counter with the JPA table generator: ids are handed out in
 * blocks from it, never twice, whoever else takes blocks from the same counter in between.
 */
class EventIdsTest {

  /** The {@code event} row of {@code id_sequence}, and how many times it was written. */
  private static final class Row {
    long count;
    int adds;

    long add(int size) {
      adds++;
      count += size;
      return count;
    }
  }

  @Test
  void handsOutConsecutiveIdsFromOneBlockUntilItRunsOut() throws Exception {
    Row row = new Row();
    EventIds ids = new EventIds();

    assertThat(ids.take(3, row::add)).isEqualTo(1);
    assertThat(ids.take(2, row::add)).isEqualTo(4);
    assertThat(ids.take(EventIds.BLOCK - 5, row::add)).isEqualTo(6);
    assertThat(row.adds).isOne();
    assertThat(ids.take(1, row::add)).isEqualTo(EventIds.BLOCK + 1);
    assertThat(row.adds).isEqualTo(2);
  }

  @Test
  void takesABlockLargeEnoughForABigGroupAndLeavesTheRestOfTheOldOne() throws Exception {
    Row row = new Row();
    EventIds ids = new EventIds();
    ids.take(10, row::add); // 1..10; 11..50 left

    long first = ids.take(120, row::add);

    assertThat(first).isEqualTo(51);
    assertThat(row.count).isEqualTo(170);
    assertThat(ids.take(1, row::add)).isEqualTo(171); // the new block was exactly the group's
  }

  @Test
  void neverHandsOutAnIdTheGeneratorOrAnotherNodeHoldsToo() throws Exception {
    Row row = new Row();
    EventIds node1 = new EventIds();
    EventIds node2 = new EventIds();
    Set<Long> handedOut = new HashSet<>();
    List<Long> clashes = new ArrayList<>();
    for (int round = 0; round < 40; round++) {
      int n = 1 + (round * 7) % 60;
      for (EventIds ids : List.of(node1, node2)) {
        long first = ids.take(n, row::add);
        for (long id = first; id < first + n; id++) {
          if (!handedOut.add(id)) {
            clashes.add(id);
          }
        }
      }
      // The entity's generator (allocationSize 50) owns (count - 50, count] after its update.
      long top = row.add(50);
      for (long id = top - 49; id <= top; id++) {
        if (!handedOut.add(id)) {
          clashes.add(id);
        }
      }
    }
    assertThat(clashes).isEmpty();
  }
}
