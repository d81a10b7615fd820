/**
 * Host-metric history: 1-minute and 1-hour rollups of the raw samples ({@link
 * io.vigia.monitor.history.Rollups}, every minute from {@link
 * io.vigia.monitor.history.RollupTimer}), retention of each level ({@link
 * io.vigia.monitor.history.Retention}, from {@link io.vigia.monitor.history.RetentionTimer}), and
 * series queries that pick the level themselves ({@link io.vigia.monitor.history.SeriesQuery}).
 *
 * <p>Every service takes "now" as an argument and the timers pass their {@link java.time.Clock}, so
 * tests and operators (the admin endpoint {@code POST /api/v1/history/maintenance?now=…}) run the
 * same code as of any instant, without sleeping.
 */
package io.vigia.monitor.history;
