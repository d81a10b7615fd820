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

  /** Queues a kill of exactly this process (pid and start time as shown). */
  public void kill(ProcessInfo p) {
    FacesContext faces = FacesContext.getCurrentInstance();
    if (!isOperator()) {
      faces.addMessage(
          null,
          new FacesMessage(
              FacesMessage.SEVERITY_ERROR, "Only operators can kill processes.", null));
      return;
    }
    Optional<Host> host = directory.byName(name);
    if (host.isEmpty()) {
      return;
    }
    String user = faces.getExternalContext().getUserPrincipal().getName();
    AgentCommand c =
        commands.queueKill(
            host.get().getId(),
            p.pid(),
            p.startTicks(),
            user,
            "from the host page",
            System.currentTimeMillis());
    faces.addMessage(
        null,
        new FacesMessage(
            FacesMessage.SEVERITY_INFO,
            "Kill of "
                + p.name()
                + " (pid "
                + p.pid()
                + ") queued as command "
                + c.getId()
                + "; the agent carries it out with its next push.",
            null));
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
