package io.vigia.web.ui;

import io.vigia.monitor.command.AgentCommand;
import io.vigia.monitor.command.CommandQueue;
import io.vigia.monitor.host.Host;
import io.vigia.monitor.host.HostDirectory;
import io.vigia.monitor.host.HostSummary;
import io.vigia.monitor.latest.LatestState;
import io.vigia.wire.Batch;
import io.vigia.wire.ContainerInfo;
import io.vigia.wire.ProcessInfo;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Backs {@code host.xhtml}: one host live — its figures, containers and every process, refreshed by
 * the page's poll — and the kill button for operators.
 */
@Named
@ViewScoped
public class HostLive implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject private transient HostDirectory directory;
  @Inject private transient LatestState latest;
  @Inject private transient CommandQueue commands;

  private String name;

  // Read once per request, not once per expression: the poll re-renders every 2 s, and the view
  // (and so this bean) outlives requests, so the cache is tied to the request's FacesContext.
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

  private Optional<Batch> last() {
    load();
    return last;
  }

  public String getSource() {
    return last().map(Batch::source).orElse(null);
  }

  public List<ProcessInfo> getProcesses() {
    return last()
        .map(
            b ->
                b.processes() == null || b.processes().list() == null
                    ? List.<ProcessInfo>of()
                    : b.processes().list().stream()
                        .sorted(
                            Comparator.comparing(
                                    ProcessInfo::cpuPct,
                                    Comparator.nullsFirst(Comparator.naturalOrder()))
                                .reversed())
                        .toList())
        .orElse(List.of());
  }

  public List<ContainerInfo> getContainers() {
    return last()
        .map(b -> b.containers() == null ? List.<ContainerInfo>of() : b.containers())
        .orElse(List.of());
  }

  public boolean isOperator() {
    return FacesContext.getCurrentInstance().getExternalContext().isUserInRole("operator");
  }

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
   * {@code startTicks} that were on the screen, never a row number, because the table is re-read
   * and re-sorted every 2 s and a row can hold another process by the time the click arrives. The
   * process must still be in the host's latest list with that start time.
   */
  public void kill() {
    FacesContext faces = FacesContext.getCurrentInstance();
    if (!isOperator()) {
      message(FacesMessage.SEVERITY_ERROR, "Only operators can kill processes.");
      return;
    }
    Map<String, String> params = faces.getExternalContext().getRequestParameterMap();
    int pid;
    long startTicks;
    try {
      pid = Integer.parseInt(params.getOrDefault("pid", ""));
      startTicks = Long.parseLong(params.getOrDefault("startTicks", ""));
    } catch (NumberFormatException e) {
      message(FacesMessage.SEVERITY_ERROR, "The kill named no process: nothing was killed.");
      return;
    }
    Optional<Host> host = directory.byName(name);
    if (host.isEmpty()) {
      message(FacesMessage.SEVERITY_ERROR, "No host " + name + ": nothing was killed.");
      return;
    }
    Optional<ProcessInfo> now = getProcesses().stream().filter(p -> p.pid() == pid).findFirst();
    if (now.isEmpty()) {
      message(
          FacesMessage.SEVERITY_WARN,
          "pid " + pid + " is no longer running on " + name + ": nothing was killed.");
      return;
    }
    ProcessInfo p = now.get();
    if (p.startTicks() != startTicks) {
      message(
          FacesMessage.SEVERITY_WARN,
          "pid "
              + pid
              + " is now another process ("
              + p.name()
              + "): the one you confirmed is gone, nothing was killed.");
      return;
    }
    if (!killable(p)) {
      message(
          FacesMessage.SEVERITY_ERROR,
          "pid " + pid + " is init or a kernel thread: Vigia never kills those.");
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
    message(
        FacesMessage.SEVERITY_INFO,
        "Kill of "
            + p.name()
            + " (pid "
            + pid
            + ") queued as command "
            + c.getId()
            + "; the agent carries it out with its next push.");
  }

  private static void message(FacesMessage.Severity severity, String text) {
    FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
  }

  public String mib(Long bytes) {
    return bytes == null ? "–" : String.format("%.1f MiB", bytes / 1048576.0);
  }

  public String kib(Long kb) {
    return kb == null ? "–" : kb >= 1024 ? String.format("%.1f MiB", kb / 1024.0) : kb + " KiB";
  }

  public String pct(Double pct) {
    return pct == null ? "–" : String.format("%.1f %%", pct);
  }
}
