package io.vigia.web.ui;

import io.vigia.monitor.event.EventText;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.text.NumberFormat;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Numbers, sizes, percentages, dates and ages as the viewer reads them: in the page's language and
 * in the browser's time zone (which the template's script keeps in the {@code vigia-tz} cookie).
 * Pages reach it as {@code #{fmt}}; a value that is unknown shows as an en dash, never as 0.
 */
@Named("fmt")
@RequestScoped
public class Formats {

  static final String ZONE_COOKIE = "vigia-tz";
  private static final String NONE = "–";

  @Inject private Language language;
  @Inject private HttpServletRequest request;

  private ZoneId zone;

  public Locale getLocale() {
    return language.getLocale();
  }

  /** The viewer's time zone, from the browser; UTC until the browser has told it. */
  public ZoneId getZone() {
    if (zone == null) {
      zone = zoneOf(request.getCookies());
    }
    return zone;
  }

  static ZoneId zoneOf(Cookie[] cookies) {
    if (cookies != null) {
      for (Cookie c : cookies) {
        if (ZONE_COOKIE.equals(c.getName())) {
          try {
            return ZoneId.of(java.net.URLDecoder.decode(c.getValue(), "UTF-8"));
          } catch (DateTimeException | java.io.UnsupportedEncodingException e) {
            break; // a zone the JDK does not know: fall back to UTC
          }
        }
      }
    }
    return ZoneId.of("UTC");
  }

  /** 12.3 % (es: 12,3 %). */
  public String pct(Double pct) {
    return pct == null ? NONE : decimal(1).format(pct) + " %";
  }

  /** A percentage as a bar shows it: whole numbers from 0 to 100, 0 when unknown. */
  public int bar(Double pct) {
    return pct == null ? 0 : (int) Math.round(Math.max(0, Math.min(100, pct)));
  }

  /** A plain number with the locale's grouping, up to {@code digits} decimals. */
  public String number(Number n, int digits) {
    return n == null ? NONE : decimal(digits).format(n);
  }

  /** Bytes in binary units: 512 B, 12.5 KiB, 1.2 GiB. */
  public String bytes(Long bytes) {
    if (bytes == null) {
      return NONE;
    }
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    double v = bytes;
    int u = 0;
    while (Math.abs(v) >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return (u == 0 ? decimal(0) : decimal(1)).format(v) + " " + units[u];
  }

  /** Kibibytes (as /proc counts them) in binary units. */
  public String kib(Long kib) {
    return kib == null ? NONE : bytes(kib * 1024);
  }

  /** Date and time in the viewer's zone, medium style: "29 Nov 2026, 21:40:07". */
  public String dateTime(Instant when) {
    return when == null
        ? NONE
        : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
            .withLocale(getLocale())
            .withZone(getZone())
            .format(when);
  }

  /** {@link #dateTime(Instant)} of epoch milliseconds. */
  public String dateTimeMillis(Long epochMillis) {
    return epochMillis == null ? NONE : dateTime(Instant.ofEpochMilli(epochMillis));
  }

  /** How long ago, as a person reads it at a glance: "3 s ago", "5 min ago", "2 h ago". */
  public String ago(Instant when) {
    ResourceBundle text = ResourceBundle.getBundle("io.vigia.web.ui.i18n.Common", getLocale());
    if (when == null) {
      return text.getString("ago.never");
    }
    long s = Math.max(0, Duration.between(when, Instant.now()).toSeconds());
    String amount;
    if (s < 120) {
      amount = s + " s";
    } else if (s < 7200) {
      amount = s / 60 + " min";
    } else if (s < 172800) {
      amount = s / 3600 + " h";
    } else {
      amount = s / 86400 + " d";
    }
    return text.getString("ago").replace("{0}", amount);
  }

  private NumberFormat decimal(int digits) {
    NumberFormat f = NumberFormat.getNumberInstance(getLocale());
    f.setMinimumFractionDigits(digits);
    f.setMaximumFractionDigits(digits);
    return f;
  }

  /** A span of time as people say it: "45 s", "5 min 30 s", "2 h 5 min", "3 d 4 h". */
  public String duration(long seconds) {
    return duration(seconds, getLocale());
  }

  static String duration(long seconds, Locale locale) {
    NumberFormat n = NumberFormat.getIntegerInstance(locale);
    long s = Math.max(0, seconds);
    if (s < 60 || (s < 120 && s % 60 != 0)) {
      return n.format(s) + " s";
    }
    if (s < 3600) {
      return s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
    }
    if (s < 172_800) {
      return s / 3600 + " h" + (s % 3600 / 60 == 0 ? "" : " " + s % 3600 / 60 + " min");
    }
    return n.format(s / 86_400)
        + " d"
        + (s % 86_400 / 3600 == 0 ? "" : " " + s % 86_400 / 3600 + " h");
  }

  /** How event texts read for this viewer: the page's language, the browser's time zone. */
  public EventText.Wording eventWording() {
    ResourceBundle bundle = ResourceBundle.getBundle(EventText.BUNDLE, getLocale());
    return new EventText.Wording() {
      @Override
      public ResourceBundle bundle() {
        return bundle;
      }

      @Override
      public String number(EventText.Num n) {
        NumberFormat f = NumberFormat.getNumberInstance(getLocale());
        f.setMinimumFractionDigits(n.digits() == null ? 0 : n.digits());
        f.setMaximumFractionDigits(n.digits() == null ? 2 : n.digits());
        return f.format(n.value());
      }

      @Override
      public String time(long ms) {
        return dateTimeMillis(ms);
      }

      @Override
      public String span(long ms) {
        return duration(ms / 1000);
      }
    };
  }

  /**
   * A container's state as the engine names it ({@code running}, {@code exited}, ...) in the page's
   * language; a state the engine may add later is shown as it was sent, as text.
   */
  public String containerState(String state) {
    jakarta.faces.context.FacesContext faces =
        jakarta.faces.context.FacesContext.getCurrentInstance();
    java.util.ResourceBundle msg = faces.getApplication().getResourceBundle(faces, "msg");
    if (state == null || state.isBlank()) {
      return msg.getString("empty");
    }
    String key = "container.state." + state;
    return msg.containsKey(key) ? msg.getString(key) : state;
  }

  /**
   * A text of the page's bundle {@code bundle} (its var in faces-config: {@code alertsText}, ...),
   * its {@code {0}}... filled in as MessageFormat does in the page's language; without arguments as
   * written.
   */
  public String text(String bundle, String key, Object... args) {
    jakarta.faces.context.FacesContext faces =
        jakarta.faces.context.FacesContext.getCurrentInstance();
    String pattern = faces.getApplication().getResourceBundle(faces, bundle).getString(key);
    return args.length == 0
        ? pattern
        : new java.text.MessageFormat(pattern, getLocale()).format(args);
  }
}
