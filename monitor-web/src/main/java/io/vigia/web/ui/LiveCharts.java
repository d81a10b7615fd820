package io.vigia.web.ui;

import static io.vigia.web.ui.JsonBuilders.JSON;

import io.vigia.monitor.history.SeriesPoint;
import io.vigia.wire.ContainerInfo;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.text.MessageFormat;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * The Chart.js configurations of the host page's live charts, as JSON for {@code p:chart}: line
 * charts over a linear time axis of epoch milliseconds (no date adapter ships with PrimeFaces; the
 * page's script labels the ticks in the viewer's zone and appends each pushed point). Filled with
 * the last minutes of history so the page opens with lines, not empty axes.
 */
final class LiveCharts {

  static final String CPU_COLOR = "#1d4ed8";
  static final String RAM_COLOR = "#047857";
  static final String SWAP_COLOR = "#b45309";
  static final String[] LOAD_COLORS = {"#7c3aed", "#db2777", "#0e7490"};

  /** How many containers the container charts draw: the busiest, so 200 stay readable. */
  static final int CONTAINER_LINES = 10;

  /** The container lines' colours, one each (host.js gives a new line the first one free). */
  static final String[] CONTAINER_COLORS = {
    "#1d4ed8", "#b91c1c", "#047857", "#b45309", "#7c3aed",
    "#0e7490", "#db2777", "#4d7c0f", "#475569", "#9333ea"
  };

  private static final Comparator<ContainerInfo> BUSIEST =
      Comparator.comparing((ContainerInfo c) -> c.cpuPct() == null ? 0 : c.cpuPct())
          .thenComparing(c -> c.memUsedBytes() == null ? 0 : c.memUsedBytes())
          .reversed();

  private final ResourceBundle text;
  private final long windowMs;
  private final long now = System.currentTimeMillis();

  LiveCharts(ResourceBundle text, long windowMs) {
    this.text = text;
    this.windowMs = windowMs;
  }

  /** CPU busy %: the total, bold, and one thin line per core (filled by the pushes). */
  String cpu(List<SeriesPoint> total, int cores) {
    JsonArrayBuilder sets =
        JSON.createArrayBuilder().add(line(text("chart.cpu.total"), CPU_COLOR, total, 2));
    for (int i = 0; i < cores; i++) {
      sets.add(line(coreLabel(i), coreColor(i, cores), List.of(), 1));
    }
    return config(sets, 100, text("chart.cpu.axis"));
  }

  String memory(List<SeriesPoint> ram, List<SeriesPoint> swap) {
    return config(
        JSON.createArrayBuilder()
            .add(line(text("chart.ram"), RAM_COLOR, ram, 2))
            .add(line(text("chart.swap"), SWAP_COLOR, swap, 2)),
        100,
        text("chart.memory.axis"));
  }

  String load(List<SeriesPoint> load1) {
    return config(
        JSON.createArrayBuilder()
            .add(line(text("chart.load1"), LOAD_COLORS[0], load1, 2))
            .add(line(text("chart.load5"), LOAD_COLORS[1], List.of(), 2))
            .add(line(text("chart.load15"), LOAD_COLORS[2], List.of(), 2)),
        null,
        text("chart.load.axis"));
  }

  /**
   * The running containers of a batch the container charts draw: at most {@link #CONTAINER_LINES},
   * busiest first by CPU, then by memory used (as {@code docker stats} lists running ones only).
   */
  static List<ContainerInfo> busiest(List<ContainerInfo> containers) {
    if (containers == null) {
      return List.of();
    }
    return containers.stream()
        .filter(c -> c.state() == null || "running".equals(c.state()))
        .sorted(BUSIEST)
        .limit(CONTAINER_LINES)
        .toList();
  }

  /**
   * A line per container, labelled with its name (drawn on the canvas: no HTML), keyed by its id
   * ({@code vigiaId}) so host.js appends each push to the right line; CPU as % of one core (no
   * upper bound: a container can use several cores) or memory used in bytes.
   */
  String containers(Map<ContainerInfo, List<SeriesPoint>> lines, boolean memory) {
    JsonArrayBuilder sets = JSON.createArrayBuilder();
    int i = 0;
    for (Map.Entry<ContainerInfo, List<SeriesPoint>> line : lines.entrySet()) {
      ContainerInfo c = line.getKey();
      JsonObjectBuilder set =
          line(
                  HostLive.nameOf(c),
                  CONTAINER_COLORS[i++ % CONTAINER_COLORS.length],
                  line.getValue(),
                  2)
              .add("vigiaId", c.id());
      if (c.memLimitBytes() != null) {
        set.add("vigiaLimit", c.memLimitBytes());
      }
      sets.add(set);
    }
    return config(sets, null, text(memory ? "chart.ctr.memory.axis" : "chart.ctr.cpu.axis"));
  }

  String coreLabel(int core) {
    return new MessageFormat(text("chart.cpu.core"), text.getLocale()).format(new Object[] {core});
  }

  /** Cores in hues around the wheel, lighter than the total. */
  static String coreColor(int core, int cores) {
    return "hsl(" + (200 + 160 * core / Math.max(1, cores)) % 360 + " 60% 60%)";
  }

  private String text(String key) {
    return text.getString(key);
  }

  private static JsonObjectBuilder line(
      String label, String color, List<SeriesPoint> points, int width) {
    JsonArrayBuilder data = JSON.createArrayBuilder();
    for (SeriesPoint p : points) {
      data.add(JSON.createObjectBuilder().add("x", p.t().toEpochMilli()).add("y", p.avg()));
    }
    return JSON.createObjectBuilder()
        .add("label", label)
        .add("data", data)
        .add("borderColor", color)
        .add("backgroundColor", color)
        .add("borderWidth", width)
        .add("pointRadius", 0)
        .add("pointHitRadius", 4)
        .add("tension", 0);
  }

  private String config(JsonArrayBuilder datasets, Integer yMax, String yTitle) {
    JsonObjectBuilder y =
        JSON.createObjectBuilder()
            .add("beginAtZero", true)
            .add("title", JSON.createObjectBuilder().add("display", true).add("text", yTitle));
    if (yMax != null) {
      y.add("min", 0).add("max", yMax);
    }
    return JSON.createObjectBuilder()
        .add("type", "line")
        .add("data", JSON.createObjectBuilder().add("datasets", datasets))
        .add(
            "options",
            JSON.createObjectBuilder()
                .add("animation", false)
                .add("parsing", false)
                .add("normalized", true)
                .add("responsive", true)
                .add("maintainAspectRatio", false)
                .add(
                    "interaction",
                    JSON.createObjectBuilder()
                        .add("mode", "nearest")
                        .add("axis", "x")
                        .add("intersect", false))
                .add(
                    "scales",
                    JSON.createObjectBuilder()
                        .add(
                            "x",
                            JSON.createObjectBuilder()
                                .add("type", "linear")
                                .add("min", now - windowMs)
                                .add("max", now)
                                .add("ticks", JSON.createObjectBuilder().add("maxTicksLimit", 6)))
                        .add("y", y))
                .add(
                    "plugins",
                    JSON.createObjectBuilder()
                        .add(
                            "legend",
                            JSON.createObjectBuilder()
                                .add("position", "bottom")
                                .add("labels", JSON.createObjectBuilder().add("boxWidth", 12)))))
        .build()
        .toString();
  }
}
