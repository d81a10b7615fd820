package io.vigia.web.ui;

import static io.vigia.web.ui.JsonBuilders.JSON;

import io.vigia.monitor.history.Series;
import io.vigia.monitor.history.SeriesPoint;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.io.Serializable;
import java.util.List;
import java.util.ResourceBundle;

/**
 * One chart of the History page: a metric's points as the series service answered them, drawn as
 * the average with the min–max band around it, and exported as CSV rows. Kept by the view, so the
 * CSV holds exactly the points the chart shows.
 *
 * @param key what the address calls it in {@code show=} ({@code cpu}, {@code ctr:abc123def456/mem})
 * @param widget the chart's widget name in the page ({@code PF('history_cpu')})
 * @param title the chart's title, in the page's language
 * @param unit how its values read: {@code pct}, {@code kib}, {@code bytes} or {@code num}
 * @param color the average's line colour; the band is the same, faint
 * @param t each point's bucket start, epoch milliseconds
 * @param limit a ceiling drawn as a dashed line (a container's memory limit); null for none
 */
public record HistoryPlot(
    String key,
    String widget,
    String title,
    String unit,
    String color,
    long[] t,
    double[] min,
    double[] avg,
    double[] max,
    Double limit)
    implements Serializable {

  /** The limit line's colour: dark red, dashed. */
  static final String LIMIT_COLOR = "#a61b1b";

  static HistoryPlot of(
      String key, String widget, String title, String unit, String color, Series series) {
    List<SeriesPoint> points = series.points();
    int n = points.size();
    long[] t = new long[n];
    double[] min = new double[n];
    double[] avg = new double[n];
    double[] max = new double[n];
    for (int i = 0; i < n; i++) {
      SeriesPoint p = points.get(i);
      t[i] = p.t().toEpochMilli();
      min[i] = p.min();
      avg[i] = p.avg();
      max[i] = p.max();
    }
    return new HistoryPlot(key, widget, title, unit, color, t, min, avg, max, null);
  }

  /** The same chart with a ceiling (in the chart's unit) drawn across it; none when null. */
  HistoryPlot withLimit(Number ceiling) {
    return new HistoryPlot(
        key,
        widget,
        title,
        unit,
        color,
        t,
        min,
        avg,
        max,
        ceiling == null ? null : ceiling.doubleValue());
  }

  public int size() {
    return t.length;
  }

  /**
   * The Chart.js configuration for {@code p:chart}: three line datasets (min, max filled down to
   * min, average) on a time axis from {@code fromMs} to {@code toMs}; a gap of more than {@code
   * gapMs} without points breaks the line rather than bridging it. {@code vigia} carries what the
   * page's script needs to label the chart (history.js).
   */
  String chartJson(long fromMs, long toMs, long gapMs, ResourceBundle text) {
    String avgLabel = text.getString("series.avg");
    String bandLabel = text.getString("series.band");
    String band = color + "40"; // the same colour at 25 % opacity
    JsonObjectBuilder y = JSON.createObjectBuilder().add("beginAtZero", true);
    JsonArrayBuilder datasets =
        JSON.createArrayBuilder()
            .add(dataset("min", min, band, band, gapMs).add("fill", false))
            .add(dataset(bandLabel, max, band, band, gapMs).add("fill", "-1"))
            .add(
                dataset(avgLabel, avg, color, color, gapMs)
                    .add("fill", false)
                    .add("borderWidth", 1.5));
    JsonArrayBuilder names =
        JSON.createArrayBuilder()
            .add(text.getString("series.min"))
            .add(text.getString("series.max"))
            .add(avgLabel);
    if (limit != null) {
      // across the whole range (a line even under a single point), and at every point's time so
      // the tooltip of any point names the limit too
      JsonArrayBuilder ceiling = JSON.createArrayBuilder();
      ceiling.add(JSON.createObjectBuilder().add("x", fromMs).add("y", limit));
      for (long x : t) {
        ceiling.add(JSON.createObjectBuilder().add("x", x).add("y", limit));
      }
      ceiling.add(JSON.createObjectBuilder().add("x", toMs).add("y", limit));
      String limitLabel = text.getString("series.limit");
      datasets.add(
          JSON.createObjectBuilder()
              .add("label", limitLabel)
              .add("data", ceiling)
              .add("borderColor", LIMIT_COLOR)
              .add("backgroundColor", LIMIT_COLOR)
              .add("borderWidth", 1.5)
              .add("borderDash", JSON.createArrayBuilder().add(6).add(4))
              .add("pointRadius", 0)
              .add("fill", false));
      names.add(limitLabel);
    }
    if (unit.equals("pct")) {
      y.add("suggestedMax", 100);
    }
    return JSON.createObjectBuilder()
        .add("type", "line")
        .add("data", JSON.createObjectBuilder().add("datasets", datasets))
        .add(
            "options",
            JSON.createObjectBuilder()
                .add("animation", false)
                .add("responsive", true)
                .add("maintainAspectRatio", false)
                .add(
                    "interaction",
                    JSON.createObjectBuilder().add("mode", "index").add("intersect", false))
                .add(
                    "scales",
                    JSON.createObjectBuilder()
                        .add(
                            "x",
                            JSON.createObjectBuilder()
                                .add("type", "time")
                                .add("min", fromMs)
                                .add("max", toMs))
                        .add("y", y))
                .add(
                    "plugins",
                    JSON.createObjectBuilder()
                        .add(
                            "title",
                            JSON.createObjectBuilder()
                                .add("display", true)
                                .add("text", title)
                                .add("align", "start"))
                        .add(
                            "zoom",
                            JSON.createObjectBuilder()
                                .add(
                                    "zoom",
                                    JSON.createObjectBuilder()
                                        .add("mode", "x")
                                        .add(
                                            "drag",
                                            JSON.createObjectBuilder()
                                                .add("enabled", true)
                                                .add("backgroundColor", "rgba(16,42,67,0.15)"))
                                        .add(
                                            "pinch",
                                            JSON.createObjectBuilder().add("enabled", true))))))
        .add(
            "vigia",
            JSON.createObjectBuilder().add("unit", unit).add("key", key).add("names", names))
        .build()
        .toString();
  }

  private JsonObjectBuilder dataset(
      String label, double[] values, String line, String fill, long gapMs) {
    JsonArrayBuilder data = JSON.createArrayBuilder();
    for (int i = 0; i < t.length; i++) {
      data.add(JSON.createObjectBuilder().add("x", t[i]).add("y", values[i]));
    }
    return JSON.createObjectBuilder()
        .add("label", label)
        .add("data", data)
        .add("borderColor", line)
        .add("backgroundColor", fill)
        .add("borderWidth", 0)
        .add("pointRadius", 0)
        .add("spanGaps", gapMs);
  }

  /** Its CSV rows: {@code key,t,min,avg,max} with {@code t} in ISO-8601 (UTC). */
  void csv(StringBuilder out) {
    for (int i = 0; i < t.length; i++) {
      out.append(key)
          .append(',')
          .append(HistoryRange.iso(t[i]))
          .append(',')
          .append(min[i])
          .append(',')
          .append(avg[i])
          .append(',')
          .append(max[i])
          .append('\n');
    }
  }
}
