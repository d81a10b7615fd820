package io.vigia.monitor.history;

/**
 * What a rollup run left behind: every 1-minute bucket before {@code minuteDoneUntilMs} and every
 * 1-hour bucket before {@code hourDoneUntilMs} is rolled up; {@code transactions} chunks were
 * written on the way.
 */
public record RollupReport(long minuteDoneUntilMs, long hourDoneUntilMs, int transactions) {}
