package io.vigia.monitor.alert;

/**
 * One value of a watched metric at one time (a raw sample's, or a container's).
 *
 * @param value null when the sample did not carry it
 */
public record Reading(long tsMs, Double value) {}
