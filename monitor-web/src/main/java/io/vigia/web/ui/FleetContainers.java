package io.vigia.web.ui;

import io.vigia.monitor.container.ContainerBoard;
import io.vigia.monitor.container.ContainerRow;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.Function;
import java.util.function.Predicate;
import org.primefaces.PrimeFaces;
import org.primefaces.component.datatable.DataTable;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/**
 * Backs {@code containers.xhtml}: every container of the fleet with its host, right now (each
 * host's latest batch) or over the last hour, day or week (means and peaks from the rollups, those
 * removed since included), busiest by CPU or memory first, filtered by name, host or image, sorted
 * and paged on the server, refreshed in place by the page's poll. The span, the order and the
 * filter are in the address, so a view can be bookmarked.
 */
@Named
@ViewScoped
public class FleetContainers implements Serializable {

  private static final long serialVersionUID = 1L;

  /** What the page offers: "now", then spans as History writes them. */
  static final String NOW = "now";

  static final List<String> SPANS = List.of(NOW, "1h", "24h", "7d");

  /** Most containers ranked over a span: the busiest by the order shown. */
  static final int SPAN_ROWS = 5000;

  /**
   * How long a span's ranking is reused (paging, sorting, the poll): rollups move once a minute.
   */
  static final long SPAN_REUSE_MS = 20_000;

  /** How often the page's poll asks for the rows shown: now, and over a span. */
  static final int REFRESH_NOW_MS = 3_000;

  static final int REFRESH_SPAN_MS = 30_000;

  @Inject private transient ContainerBoard board;

  // The address (view parameters).
  private String over = NOW;
  private String by = "cpu";
  private String query = "";

  // Now: read once per request. Over a span: kept for SPAN_REUSE_MS for the same span and order.
  private transient Object loadedFor;
  private transient List<ContainerRow> nowRows;
  private transient List<ContainerRow> spanRows;
  private transient String spanKey;
  private transient long spanLoadedMs;

  private final LazyDataModel<ContainerRow> model = new Rows();

  /** Normalises the address: an unknown span or order is the default one. */
  public void load() {
    if (!SPANS.contains(over)) {
      over = NOW;
    }
    if (!"memory".equals(by)) {
      by = "cpu";
    }
  }

  List<ContainerRow> rows(boolean byMemory) {
    if (isNow()) {
      FacesContext faces = FacesContext.getCurrentInstance();
      if (nowRows == null || loadedFor != faces) {
        loadedFor = faces;
        nowRows = board.now();
      }
      return nowRows;
    }
    long now = System.currentTimeMillis();
    String key = over + (byMemory ? "/memory" : "/cpu");
    if (spanRows == null || !key.equals(spanKey) || now - spanLoadedMs > SPAN_REUSE_MS) {
      long from = now - HistoryRange.span(over).orElseThrow().toMillis();
      spanRows = board.over(!byMemory, SPAN_ROWS, from);
      spanKey = key;
      spanLoadedMs = now;
    }
    return spanRows;
  }

  public boolean isNow() {
    return NOW.equals(over);
  }

  public LazyDataModel<ContainerRow> getModel() {
    return model;
  }

  /** The table's first order: the busiest by the address's {@code by}. */
  public SortMeta getInitialSort() {
    return SortMeta.builder()
        .field("memory".equals(by) ? "memory" : "cpu")
        .order(SortOrder.DESCENDING)
        .build();
  }

  /** The filter changed: show its first page. */
  public void filterChanged() {
    if (FacesContext.getCurrentInstance().getViewRoot().findComponent("containers:table")
        instanceof DataTable table) {
      table.setFirst(0);
    }
  }

  Predicate<ContainerRow> filter() {
    String q = query.toLowerCase(Locale.ROOT);
    if (q.isEmpty()) {
      return r -> true;
    }
    return r ->
        contains(r.name(), q)
            || contains(r.host(), q)
            || contains(r.image(), q)
            || r.id().toLowerCase(Locale.ROOT).startsWith(q);
  }

  private static boolean contains(String s, String q) {
    return s != null && s.toLowerCase(Locale.ROOT).contains(q);
  }

  /** The sort keys the table's columns name in {@code field}. */
  static final Map<String, Function<ContainerRow, Comparable<?>>> SORT_KEYS =
      Map.of(
          "name", r -> r.label().toLowerCase(Locale.ROOT),
          "host", r -> r.host().toLowerCase(Locale.ROOT),
          "image", r -> r.image() == null ? null : r.image().toLowerCase(Locale.ROOT),
          "state", ContainerRow::state,
          "cpu", ContainerRow::cpuPct,
          "cpuLimit", ContainerRow::cpuPctOfLimit,
          "memory", ContainerRow::memUsedBytes,
          "memPct", ContainerRow::memPct);

  static Comparator<ContainerRow> order(Map<String, SortMeta> sortBy) {
    return TableOrder.of(
        sortBy,
        SORT_KEYS,
        Comparator.comparing((ContainerRow r) -> r.host().toLowerCase(Locale.ROOT))
            .thenComparing(r -> r.label().toLowerCase(Locale.ROOT))
            .thenComparing(ContainerRow::id));
  }

  /** Whether the table's first sort key is memory: a span is then ranked by memory. */
  static boolean byMemory(Map<String, SortMeta> sortBy) {
    if (sortBy == null) {
      return false;
    }
    return sortBy.values().stream()
        .filter(s -> s.getOrder() != SortOrder.UNSORTED)
        .findFirst()
        .map(s -> "memory".equals(s.getField()) || "memPct".equals(s.getField()))
        .orElse(false);
  }

  /** The containers that pass the filter, sorted, one page at a time. */
  private final class Rows extends LazyDataModel<ContainerRow> {
    private static final long serialVersionUID = 1L;

    private transient Map<String, SortMeta> lastSort = Map.of();

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
      return (int) rows(byMemory(lastSort)).stream().filter(filter()).count();
    }

    @Override
    public List<ContainerRow> load(
        int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
      lastSort = sortBy;
      List<ContainerRow> shown =
          rows(byMemory(sortBy)).stream().filter(filter()).sorted(order(sortBy)).toList();
      // The filter lives outside the table: the count must follow it (as on the fleet page).
      setRowCount(shown.size());
      return shown.subList(Math.min(first, shown.size()), Math.min(first + pageSize, shown.size()));
    }

    @Override
    public String getRowKey(ContainerRow row) {
      return key(row);
    }

    @Override
    public ContainerRow getRowData(String rowKey) {
      return rows(byMemory(lastSort)).stream()
          .filter(r -> key(r).equals(rowKey))
          .findFirst()
          .orElse(null);
    }
  }

  /** A row's key: its host's id and its id (ids are unique per host only). */
  static String key(ContainerRow r) {
    return r.hostId() + "/" + r.id();
  }

  public String rowKey(ContainerRow r) {
    return key(r);
  }

  /**
   * The poll: the figures of the rows the table shows now (its page, sort and filter), as the
   * callback parameter {@code containers} for the page's script, which writes them into the rows in
   * place; when the rows shown are no longer the same containers in the same order, it asks for the
   * table again.
   */
  public void refresh() {
    FacesContext faces = FacesContext.getCurrentInstance();
    Formats fmt = faces.getApplication().evaluateExpressionGet(faces, "#{fmt}", Formats.class);
    ResourceBundle text = faces.getApplication().getResourceBundle(faces, "containersText");
    List<ContainerRow> page = List.of();
    Map<String, SortMeta> sortBy = Map.of();
    if (faces.getViewRoot().findComponent("containers:table") instanceof DataTable table) {
      int size = table.getRows() > 0 ? table.getRows() : Integer.MAX_VALUE;
      sortBy = table.getSortByAsMap();
      page = model.load(table.getFirst(), size, sortBy, Map.of());
    }
    JsonArrayBuilder shown = Json.createArrayBuilder();
    for (ContainerRow r : page) {
      shown.add(
          Json.createObjectBuilder()
              .add("key", key(r))
              .add("state", stateText(r, fmt, text))
              .add("stateClass", stateClass(r))
              .add("cpu", fmt.pct(r.cpuPct()))
              .add("cpuLimit", cpuOfLimit(r, fmt, text))
              .add("cpuPeak", peak(r, fmt, text))
              .add("mem", memory(r, fmt))
              .add("memPeak", memoryPeak(r, fmt, text))
              .add("memPct", fmt.pct(r.memPct()))
              .add("memBar", fmt.bar(r.memPct())));
    }
    PrimeFaces.current()
        .ajax()
        .addCallbackParam(
            "containers",
            Json.createObjectBuilder()
                .add("total", (int) rows(byMemory(sortBy)).stream().filter(filter()).count())
                .add("rows", shown)
                .build()
                .toString());
  }

  /** Docker's state as shown: its own word, or "removed" for one gone from its host. */
  public String stateText(ContainerRow r, Formats fmt, ResourceBundle text) {
    return r.gone() ? text.getString("state.gone") : fmt.containerState(r.state());
  }

  public String stateClass(ContainerRow r) {
    if (r.gone()) {
      return "gone";
    }
    return "running".equals(r.state()) ? "running" : "other";
  }

  /** "45.0 % of its limit", or empty when the limit is unknown. */
  public String cpuOfLimit(ContainerRow r, Formats fmt, ResourceBundle text) {
    return r.cpuPctOfLimit() == null
        ? ""
        : text.getString("cpu.ofLimit").replace("{0}", fmt.pct(r.cpuPctOfLimit()));
  }

  /** "peak 60.0 %" over a span; empty for now. */
  public String peak(ContainerRow r, Formats fmt, ResourceBundle text) {
    return r.cpuPctMax() == null
        ? ""
        : text.getString("peak").replace("{0}", fmt.pct(r.cpuPctMax()));
  }

  /** "300.0 MiB / 1.0 GiB", or the use alone when the limit is unknown. */
  public String memory(ContainerRow r, Formats fmt) {
    return r.memLimitBytes() == null
        ? fmt.bytes(r.memUsedBytes())
        : fmt.bytes(r.memUsedBytes()) + " / " + fmt.bytes(r.memLimitBytes());
  }

  public String memoryPeak(ContainerRow r, Formats fmt, ResourceBundle text) {
    return r.memUsedMaxBytes() == null
        ? ""
        : text.getString("peak").replace("{0}", fmt.bytes(r.memUsedMaxBytes()));
  }

  /**
   * The History page charting this container over the span shown (the last hour for "now"),
   * reachable for a container removed since as long as it has figures there.
   */
  public String historyHref(ContainerRow r) {
    String context = FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath();
    return context
        + "/history.xhtml?host="
        + enc(r.host())
        + "&range="
        + (isNow() ? "1h" : over)
        + "&show="
        + enc("ctr:" + r.shortId());
  }

  /** This page's address with another span or order, the filter kept. */
  public String href(String span, String order) {
    String context = FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath();
    StringBuilder a = new StringBuilder(context).append("/containers.xhtml?over=").append(span);
    a.append("&by=").append(order);
    if (!query.isEmpty()) {
      a.append("&q=").append(enc(query));
    }
    return a.toString();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  public int getRefreshMs() {
    return isNow() ? REFRESH_NOW_MS : REFRESH_SPAN_MS;
  }

  public List<String> getSpans() {
    return SPANS;
  }

  public String getOver() {
    return over;
  }

  public void setOver(String over) {
    this.over = over == null ? NOW : over.strip();
  }

  public String getBy() {
    return by;
  }

  public void setBy(String by) {
    this.by = by == null ? "cpu" : by.strip();
  }

  public String getQuery() {
    return query;
  }

  public void setQuery(String query) {
    this.query = query == null ? "" : query.strip();
  }
}
