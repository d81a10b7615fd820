package io.vigia.monitor.host;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The monitor's own settings (MicroProfile Config, {@code vigia.*}; env {@code VIGIA_*}). The
 * datasource keys are read by the server itself; see {@code VigiaDataSource}.
 */
@ApplicationScoped
public class MonitorSettings {

  @Inject
  @ConfigProperty(name = "vigia.host.offline-after", defaultValue = "PT5S")
  Duration offlineAfter;

  @Inject
  @ConfigProperty(name = "vigia.fleet.key")
  Optional<String> fleetKey;

  @Inject
  @ConfigProperty(name = "vigia.ingest.max-bytes", defaultValue = "1048576")
  int ingestMaxBytes;

  @Inject
  @ConfigProperty(name = "vigia.ingest.max-clock-skew", defaultValue = "PT5M")
  Duration maxClockSkew;

  @Inject
  @ConfigProperty(name = "vigia.admin.initial-password")
  Optional<String> initialAdminPassword;

  @Inject
  @ConfigProperty(name = "vigia.command.ttl", defaultValue = "PT2M")
  Duration commandTtl;

  /** Password of the first admin, used only when there is no user yet. */
  public Optional<String> initialAdminPassword() {
    return initialAdminPassword.filter(p -> !p.isBlank());
  }

  /** A command not picked up by its agent within this time expires. */
  public Duration commandTtl() {
    return commandTtl;
  }

  /** A host with no batch for this long is offline: 3 intervals of 1 s plus 2 s of grace. */
  public Duration offlineAfter() {
    return offlineAfter;
  }

  /** The key agents trade for a host token; enrolment is closed while it is unset. */
  public Optional<String> fleetKey() {
    return fleetKey.filter(k -> !k.isBlank());
  }

  /** Largest ingest body accepted, in bytes, after decompression. */
  public int ingestMaxBytes() {
    return ingestMaxBytes;
  }

  @Inject
  @ConfigProperty(name = "vigia.ingest.max-age", defaultValue = "P2D")
  Duration maxSampleAge;

  /** How old a sample may be (a long outage replayed): older ones would be purged at once. */
  public Duration maxSampleAge() {
    return maxSampleAge;
  }

  /** How far in the future a sample's timestamp may be before the batch is refused. */
  public Duration maxClockSkew() {
    return maxClockSkew;
  }

  @Inject
  @ConfigProperty(name = "vigia.admin.max-now-ahead", defaultValue = "PT5M")
  Duration maxNowAhead;

  /**
   * How far ahead of the clock an admin may run rollup, retention or alert evaluation ({@code now=}
   * on their endpoints). Tests that drive history through months raise it; a monitor in use keeps
   * it at the clock skew it allows agents.
   */
  public Duration maxNowAhead() {
    return maxNowAhead;
  }

  @Inject
  @ConfigProperty(name = "vigia.admin.initial-password-file")
  Optional<String> initialAdminPasswordFile;

  /**
   * Where a generated first admin password is written: the configured file, else the domain's
   * config folder on Payara Server, else {@code ~/.vigia/initial-admin-password}.
   */
  public Path initialAdminPasswordFile() {
    return initialAdminPasswordFile
        .filter(f -> !f.isBlank())
        .map(Path::of)
        .orElseGet(
            () -> {
              String domain = System.getProperty("com.sun.aas.instanceRoot");
              return domain != null
                  ? Path.of(domain, "config", "vigia-initial-admin-password")
                  : Path.of(System.getProperty("user.home"), ".vigia", "initial-admin-password");
            });
  }
}
