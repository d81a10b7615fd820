package io.vigia.web.ui;

import io.vigia.monitor.command.AgentCommand;
import io.vigia.monitor.command.CommandQueue;
import io.vigia.monitor.history.ContainerMetric;
import io.vigia.monitor.history.Metric;
import io.vigia.monitor.history.SeriesPoint;
import io.vigia.monitor.history.SeriesQuery;
import io.vigia.monitor.host.Host;
import io.vigia.monitor.host.HostDirectory;
import io.vigia.monitor.host.HostSummary;
import io.vigia.monitor.latest.LatestState;
import io.vigia.wire.Batch;
import io.vigia.wire.ContainerInfo;
import io.vigia.wire.ProcessCounts;
import io.vigia.wire.ProcessInfo;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.text.MessageFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;
import org.primefaces.event.NodeCollapseEvent;
import org.primefaces.event.NodeExpandEvent;
import org.primefaces.model.TreeNode;

/**
 * Backs {@code host.xhtml}: one host live. The figures and charts move with each batch the host
 * sends, pushed over the page's WebSocket ({@link HostPush}); the process tree and the containers
 * are re-rendered by the page when a push arrives, at most every few seconds ({@link #refresh}).
 * Operators kill processes and act on containers; the server checks the role on each action.
 */
@Named
@ViewScoped
public class HostLive implements Serializable {

  private static final long serialVersionUID = 1L;

  /** What the charts show when the page opens, and keep as they move. */
  static final long WINDOW_MS = 5 * 60_000;

  /** The container actions the API offers (ContainersResource), and so the page. */
  static final Set<String> CONTAINER_ACTIONS = Set.of("start", "stop", "kill", "remove");

  @Inject private transient HostDirectory directory;
  @Inject private transient LatestState latest;
  @Inject private transient CommandQueue commands;
  @Inject private transient SeriesQuery series;
  @Inject private transient io.vigia.monitor.host.MonitorSettings settings;

  private String name;
  private String search;
  private ProcessTree.Order order = ProcessTree.Order.CPU;

  /** Pids whose children the viewer sees; null until the first tree (roots open by default). */
  private HashSet<Integer> expanded;

  // Built by refresh() (and the first render), not by each getter: between a render and the next
  // refresh the tree's row keys must keep naming the nodes the browser shows (expand, Kill).
  private transient ProcessTree tree;

  // Read once per request, not once per expression: the view (and so this bean) outlives
  // requests, so the cache is tied to the request's FacesContext.
  private transient Object loadedFor;
  private transient Optional<Host> host;
  private transient Optional<Batch> last;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  private void load() {
    FacesContext now = FacesContext.getCurrentInstance();
    if (loadedFor != now) {
      loadedFor = now;
      host = directory.byName(name);
      last = host.flatMap(h -> latest.get(h.getId()));
    }
  }

  // The page reads plain values, not the Optional: Jakarta EL 6 (EE 11) unwraps an Optional before
  // a method is called on it, so `summary.isPresent()` in a page fails there (it worked on EL 5).
  private Optional<HostSummary> summary() {
    load();
    return host.map(directory::summarize);
  }

  /** Whether the host is known at all. */
  public boolean isKnown() {
    load();
    return host.isPresent();
  }

  /** Whether the host is known and sent a batch within the offline threshold. */
  public boolean isOnline() {
    return summary().map(HostSummary::online).orElse(false);
  }

  /** The host's latest CPU %, or null when unknown. */
  public Double getCpuPct() {
    return summary().map(HostSummary::cpuPct).orElse(null);
  }

  /** The host's latest RAM used %, or null when unknown. */
  public Double getRamUsedPct() {
    return summary().map(HostSummary::ramUsedPct).orElse(null);
  }

  /** The host's latest swap used %, or null when unknown or without swap. */
  public Double getSwapUsedPct() {
    return last().map(b -> HostPush.swapPct(b.memory())).orElse(null);
  }

  /** Load over 1, 5, 15 minutes, or null. */
  public List<Double> getLoad() {
    return last()
        .map(Batch::load)
        .map(l -> java.util.Arrays.asList(l.one(), l.five(), l.fifteen()))
        .orElse(null);
  }

  /** How long without a batch before the host counts as offline (the page turns its badge). */
  public long getOfflineAfterMs() {
    return settings.offlineAfter().toMillis();
  }

  /** When the latest batch was taken, epoch ms, or null. */
  public Long getLastTs() {
    return last().map(Batch::ts).orElse(null);
  }

  private Optional<Batch> last() {
    load();
    return last;
  }

  public String getSource() {
    return last().map(Batch::source).orElse(null);
  }

  /** Processes by state, from the latest batch; null before there is one. */
  public ProcessCounts getCounts() {
    return last().map(Batch::processes).map(p -> p.counts()).orElse(null);
  }

  /** How many processes are in the state with this letter (R, S, D, T, Z, I), or null. */
  public Integer count(String state) {
    ProcessCounts c = getCounts();
    if (c == null) {
      return null;
    }
    return switch (state) {
      case "R" -> c.running();
      case "S" -> c.sleeping();
      case "D" -> c.diskSleep();
      case "T" -> c.stopped();
      case "Z" -> c.zombie();
      case "I" -> c.idle();
      default -> null;
    };
  }

  List<ProcessInfo> processes() {
    return last()
        .map(Batch::processes)
        .map(p -> p.list() == null ? List.<ProcessInfo>of() : p.list())
        .orElse(List.of());
  }

  public int getProcessCount() {
    return processes().size();
  }

  public List<ContainerInfo> getContainers() {
    return last()
        .map(b -> b.containers() == null ? List.<ContainerInfo>of() : b.containers())
        .orElse(List.of());
  }

  public boolean isOperator() {
    return FacesContext.getCurrentInstance().getExternalContext().isUserInRole("operator");
  }

  // --- Charts -----------------------------------------------------------------------------------

  /** Chart.js configuration of the CPU chart: total from history, cores from pushes. */
  public String getCpuChart() {
    return charts().cpu(history(Metric.CPU), coreCount());
  }

  /** RAM and swap used %, from history. */
  public String getMemoryChart() {
    Long swapTotalKb = last().map(Batch::memory).map(m -> m.swapTotalKb()).orElse(null);
    List<SeriesPoint> swap =
        swapTotalKb == null || swapTotalKb == 0
            ? List.of()
            : history(Metric.SWAP_USED_KB).stream()
                .map(
                    p ->
                        new SeriesPoint(
                            p.t(),
                            100 * p.min() / swapTotalKb,
                            100 * p.avg() / swapTotalKb,
                            100 * p.max() / swapTotalKb))
                .toList();
    return charts().memory(history(Metric.RAM), swap);
  }

  /** Load 1, 5, 15: history keeps the 1-minute load only; the others start with the pushes. */
  public String getLoadChart() {
    return charts().load(history(Metric.LOAD1));
  }

  /**
   * The containers' CPU (% of one core) and memory used (bytes): a line per container among the
   * {@link LiveCharts#busiest busiest} of the latest batch, filled from the last {@link #WINDOW_MS}
   * of its stored history (one sample per container interval, 10 s by default: two short indexed
   * reads of the raw container table per line, at most 20 per page opened), then by the pushes.
   */
  public String getContainerCpuChart() {
    return charts().containers(containerHistory(ContainerMetric.CPU), false);
  }

  public String getContainerMemoryChart() {
    return charts().containers(containerHistory(ContainerMetric.MEM), true);
  }

  /** The container lines' colours, for host.js to give new lines. */
  public String getContainerColors() {
    return String.join(" ", LiveCharts.CONTAINER_COLORS);
  }

  /** Whether the latest batch has a container to chart (the charts are hidden until one is). */
  public boolean isContainersCharted() {
    return !LiveCharts.busiest(getContainers()).isEmpty();
  }

  private Map<ContainerInfo, List<SeriesPoint>> containerHistory(ContainerMetric metric) {
    Map<ContainerInfo, List<SeriesPoint>> lines = new LinkedHashMap<>();
    long now = System.currentTimeMillis();
    for (ContainerInfo c : LiveCharts.busiest(getContainers())) {
      lines.put(
          c,
          series
              .query(
                  host.get().getId(),
                  c.id(),
                  metric,
                  now - WINDOW_MS,
                  now,
                  (int) (WINDOW_MS / 1000),
                  now)
              .points());
    }
    return lines;
  }

  private LiveCharts charts() {
    return new LiveCharts(text(), WINDOW_MS);
  }

  private int coreCount() {
    return last()
        .map(Batch::cpu)
        .map(c -> c.perCorePct() != null ? c.perCorePct().size() : 0)
        .orElse(0);
  }

  /** The last {@link #WINDOW_MS} of a metric, raw (one point a second), from the series service. */
  private List<SeriesPoint> history(Metric metric) {
    load();
    if (host.isEmpty()) {
      return List.of();
    }
    long now = System.currentTimeMillis();
    return series
        .query(host.get().getId(), metric, now - WINDOW_MS, now, (int) (WINDOW_MS / 1000), now)
        .points();
  }

  // --- Process tree -----------------------------------------------------------------------------

  public TreeNode<ProcessInfo> getTree() {
    if (tree == null) {
      rebuild();
    }
    return tree.root();
  }

  /** How many processes match the search (all of them without one). */
  public int getMatches() {
    getTree();
    return tree.matches();
  }

  /** Whether the search matched more processes than the tree shows. */
  public boolean isTruncated() {
    getTree();
    return tree.truncated();
  }

  /** Re-reads the host's latest batch into the tree; the page calls it after pushes (throttled). */
  public void refresh() {
    rebuild();
  }

  private void rebuild() {
    List<ProcessInfo> all = processes();
    if (expanded == null) {
      expanded = new HashSet<>(ProcessTree.defaultOpen(all));
    }
    tree = ProcessTree.of(all, search, order, expanded);
  }

  public void onExpand(NodeExpandEvent e) {
    if (e.getTreeNode().getData() instanceof ProcessInfo p) {
      expanded.add(p.pid());
    }
  }

  public void onCollapse(NodeCollapseEvent e) {
    if (e.getTreeNode().getData() instanceof ProcessInfo p) {
      expanded.remove(p.pid());
    }
  }

  public String getSearch() {
    return search;
  }

  public void setSearch(String search) {
    this.search = search == null || search.isBlank() ? null : search.strip();
  }

  public String getOrder() {
    return order.name().toLowerCase(java.util.Locale.ROOT);
  }

  public void setOrder(String order) {
    this.order = ProcessTree.Order.parse(order);
  }

  // --- Kill -------------------------------------------------------------------------------------

  /**
   * Whether the page offers Kill for this process: never for PID 1 or a kernel thread (kthreadd,
   * pid 2, and its children, which have no command line). The agent refuses them too.
   */
  public boolean killable(ProcessInfo p) {
    boolean kernelThread = p.pid() == 2 || (p.ppid() == 2 && p.command() == null);
    return p.pid() != 1 && !kernelThread;
  }

  /**
   * Queues a kill of the process the operator confirmed: the request carries the {@code pid} and
   * {@code startTicks} that were on the screen, never a row number, because the tree is re-read and
   * re-sorted every few seconds and a row can hold another process by the time the click arrives.
   * The process must still be in the host's latest list with that start time.
   */
  public void kill() {
    FacesContext faces = FacesContext.getCurrentInstance();
    if (!isOperator()) {
      message(FacesMessage.SEVERITY_ERROR, "kill.notOperator");
      return;
    }
    Map<String, String> params = faces.getExternalContext().getRequestParameterMap();
    int pid;
    long startTicks;
    try {
      pid = Integer.parseInt(params.getOrDefault("pid", ""));
      startTicks = Long.parseLong(params.getOrDefault("startTicks", ""));
    } catch (NumberFormatException e) {
      message(FacesMessage.SEVERITY_ERROR, "kill.noProcess");
      return;
    }
    Optional<Host> host = directory.byName(name);
    if (host.isEmpty()) {
      message(FacesMessage.SEVERITY_ERROR, "kill.noHost", name);
      return;
    }
    Optional<ProcessInfo> now = processes().stream().filter(p -> p.pid() == pid).findFirst();
    if (now.isEmpty()) {
      message(FacesMessage.SEVERITY_WARN, "kill.gone", pid, name);
      return;
    }
    ProcessInfo p = now.get();
    if (p.startTicks() != startTicks) {
      message(FacesMessage.SEVERITY_WARN, "kill.reused", pid, p.name());
      return;
    }
    if (!killable(p)) {
      message(FacesMessage.SEVERITY_ERROR, "kill.never", pid);
      return;
    }
    String user = faces.getExternalContext().getUserPrincipal().getName();
    AgentCommand c =
        commands.queueKill(
            host.get().getId(),
            pid,
            startTicks,
            user,
            "from the host page",
            System.currentTimeMillis());
    message(FacesMessage.SEVERITY_INFO, "kill.queued", p.name(), pid, c.getId());
  }

  // --- Containers -------------------------------------------------------------------------------

  /**
   * Queues the container action the operator confirmed ({@code action}: start, stop, kill or
   * remove, as the API takes them) for the container {@code id} the page showed, if the host still
   * reports it.
   */
  public void containerAction() {
    FacesContext faces = FacesContext.getCurrentInstance();
    if (!isOperator()) {
      message(FacesMessage.SEVERITY_ERROR, "container.notOperator");
      return;
    }
    Map<String, String> params = faces.getExternalContext().getRequestParameterMap();
    String action = params.getOrDefault("action", "");
    String id = params.getOrDefault("container", "");
    if (!CONTAINER_ACTIONS.contains(action)) {
      message(FacesMessage.SEVERITY_ERROR, "container.badAction");
      return;
    }
    Optional<Host> host = directory.byName(name);
    if (host.isEmpty()) {
      message(FacesMessage.SEVERITY_ERROR, "kill.noHost", name);
      return;
    }
    Optional<ContainerInfo> c = getContainers().stream().filter(x -> x.id().equals(id)).findFirst();
    if (c.isEmpty()) {
      message(FacesMessage.SEVERITY_WARN, "container.gone", name);
      return;
    }
    String user = faces.getExternalContext().getUserPrincipal().getName();
    AgentCommand queued =
        commands.queueContainerAction(
            host.get().getId(),
            action,
            id,
            null,
            user,
            "from the host page",
            System.currentTimeMillis());
    message(
        FacesMessage.SEVERITY_INFO,
        "container.queued",
        text().getString("container.action." + action),
        containerName(c.get()),
        queued.getId());
  }

  /** The container's name, or its short id when Docker gave none. */
  public String containerName(ContainerInfo c) {
    return nameOf(c);
  }

  static String nameOf(ContainerInfo c) {
    return c.name() != null ? c.name() : c.id().substring(0, Math.min(12, c.id().length()));
  }

  /** Which actions fit the container's state: start when not running, stop and kill when it is. */
  public List<String> actionsFor(ContainerInfo c) {
    boolean running = "running".equals(c.state()) || "restarting".equals(c.state());
    return running ? List.of("stop", "kill") : List.of("start", "remove");
  }

  private ResourceBundle text() {
    FacesContext faces = FacesContext.getCurrentInstance();
    return faces.getApplication().getResourceBundle(faces, "hostText");
  }

  private void message(FacesMessage.Severity severity, String key, Object... args) {
    String text = new MessageFormat(text().getString(key), text().getLocale()).format(args);
    FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
  }
}
