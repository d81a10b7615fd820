package io.vigia.web.ui;

import io.vigia.monitor.history.ContainerMetric;
import io.vigia.monitor.history.ContainerRanking;
import io.vigia.monitor.history.Metric;
import io.vigia.monitor.history.Series;
import io.vigia.monitor.history.SeriesPlan;
import io.vigia.monitor.history.SeriesQuery;
import io.vigia.monitor.history.SeriesSource;
import io.vigia.monitor.host.Host;
import io.vigia.monitor.host.HostDirectory;
import io.vigia.monitor.latest.LatestState;
import io.vigia.wire.Batch;
import io.vigia.wire.ContainerInfo;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;

/**
 * Backs {@code history.xhtml?host=H}: a host's metrics (and its containers', those gone since
 * included while they have figures in the range) over a range, each as its average with the min–max
 * band, from the series service that {@code GET /api/v1/hosts/{name}/series} answers with, at the
 * resolution it picks for the range. Everything that decides what is shown — range, metrics — is in
 * the address, so a view can be bookmarked; a zoom or a custom range is a new address. The view
 * keeps the points it drew for the CSV export.
 */
@Named
@ViewScoped
public class HostHistory implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Points per chart: the series API's default, so the page and the API pick the same level. */
  static final int POINTS = 300;

  /**
   * The range a page opens on: the last hour, read from raw samples, so a host that started minutes
   * ago shows its figures as lines, not a dot on a day.
   */
  static final String DEFAULT_RANGE = "1h";

  static final String CONTAINER = "ctr:";

  /** A host metric the page offers: its key in {@code show=}, unit and colour. */
  enum HostMetric {
    CPU(Metric.CPU, "pct", "#1f6fbf"),
    RAM(Metric.RAM, "pct", "#7b3fb5"),
    SWAP(Metric.SWAP_USED_KB, "kib", "#b5483f"),
    LOAD(Metric.LOAD1, "num", "#2f7d32"),
    AVAILABLE(Metric.MEM_AVAILABLE_KB, "kib", "#8a6d00");

    final Metric metric;
    final String unit;
    final String color;

    HostMetric(Metric metric, String unit, String color) {
      this.metric = metric;
      this.unit = unit;
      this.color = color;
    }

    String key() {
      return metric.apiName();
    }
  }

  /** Shown unless the address says otherwise. */
  static final List<String> DEFAULT_SHOW = List.of("cpu", "ram", "swap_used_kb", "load1");

  /** A metric or container the viewer can switch on or off, with the address that does it. */
  public record Choice(String key, String label, boolean shown, String href)
      implements Serializable {}

  @Inject private transient HostDirectory directory;
  @Inject private transient SeriesQuery seriesQuery;
  @Inject private transient LatestState latest;
  @Inject private transient ContainerRanking ranking;
  @Inject private Formats fmt;

  // The address (view parameters).
  private String host;
  private String range;
  private String from;
  private String to;
  private String out;
  private String show;

  // What load() found.
  private boolean hostKnown;
  private HistoryRange shown;
  private HistoryRange zoomedOut;
  private List<String> keys = List.of();
  private List<Choice> choices = List.of();
  private List<Choice> goneChoices = List.of();
  private List<HistoryPlot> plots = List.of();
  private String resolution;
  private long stepMs;
  private List<SeriesSource> finer = List.of();
  private String zone;

  // The custom range form, in the viewer's time zone.
  private LocalDateTime customFrom;
  private LocalDateTime customTo;

  /** Reads the address and queries every chart it asks for (f:viewAction, first request only). */
  public void load() {
    long now = System.currentTimeMillis();
    ZoneId viewerZone = fmt.getZone();
    zone = viewerZone.getId();
    shown = range(now);
    zoomedOut = HistoryRange.ofSpec(out, now).orElse(null);
    customFrom =
        LocalDateTime.ofInstant(java.time.Instant.ofEpochMilli(shown.fromMs()), viewerZone);
    customTo = LocalDateTime.ofInstant(java.time.Instant.ofEpochMilli(shown.toMs()), viewerZone);
    Optional<Host> found =
        host == null || host.isBlank() ? Optional.empty() : directory.byName(host.strip());
    hostKnown = found.isPresent();
    if (!hostKnown) {
      return;
    }
    Host h = found.get();
    Optional<Batch> last = latest.get(h.getId());
    List<Charted> containers = containers(h.getId(), last);
    keys = keys(containers);
    ResourceBundle text = text();
    List<Choice> offered = new ArrayList<>();
    List<Choice> goneOffered = new ArrayList<>();
    List<HistoryPlot> drawn = new ArrayList<>();
    SeriesPlan plan = null;
    for (HostMetric m : HostMetric.values()) {
      String title = text.getString("metric." + m.key());
      offered.add(choice(m.key(), title));
      if (keys.contains(m.key())) {
        Series s =
            seriesQuery.query(h.getId(), m.metric, shown.fromMs(), shown.toMs(), POINTS, now);
        plan = s.plan();
        finer = s.finer();
        drawn.add(HistoryPlot.of(m.key(), "history_" + m.key(), title, m.unit, m.color, s));
      }
    }
    Long ramBytes =
        last.map(Batch::memory).map(mem -> mem.totalKb()).map(kb -> kb * 1024).orElse(null);
    int i = 0;
    for (Charted c : containers) {
      String key = c.key();
      String name = c.name() == null ? key.substring(CONTAINER.length()) : c.name();
      (c.gone() ? goneOffered : offered)
          .add(
              choice(
                  key,
                  MessageFormat.format(
                      text.getString(c.gone() ? "container.gone" : "container"), name)));
      if (keys.contains(key)) {
        for (ContainerMetric m : ContainerMetric.values()) {
          Series s =
              seriesQuery.query(h.getId(), c.id(), m, shown.fromMs(), shown.toMs(), POINTS, now);
          plan = s.plan();
          finer = s.finer();
          HistoryPlot plot =
              HistoryPlot.of(
                  key + "/" + m.apiName(),
                  "history_ctr" + i + "_" + m.apiName(),
                  MessageFormat.format(text.getString("container." + m.apiName()), name),
                  m == ContainerMetric.CPU ? "pct" : "bytes",
                  m == ContainerMetric.CPU ? "#1f6fbf" : "#7b3fb5",
                  s);
          // A limit as large as the host's RAM is no limit (Docker reports the RAM then).
          boolean limited =
              c.memLimitBytes() != null && (ramBytes == null || c.memLimitBytes() < ramBytes);
          drawn.add(m == ContainerMetric.MEM && limited ? plot.withLimit(c.memLimitBytes()) : plot);
        }
      }
      i++;
    }
    goneChoices = goneOffered;
    choices = offered;
    plots = drawn;
    if (plan != null) {
      resolution = plan.resolution().label();
      stepMs = plan.stepMs();
    }
  }

  /** The range in the address; the default (with a message) when it holds none that is valid. */
  private HistoryRange range(long now) {
    boolean fixed = from != null || to != null;
    Optional<HistoryRange> asked =
        fixed ? HistoryRange.between(from, to) : HistoryRange.lastSpan(range, now);
    if (asked.isPresent()) {
      return asked.get();
    }
    if (fixed || range != null) {
      error("range.badAddress");
    }
    return HistoryRange.lastSpan(DEFAULT_RANGE, now).orElseThrow();
  }

  /**
   * A container the page can chart: one in the host's latest batch, or one gone since that has
   * figures in the range shown.
   */
  record Charted(String id, String name, boolean gone, Long memLimitBytes) {
    String key() {
      return CONTAINER + id.substring(0, Math.min(12, id.length()));
    }
  }

  /** Most containers gone from the host offered at once: the most recently seen. */
  static final int GONE_OFFERED = 200;

  /** The host's containers now, then those gone with figures in the range, newest first. */
  private List<Charted> containers(long hostId, Optional<Batch> last) {
    List<Charted> out = new ArrayList<>();
    Set<String> running = new java.util.HashSet<>();
    for (ContainerInfo c :
        last.map(Batch::containers).filter(list -> list != null).orElse(List.of())) {
      out.add(new Charted(c.id(), c.name(), false, c.memLimitBytes()));
      running.add(c.id());
    }
    List<String> gone =
        ranking
            .seenOnHost(hostId, shown.fromMs(), shown.toMs(), GONE_OFFERED + running.size())
            .stream()
            .map(ContainerRanking.Seen::containerId)
            .filter(id -> !running.contains(id))
            .limit(GONE_OFFERED)
            .toList();
    Map<String, ContainerRanking.Named> names = ranking.lastNamed(hostId, gone);
    for (String id : gone) {
      ContainerRanking.Named n = names.get(id);
      out.add(
          new Charted(id, n == null ? null : n.name(), true, n == null ? null : n.memLimitBytes()));
    }
    return out;
  }

  /** The keys of the charts shown: from {@code show=}, known ones only, in the page's order. */
  private List<String> keys(List<Charted> containers) {
    if (show == null) {
      return DEFAULT_SHOW;
    }
    Set<String> asked = new LinkedHashSet<>(List.of(show.split(",")));
    List<String> out = new ArrayList<>();
    for (HostMetric m : HostMetric.values()) {
      if (asked.contains(m.key())) {
        out.add(m.key());
      }
    }
    for (Charted c : containers) {
      if (asked.contains(c.key()) && !out.contains(c.key())) {
        out.add(c.key());
      }
    }
    return out;
  }

  private Choice choice(String key, String label) {
    boolean on = keys.contains(key);
    List<String> toggled = new ArrayList<>(keys);
    if (on) {
      toggled.remove(key);
    } else {
      toggled.add(key);
    }
    return new Choice(key, label, on, address(shown, toggled, zoomedOut));
  }

  /** Checks the custom range and, if it is one, shows it (a new address); else says why. */
  public void applyCustom() throws IOException {
    if (customFrom == null || customTo == null) {
      error("custom.missing");
      return;
    }
    ZoneId viewerZone = fmt.getZone();
    long f = customFrom.atZone(viewerZone).toInstant().toEpochMilli();
    long t = customTo.atZone(viewerZone).toInstant().toEpochMilli();
    long now = System.currentTimeMillis();
    String problem = null;
    if (f >= t) {
      problem = "custom.order";
    } else if (f >= now) {
      problem = "custom.future";
    } else if (t - f < HistoryRange.SHORTEST.toMillis()) {
      problem = "custom.short";
    } else if (t - f > HistoryRange.LONGEST.toMillis()) {
      problem = "custom.long";
    }
    if (problem != null) {
      error(problem);
      return;
    }
    redirect(address(HistoryRange.fixed(f, t).orElseThrow(), keys, null));
  }

  /** The CSV of every chart shown, exactly the points drawn: {@code metric,t,min,avg,max}. */
  public StreamedContent getCsv() {
    StringBuilder csv = new StringBuilder("metric,t,min,avg,max\n");
    for (HistoryPlot p : plots) {
      p.csv(csv);
    }
    byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
    return DefaultStreamedContent.builder()
        .name(fileName() + ".csv")
        .contentType("text/csv; charset=UTF-8")
        .contentLength((long) bytes.length)
        .stream(() -> new ByteArrayInputStream(bytes))
        .build();
  }

  /** {@code web-1-history-20261129T2100Z}: the host and where the range starts, for file names. */
  public String fileName() {
    String safeHost = host == null ? "host" : host.replaceAll("[^A-Za-z0-9._-]", "_");
    return safeHost
        + "-history-"
        + HistoryRange.iso(shown.fromMs()).replaceAll("[-:]", "").replaceAll("\\.\\d+", "");
  }

  /** This page's address for a range, the charts to show and the range a zoom returns to. */
  private String address(HistoryRange r, List<String> show, HistoryRange back) {
    ExternalContext ec = FacesContext.getCurrentInstance().getExternalContext();
    StringBuilder a =
        new StringBuilder(ec.getRequestContextPath())
            .append("/history.xhtml?host=")
            .append(enc(host == null ? "" : host.strip()));
    if (r.isFixed()) {
      a.append("&from=").append(enc(HistoryRange.iso(r.fromMs())));
      a.append("&to=").append(enc(HistoryRange.iso(r.toMs())));
    } else {
      a.append("&range=").append(enc(r.last()));
    }
    if (!show.equals(DEFAULT_SHOW)) {
      a.append("&show=").append(enc(String.join(",", show)));
    }
    if (back != null) {
      a.append("&out=").append(enc(back.spec()));
    }
    return a.toString();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** The address of a preset range, with the same charts. */
  public String presetHref(String preset) {
    return address(HistoryRange.lastSpan(preset, 0).orElseThrow(), keys, null);
  }

  public boolean isPresetActive(String preset) {
    return preset.equals(shown.last());
  }

  /**
   * The address a zoom goes to, {@code {from}} and {@code {to}} standing for its ends (a literal
   * brace in a host name is percent-encoded); the zoom's "reset" returns to the range before the
   * first zoom.
   */
  public String getZoomHref() {
    HistoryRange placeholder = new HistoryRange(null, 0, 1);
    String a = address(placeholder, keys, zoomedOut != null ? zoomedOut : shown);
    return a.replace(enc(HistoryRange.iso(0)), "{from}").replace(enc(HistoryRange.iso(1)), "{to}");
  }

  /** Where "reset zoom" goes, or null when this range is not a zoom. */
  public String getZoomOutHref() {
    return zoomedOut == null ? null : address(zoomedOut, keys, null);
  }

  private void redirect(String address) throws IOException {
    FacesContext faces = FacesContext.getCurrentInstance();
    faces.getExternalContext().redirect(address);
    faces.responseComplete();
  }

  // By the page's language, not the view root's locale: f:view sets that only when the page is
  // rendered, after the view action has built the charts' titles.
  private ResourceBundle text() {
    return ResourceBundle.getBundle("io.vigia.web.ui.i18n.History", fmt.getLocale());
  }

  private void error(String key) {
    FacesContext.getCurrentInstance()
        .addMessage(
            null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text().getString(key), null));
  }

  /** A chart's Chart.js configuration (JSON for {@code p:chart}). */
  public String chartJson(HistoryPlot plot) {
    ResourceBundle text = text();
    // A gap of more than two steps (and at least 5 s: agents push about once a second) is a gap.
    long gap = Math.max(2 * stepMs + 1, 5_000);
    return plot.chartJson(shown.fromMs(), shown.toMs(), gap, text);
  }

  /** "raw", "1m", "1h": the level the points come from; null when nothing was queried. */
  public String getResolution() {
    return resolution;
  }

  /**
   * The latest part of the range when it was read from a finer level than {@link #getResolution()}
   * because it is not rolled up yet: "raw samples from 14:02"; null otherwise.
   */
  public String getRecentText() {
    if (finer.isEmpty()) {
      return null;
    }
    ResourceBundle text = text();
    List<String> parts = new ArrayList<>();
    for (SeriesSource s : finer) {
      parts.add(
          MessageFormat.format(
              text.getString("resolution.since"),
              text.getString("resolution." + s.resolution().label()),
              fmt.dateTimeMillis(s.fromMs())));
    }
    return MessageFormat.format(text.getString("resolution.recent"), String.join(", ", parts));
  }

  /** The finer levels the latest part was read from ("1m raw"), for scripts and tests. */
  public String getRecentLevels() {
    return String.join(" ", finer.stream().map(s -> s.resolution().label()).toList());
  }

  /** Width of one point. */
  public Duration getStep() {
    return Duration.ofMillis(stepMs);
  }

  /** The step as people read it: "2 s", "5 min", "3 h". */
  public String getStepText() {
    long s = stepMs / 1000;
    if (s < 120) {
      return s + " s";
    }
    if (s < 7200) {
      return s / 60 + " min";
    }
    return s % 3600 == 0 || s >= 172800 ? s / 3600 + " h" : s / 60 + " min";
  }

  public boolean isHostKnown() {
    return hostKnown;
  }

  public HistoryRange getShown() {
    return shown;
  }

  public List<Choice> getChoices() {
    return choices;
  }

  /** The containers gone from the host that have figures in the range. */
  public List<Choice> getGoneChoices() {
    return goneChoices;
  }

  /** Whether one of the containers gone is charted (its list then opens by itself). */
  public boolean isGoneShown() {
    return goneChoices.stream().anyMatch(Choice::shown);
  }

  public List<HistoryPlot> getPlots() {
    return plots;
  }

  public List<String> getPresets() {
    return HistoryRange.PRESETS;
  }

  public String getZone() {
    return zone;
  }

  public String getHost() {
    return host;
  }

  public void setHost(String host) {
    this.host = host;
  }

  public String getRange() {
    return range;
  }

  public void setRange(String range) {
    this.range = range;
  }

  public String getFrom() {
    return from;
  }

  public void setFrom(String from) {
    this.from = from;
  }

  public String getTo() {
    return to;
  }

  public void setTo(String to) {
    this.to = to;
  }

  public String getOut() {
    return out;
  }

  public void setOut(String out) {
    this.out = out;
  }

  public String getShow() {
    return show;
  }

  public void setShow(String show) {
    this.show = show;
  }

  public LocalDateTime getCustomFrom() {
    return customFrom;
  }

  public void setCustomFrom(LocalDateTime customFrom) {
    this.customFrom = customFrom;
  }

  public LocalDateTime getCustomTo() {
    return customTo;
  }

  public void setCustomTo(LocalDateTime customTo) {
    this.customTo = customTo;
  }
}
