package io.vigia.web.ui;

import io.vigia.monitor.host.HostDirectory;
import io.vigia.monitor.host.HostSummary;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Backs {@code index.xhtml}: every host with its latest CPU and RAM, polled by the page. */
@Named
@RequestScoped
public class FleetOverview {

  @Inject private HostDirectory directory;

  private List<HostSummary> hosts;

  public List<HostSummary> getHosts() {
    if (hosts == null) {
      hosts = directory.overview();
    }
    return hosts;
  }

  public long getOnlineCount() {
    return getHosts().stream().filter(HostSummary::online).count();
  }

  /** "3 s ago", "5 min ago": how a person reads last-seen at a glance. */
  public String ago(Instant when) {
    if (when == null) {
      return "never";
    }
    long s = Math.max(0, Duration.between(when, Instant.now()).toSeconds());
    if (s < 120) {
      return s + " s ago";
    }
    if (s < 7200) {
      return s / 60 + " min ago";
    }
    return s / 3600 + " h ago";
  }

  /** A percentage as the bar shows it: whole numbers, 0 when unknown. */
  public int bar(Double pct) {
    return pct == null ? 0 : (int) Math.round(Math.max(0, Math.min(100, pct)));
  }

  public String pct(Double pct) {
    return pct == null ? "–" : String.format("%.1f %%", pct);
  }
}
