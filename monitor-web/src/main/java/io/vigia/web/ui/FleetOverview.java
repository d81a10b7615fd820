package io.vigia.web.ui;

import static io.vigia.web.ui.JsonBuilders.JSON;

import io.vigia.monitor.host.FleetRow;
import io.vigia.monitor.host.FleetVitals;
import io.vigia.monitor.host.HostDirectory;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonArrayBuilder;
import java.io.Serializable;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.primefaces.component.datatable.DataTable;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * Backs {@code index.xhtml}: every host with its figures now and a sparkline of the last minutes,
 * filtered by name and state, sorted and paged on the server (a page of 500 hosts renders only the
 * rows shown), refreshed by the page's poll.
 */
@Named
@ViewScoped
public class FleetOverview implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The state filter's choices. */
  public enum StateFilter {
    ALL,
    ONLINE,
    OFFLINE,
    ALERTING
  }

  @Inject private transient HostDirectory directory;
  @Inject private Formats fmt;

  private String query = "";
  private StateFilter state = StateFilter.ALL;

  // Read once per request: the summary cards and the table's page share it.
  private transient Object loadedFor;
  private transient List<FleetRow> rows;

  private final LazyDataModel<FleetRow> model = new Rows();

  // What each row's sparkline was last sent as ("step start:points"): a refresh sends a row's
  // points only when they changed (a new 10-s step, or a step's first sample), not 120 points a
  // row every 2 s for the page to parse and throw away.
  private final java.util.HashMap<String, String> sparkSent = new java.util.HashMap<>();

  List<FleetRow> rows() {
    FacesContext now = FacesContext.getCurrentInstance();
    if (rows == null || loadedFor != now) {
      loadedFor = now;
      rows = directory.fleet();
    }
    return rows;
  }

  public LazyDataModel<FleetRow> getModel() {
    return model;
  }

  public int getHostCount() {
    return rows().size();
  }

  public long getOnlineCount() {
    return rows().stream().filter(r -> r.summary().online()).count();
  }

  public long getOfflineCount() {
    return getHostCount() - getOnlineCount();
  }

  public long getAlertingCount() {
    return rows().stream().filter(r -> r.openAlerts() > 0).count();
  }

  /** The filter changed: show its first page. */
  public void filterChanged() {
    if (FacesContext.getCurrentInstance().getViewRoot().findComponent("fleet:hosts")
        instanceof DataTable table) {
      table.setFirst(0);
    }
  }

  public String getQuery() {
    return query;
  }

  public void setQuery(String query) {
    this.query = query == null ? "" : query.strip();
  }

  public StateFilter getState() {
    return state;
  }

  public void setState(StateFilter state) {
    this.state = state == null ? StateFilter.ALL : state;
  }

  public StateFilter[] getStates() {
    return StateFilter.values();
  }

  Predicate<FleetRow> filter() {
    String q = query.toLowerCase(Locale.ROOT);
    Predicate<FleetRow> byName = r -> q.isEmpty() || r.name().toLowerCase(Locale.ROOT).contains(q);
    Predicate<FleetRow> byState =
        switch (state) {
          case ALL -> r -> true;
          case ONLINE -> r -> r.summary().online();
          case OFFLINE -> r -> !r.summary().online();
          case ALERTING -> r -> r.openAlerts() > 0;
        };
    return byName.and(byState);
  }

  /** The sort keys the table's columns name in {@code field}. */
  static final Map<String, Function<FleetRow, Comparable<?>>> SORT_KEYS =
      Map.of(
          "name", r -> r.name().toLowerCase(Locale.ROOT),
          "state", r -> r.summary().online() ? 1 : 0,
          "cpu", r -> r.summary().cpuPct(),
          "ram", r -> r.summary().ramUsedPct(),
          "load", r -> r.vitals() == null ? null : r.vitals().load1(),
          "processes", r -> r.vitals() == null ? null : r.vitals().processes(),
          "containers", r -> r.vitals() == null ? null : r.vitals().containers(),
          "alerts", FleetRow::openAlerts,
          "lastSeen", r -> r.summary().lastSeen());

  static Comparator<FleetRow> order(Map<String, SortMeta> sortBy) {
    return TableOrder.of(
        sortBy, SORT_KEYS, Comparator.comparing((FleetRow r) -> r.name().toLowerCase(Locale.ROOT)));
  }

  /** The hosts that pass the filter, sorted, one page at a time. */
  private final class Rows extends LazyDataModel<FleetRow> {
    private static final long serialVersionUID = 1L;

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
      return (int) rows().stream().filter(filter()).count();
    }

    @Override
    public List<FleetRow> load(
        int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
      List<FleetRow> shown = rows().stream().filter(filter()).sorted(order(sortBy)).toList();
      // The filter lives outside the table, so PrimeFaces would keep the count it had before it
      // changed (a filter matching nothing showed neither rows nor "no host matches").
      setRowCount(shown.size());
      return shown.subList(Math.min(first, shown.size()), Math.min(first + pageSize, shown.size()));
    }

    @Override
    public String getRowKey(FleetRow row) {
      return row.name();
    }

    @Override
    public FleetRow getRowData(String rowKey) {
      return rows().stream().filter(r -> r.name().equals(rowKey)).findFirst().orElse(null);
    }
  }

  /** Sparkline colours: CPU and RAM, as the page's legend dots show them. */
  static final String CPU_COLOR = "#2680c2";

  static final String RAM_COLOR = "#8719e0";

  /**
   * The sparkline of a host's last ten minutes as Chart.js configuration for {@code p:chart}: CPU
   * and RAM (0–100 %) as two bare lines, gaps where the host sent nothing, no axes, no animation.
   * The page's script replaces the points in place on each refresh.
   */
  public String spark(FleetRow row) {
    FleetVitals.Vitals v = row.vitals();
    var noDisplay = JSON.createObjectBuilder().add("display", false);
    return JSON.createObjectBuilder()
        .add("type", "line")
        .add(
            "data",
            JSON.createObjectBuilder()
                .add(
                    "datasets",
                    JSON.createArrayBuilder()
                        .add(line(points(v, v == null ? null : v.cpu()), CPU_COLOR))
                        .add(line(points(v, v == null ? null : v.ram()), RAM_COLOR))))
        .add(
            "options",
            JSON.createObjectBuilder()
                .add("animation", false)
                .add("layout", JSON.createObjectBuilder().add("padding", 2))
                .add("responsive", true)
                .add("maintainAspectRatio", false)
                .add("events", JSON.createArrayBuilder())
                .add(
                    "plugins",
                    JSON.createObjectBuilder()
                        .add("legend", noDisplay)
                        .add("tooltip", JSON.createObjectBuilder().add("enabled", false)))
                .add(
                    "scales",
                    JSON.createObjectBuilder()
                        .add("x", xAxis(v))
                        .add(
                            "y",
                            JSON.createObjectBuilder()
                                .add("display", false)
                                .add("min", 0)
                                .add("max", 100))))
        .build()
        .toString();
  }

  private static jakarta.json.JsonObjectBuilder line(JsonArrayBuilder points, String color) {
    return JSON.createObjectBuilder()
        .add("data", points)
        .add("borderColor", color)
        .add("borderWidth", 1.5)
        // a dot at each point, so a step between two gaps shows too
        .add("pointRadius", 1.2)
        .add("tension", 0.25)
        .add("spanGaps", false);
  }

  /** A sparkline's points, {x: epoch ms, y: % or null}, oldest first. */
  private static int filled(Double[] values) {
    int n = 0;
    for (Double d : values) {
      if (d != null) {
        n++;
      }
    }
    return n;
  }

  static JsonArrayBuilder points(FleetVitals.Vitals v, Double[] values) {
    JsonArrayBuilder points = JSON.createArrayBuilder();
    if (v != null) {
      for (int k = 0; k < values.length; k++) {
        long x = v.stepStartMs() + k * FleetVitals.STEP_MS;
        points.add(
            values[k] == null
                ? JSON.createObjectBuilder().add("x", x).addNull("y")
                : JSON.createObjectBuilder()
                    .add("x", x)
                    .add("y", Math.round(values[k] * 10) / 10.0));
      }
    }
    return points;
  }

  /** The sparkline's time axis: its ten minutes, however few points there are. */
  private static jakarta.json.JsonObjectBuilder xAxis(FleetVitals.Vitals v) {
    var x = JSON.createObjectBuilder().add("type", "linear").add("display", false);
    if (v != null) {
      x.add("min", v.stepStartMs()).add("max", v.stepStartMs() + (v.cpu().length - 1) * 10_000L);
    }
    return x;
  }

  /** The lowest and highest of a sparkline, for its text alternative; empty when none. */
  public String range(FleetRow row, String figure, Formats fmt) {
    FleetVitals.Vitals v = row.vitals();
    if (v == null) {
      return "";
    }
    Double[] values = "ram".equals(figure) ? v.ram() : v.cpu();
    double lo = Double.MAX_VALUE;
    double hi = -Double.MAX_VALUE;
    for (Double d : values) {
      if (d != null) {
        lo = Math.min(lo, d);
        hi = Math.max(hi, d);
      }
    }
    return lo > hi ? "" : fmt.pct(lo) + " – " + fmt.pct(hi);
  }

  /**
   * The poll: the figures of the rows the table shows now (its page, sort and filter), as the
   * callback parameter {@code fleet} for the page's script, which writes them into the rows in
   * place rather than having the table rendered again. When the rows shown are no longer the same
   * hosts in the same order, the script asks for the table again.
   */
  public void refresh() {
    FacesContext faces = FacesContext.getCurrentInstance();
    java.util.ResourceBundle common = faces.getApplication().getResourceBundle(faces, "msg");
    java.util.ResourceBundle text = faces.getApplication().getResourceBundle(faces, "fleetText");
    List<FleetRow> page = List.of();
    if (faces.getViewRoot().findComponent("fleet:hosts") instanceof DataTable table) {
      int size = table.getRows() > 0 ? table.getRows() : Integer.MAX_VALUE;
      page = model.load(table.getFirst(), size, table.getSortByAsMap(), Map.of());
    }
    JsonArrayBuilder hosts = JSON.createArrayBuilder();
    for (FleetRow r : page) {
      FleetVitals.Vitals v = r.vitals();
      boolean online = r.summary().online();
      var row =
          JSON.createObjectBuilder()
              .add("name", r.name())
              .add("online", online)
              .add("state", common.getString(online ? "state.online" : "state.offline"))
              .add("cpu", fmt.pct(r.summary().cpuPct()))
              .add("ram", fmt.pct(r.summary().ramUsedPct()))
              .add("load", fmt.number(v == null ? null : v.load1(), 2))
              .add("processes", fmt.number(v == null ? null : v.processes(), 0))
              .add("containers", fmt.number(v == null ? null : v.containers(), 0))
              .add("alerts", r.openAlerts())
              .add(
                  "alertsText",
                  text.getString("alerts.open").replace("{0}", fmt.number(r.openAlerts(), 0)))
              .add("seen", fmt.ago(r.summary().lastSeen()))
              .add("seenTitle", fmt.dateTime(r.summary().lastSeen()))
              .add("sparkLabel", sparkLabel(r, fmt, text))
              .add("xMin", v == null ? 0 : v.stepStartMs());
      String spark = v == null ? "0:0" : v.stepStartMs() + ":" + filled(v.cpu());
      if (!spark.equals(sparkSent.put(r.name(), spark))) {
        row.add("cpuSpark", points(v, v == null ? null : v.cpu()))
            .add("ramSpark", points(v, v == null ? null : v.ram()));
      }
      hosts.add(row);
    }
    var cards =
        JSON.createObjectBuilder()
            .add("hosts", getHostCount())
            .add("online", getOnlineCount())
            .add("offline", getOfflineCount())
            .add("alerting", getAlertingCount());
    org.primefaces.PrimeFaces.current()
        .ajax()
        .addCallbackParam(
            "fleet",
            JSON.createObjectBuilder()
                .add("cards", cards)
                .add("hosts", hosts)
                .add("total", (int) rows().stream().filter(filter()).count())
                .build()
                .toString());
  }

  /** The sparkline's text alternative: what its two lines show, in words. */
  public String sparkLabel(FleetRow r, Formats fmt, java.util.ResourceBundle text) {
    String none = text.getString("spark.none");
    String cpu = range(r, "cpu", fmt);
    String ram = range(r, "ram", fmt);
    return text.getString("spark.label")
        .replace("{0}", cpu.isEmpty() ? none : cpu)
        .replace("{1}", ram.isEmpty() ? none : ram);
  }
}
