package io.vigia.web.ui;

import java.util.Comparator;
import java.util.Map;
import java.util.function.Function;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/**
 * The order a lazy table's sort asks for, from the sort keys its columns name in {@code field}:
 * unknown values last whichever the direction, then {@code tieBreak} so equal rows keep one order
 * from refresh to refresh.
 */
final class TableOrder {

  private TableOrder() {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  static <T> Comparator<T> of(
      Map<String, SortMeta> sortBy,
      Map<String, Function<T, Comparable<?>>> keys,
      Comparator<T> tieBreak) {
    Comparator<T> c = null;
    for (SortMeta s : sortBy.values()) {
      Function<T, Comparable<?>> key = keys.get(s.getField());
      if (key == null || s.getOrder() == SortOrder.UNSORTED) {
        continue;
      }
      Comparator<Comparable> natural = Comparator.naturalOrder();
      Comparator<Comparable> values =
          s.getOrder() == SortOrder.DESCENDING ? natural.reversed() : natural;
      Comparator<T> one =
          Comparator.comparing(r -> (Comparable) key.apply(r), Comparator.nullsLast(values));
      c = c == null ? one : c.thenComparing(one);
    }
    return c == null ? tieBreak : c.thenComparing(tieBreak);
  }
}
