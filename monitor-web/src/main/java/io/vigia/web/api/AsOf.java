package io.vigia.web.api;

import io.vigia.monitor.host.MonitorSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * The {@code now} that admins may give rollup, retention and alert evaluation: the clock by
 * default, any earlier instant, and never more than the allowed clock skew ({@code
 * vigia.admin.max-now-ahead}, 5 minutes) ahead — a day ahead would purge a day of raw samples still
 * wanted and call every host offline.
 */
@ApplicationScoped
public class AsOf {

  @Inject private MonitorSettings settings;

  long now(String nowParam) {
    long clock = System.currentTimeMillis();
    if (nowParam == null || nowParam.isBlank()) {
      return clock;
    }
    long now = EventsResource.instant("now", nowParam);
    if (now < 0) {
      throw ProblemException.badRequest("'now' must not be before 1970");
    }
    Duration skew = settings.maxNowAhead();
    if (now > clock + skew.toMillis()) {
      throw ProblemException.badRequest(
          "'now' is "
              + Duration.ofMillis(now - clock).truncatedTo(ChronoUnit.SECONDS)
              + " ahead of the server's clock; at most "
              + skew
              + " (vigia.admin.max-now-ahead) is allowed");
    }
    return now;
  }
}
