package io.vigia.monitor.event;

import java.util.List;

/**
 * One page of events, newest first.
 *
 * @param page 0-based
 * @param total how many events match the filter, over all pages
 */
public record EventPage(List<EventEntry> items, int page, int size, long total) {}
