package io.vigia.monitor.host;

/**
 * One host as the fleet page shows it: the overview's figures, what this node keeps of its recent
 * batches (null before this node stored one) and how many of its alerts are open.
 */
public record FleetRow(HostSummary summary, FleetVitals.Vitals vitals, long openAlerts) {

  public String name() {
    return summary.name();
  }
}
