package io.vigia.web.ui;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time range a History page shows, as its address carries it: the last span up to now ({@code
 * range=24h}), or a fixed interval ({@code from=...&to=...}, ISO-8601 instants or epoch
 * milliseconds). A fixed one is written {@code FROM/TO} when it must fit in one parameter (the
 * range a zoom returns to).
 *
 * @param last the span when the range ends now ({@code 1h}, {@code 10m}); null for a fixed one
 */
public record HistoryRange(String last, long fromMs, long toMs) implements Serializable {

  /** The spans offered as buttons; others ({@code 10m}, {@code 3d}) work in the address. */
  static final List<String> PRESETS = List.of("1h", "24h", "7d", "30d");

  /** The longest range: what the 1-hour rollups keep by default. */
  static final Duration LONGEST = Duration.ofDays(400);

  /** The shortest range a chart is drawn for. */
  static final Duration SHORTEST = Duration.ofMinutes(1);

  private static final Pattern SPAN = Pattern.compile("([1-9][0-9]{0,5})([mhd])");

  public HistoryRange {
    if (toMs <= fromMs) {
      throw new IllegalArgumentException("the range must start before it ends");
    }
  }

  /** {@code 10m}, {@code 24h}, {@code 7d} as a duration from 1 minute to 400 days. */
  static Optional<Duration> span(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = SPAN.matcher(text.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    long n = Long.parseLong(m.group(1));
    Duration d =
        switch (m.group(2)) {
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
    return d.compareTo(LONGEST) > 0 ? Optional.empty() : Optional.of(d);
  }

  /** The span {@code text} up to {@code nowMs}, if it is one. */
  static Optional<HistoryRange> lastSpan(String text, long nowMs) {
    return span(text).map(d -> new HistoryRange(text.strip(), nowMs - d.toMillis(), nowMs));
  }

  /** A fixed range, if both ends are instants and it is from 1 minute to 400 days long. */
  static Optional<HistoryRange> between(String from, String to) {
    Optional<Long> f = instant(from);
    Optional<Long> t = instant(to);
    if (f.isEmpty() || t.isEmpty()) {
      return Optional.empty();
    }
    return fixed(f.get(), t.get());
  }

  /** A fixed range, if it is from 1 minute to 400 days long. */
  static Optional<HistoryRange> fixed(long fromMs, long toMs) {
    long length = toMs - fromMs;
    if (length < SHORTEST.toMillis() || length > LONGEST.toMillis()) {
      return Optional.empty();
    }
    return Optional.of(new HistoryRange(null, fromMs, toMs));
  }

  /** A range as {@link #spec()} writes it. */
  static Optional<HistoryRange> ofSpec(String spec, long nowMs) {
    if (spec == null) {
      return Optional.empty();
    }
    int slash = spec.indexOf('/');
    return slash < 0
        ? lastSpan(spec, nowMs)
        : between(spec.substring(0, slash), spec.substring(slash + 1));
  }

  /** Epoch milliseconds, or an ISO-8601 instant ({@code 2026-11-02T10:00:00Z}, or with offset). */
  static Optional<Long> instant(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.strip();
    try {
      if (v.chars().allMatch(Character::isDigit)) {
        return Optional.of(Long.parseLong(v));
      }
      try {
        return Optional.of(Instant.parse(v).toEpochMilli());
      } catch (DateTimeParseException e) {
        return Optional.of(OffsetDateTime.parse(v).toInstant().toEpochMilli());
      }
    } catch (NumberFormatException | DateTimeParseException e) {
      return Optional.empty();
    }
  }

  public boolean isFixed() {
    return last == null;
  }

  /** {@code 24h}, or {@code FROM/TO} in ISO-8601 (UTC) for a fixed range. */
  public String spec() {
    return isFixed() ? iso(fromMs) + "/" + iso(toMs) : last;
  }

  /**
   * The address parameters that give this range: {@code range=}, or {@code from=} and {@code to=}.
   */
  public String query() {
    return isFixed() ? "from=" + iso(fromMs) + "&to=" + iso(toMs) : "range=" + last;
  }

  public long lengthMs() {
    return toMs - fromMs;
  }

  static String iso(long ms) {
    return Instant.ofEpochMilli(ms).toString();
  }
}
