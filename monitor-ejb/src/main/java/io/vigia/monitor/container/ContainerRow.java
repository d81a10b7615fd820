package io.vigia.monitor.container;

/**
 * One container of the fleet as the containers view and {@code GET /api/v1/containers/top} show it:
 * its host, and either its latest figures or, over a span, the means from the rollups with the
 * peaks ({@code cpuPctMax}, {@code memUsedMaxBytes}) and how many samples are behind them.
 *
 * @param hostOnline whether its host pushed within the offline threshold: if not, "now" is the
 *     host's last batch
 * @param name and {@code image}: from the latest batch, or for a container that is gone from its
 *     host's last minute snapshot holding it; null when unknown
 * @param state Docker's state, or {@link ContainerBoard#GONE} for one no longer in its host's
 *     latest batch
 * @param cpuPct share of one core (can pass 100)
 * @param cpuPctOfLimit share of its CPU limit (its {@code --cpus}, or the host's cores); null when
 *     the limit is unknown (a container that is gone)
 * @param memLimitBytes its memory limit, or the host's RAM when it has none
 * @param samples over a span, how many samples the means are of; null for "now"
 */
public record ContainerRow(
    long hostId,
    String host,
    boolean hostOnline,
    String id,
    String name,
    String image,
    String state,
    Double cpuPct,
    Double cpuPctOfLimit,
    Long memUsedBytes,
    Long memLimitBytes,
    Double cpuPctMax,
    Long memUsedMaxBytes,
    Long samples) {

  /** Memory used as a share of the limit, 0–100 and more; null when either is unknown. */
  public Double memPct() {
    return memUsedBytes == null || memLimitBytes == null || memLimitBytes == 0
        ? null
        : 100.0 * memUsedBytes / memLimitBytes;
  }

  public boolean gone() {
    return ContainerBoard.GONE.equals(state);
  }

  /** Its id as {@code docker ps} shows it: the first 12 characters. */
  public String shortId() {
    return id.substring(0, Math.min(12, id.length()));
  }

  /** Its name, or its short id when the name is unknown. */
  public String label() {
    return name == null || name.isBlank() ? shortId() : name;
  }
}
