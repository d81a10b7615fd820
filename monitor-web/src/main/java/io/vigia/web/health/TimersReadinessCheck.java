package io.vigia.web.health;

import io.vigia.monitor.alert.AlertEvaluation;
import io.vigia.monitor.history.Resolution;
import io.vigia.monitor.history.RollupStep;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the timers run: the 1-minute rollups are at most {@code
 * vigia.health.rollup-max-lag} behind the clock (the same lag as the {@code vigia_rollup_lag}
 * metric; normally up to about two minutes, a minute closing plus the timer's minute) and alerts
 * were last evaluated at most {@code vigia.health.alert-max-age} ago (every 5 s normally). Both are
 * read from the database, so they tell whether any node of a cluster does the work.
 *
 * <p>Right after deployment the timers may not have run yet (a fresh database's rollups are decades
 * behind): during {@code vigia.health.startup-grace} a timer that has not yet been seen on time is
 * reported as {@code starting}, not DOWN. Once seen on time, it is expected on time.
 */
@Readiness
@ApplicationScoped
public class TimersReadinessCheck implements HealthCheck {

  @Inject private RollupStep rollups;
  @Inject private AlertEvaluation alerts;

  @Inject
  @ConfigProperty(name = "vigia.health.rollup-max-lag", defaultValue = "PT5M")
  Duration rollupMaxLag;

  @Inject
  @ConfigProperty(name = "vigia.health.alert-max-age", defaultValue = "PT30S")
  Duration alertMaxAge;

  @Inject
  @ConfigProperty(name = "vigia.health.startup-grace", defaultValue = "PT3M")
  Duration startupGrace;

  private final Clock clock = Clock.systemUTC();
  private long startedMs;
  private volatile boolean rollupSeenOnTime;
  private volatile boolean alertSeenOnTime;

  @PostConstruct
  void start() {
    startedMs = clock.millis();
  }

  /** Creates the bean when the application starts, so the grace period counts from then. */
  void deployed(@Observes @Initialized(ApplicationScoped.class) Object application) {
    // nothing more: @PostConstruct took the time
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("timers");
    long now = clock.millis();
    long rollupLagMs;
    long alertAgeMs;
    try {
      rollupLagMs = Math.max(0, now - rollups.doneUntil(Resolution.MINUTE));
      alertAgeMs = Math.max(0, now - alerts.lastEvaluatedMs());
    } catch (RuntimeException e) {
      return response.down().withData("error", String.valueOf(e.getMessage())).build();
    }
    boolean rollupLate = rollupLagMs > rollupMaxLag.toMillis();
    boolean alertLate = alertAgeMs > alertMaxAge.toMillis();
    rollupSeenOnTime |= !rollupLate;
    alertSeenOnTime |= !alertLate;
    long graceLeftMs = startedMs + startupGrace.toMillis() - now;
    boolean rollupExcused = rollupLate && !rollupSeenOnTime && graceLeftMs > 0;
    boolean alertExcused = alertLate && !alertSeenOnTime && graceLeftMs > 0;

    response
        .withData("rollupLagSeconds", rollupLagMs / 1000)
        .withData("rollupMaxLagSeconds", rollupMaxLag.toSeconds())
        .withData("alertAgeSeconds", alertAgeMs / 1000)
        .withData("alertMaxAgeSeconds", alertMaxAge.toSeconds());
    List<String> late = new ArrayList<>();
    if (rollupLate) {
      late.add("rollup");
    }
    if (alertLate) {
      late.add("alert");
    }
    if (!late.isEmpty()) {
      response.withData("late", String.join(",", late));
    }
    if (rollupExcused || alertExcused) {
      response.withData("starting", true).withData("graceLeftSeconds", graceLeftMs / 1000);
    }
    boolean down = (rollupLate && !rollupExcused) || (alertLate && !alertExcused);
    return response.status(!down).build();
  }
}
