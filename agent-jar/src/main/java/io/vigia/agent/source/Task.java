package io.vigia.agent.source;

/**
 * One process as a source saw it, before per-process CPU % and user names are worked out: the
 * common shape of a /proc/[pid] reading and a kernel module task.
 *
 * @param uid effective uid, null when it could not be read
 * @param rssKb resident set, null when it could not be read (0 for kernel threads and zombies)
 * @param cpuNs CPU time of all the process's threads since it started, ns
 * @param startTicks start time in 1/100 s since boot, as field 22 of /proc/[pid]/stat
 */
record Task(
    int pid,
    int ppid,
    Integer uid,
    char state,
    String comm,
    Long rssKb,
    long cpuNs,
    long startTicks) {

  /** Nanoseconds in one USER_HZ clock tick: /proc reports times in 1/100 s. */
  static final long NANOS_PER_TICK = 10_000_000L;
}
