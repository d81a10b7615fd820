package io.vigia.agent;

import io.vigia.agent.ship.ServerTrust;
import io.vigia.agent.source.SourceSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The agent's configuration, the one place that knows its keys. Sources in order of precedence:
 * command-line flags ({@code --server=URL}), environment ({@code VIGIA_SERVER}), the properties
 * file ({@code /etc/vigia/agent.properties}, or {@code --config=FILE}), then the defaults below.
 */
public final class AgentConfig {

  /** Every key the agent reads, with its default ({@code null}: none). */
  public enum Key {
    SERVER("server", null),
    STATE_DIR("state.dir", "/var/lib/vigia"),
    TOKEN_FILE("token.file", null),
    HOST("host", null),
    INTERVAL_MS("interval.ms", "1000"),
    PROC_ROOT("proc.root", "/proc"),
    INSECURE("insecure", "false"),
    TIMEOUT_MS("timeout.ms", "5000"),
    CA_FILE("ca.file", null),
    PIN_SHA256("pin.sha256", null),
    SPOOL_MAX_BYTES("spool.max.bytes", String.valueOf(256L * 1024 * 1024)),
    KILL_ENABLED("kill.enabled", "true"),
    MODULE_RAM("module.ram", "vigia_ram"),
    MODULE_CPU("module.cpu", "vigia_cpu"),
    DOCKER_HOST("docker.host", null),
    DOCKER_SOCKET("docker.socket", "/var/run/docker.sock"),
    CONTAINER_ACTIONS("containers.actions.enabled", "true"),
    CGROUP_ROOT("cgroup.root", "/sys/fs/cgroup"),
    PASSWD_FILE("passwd.file", "/etc/passwd");

    final String name;
    final String defaultValue;

    Key(String name, String defaultValue) {
      this.name = name;
      this.defaultValue = defaultValue;
    }

    String envName() {
      return "VIGIA_" + name.toUpperCase(Locale.ROOT).replace('.', '_');
    }
  }

  public static final Path DEFAULT_FILE = Path.of("/etc/vigia/agent.properties");

  private final Map<String, String> flags;
  private final Map<String, String> env;
  private final Properties file;

  AgentConfig(Map<String, String> flags, Map<String, String> env, Properties file) {
    this.flags = flags;
    this.env = env;
    this.file = file;
  }

  /** Loads the file named by {@code --config} (or the default one, if it exists). */
  static AgentConfig load(Map<String, String> flags, Map<String, String> env) throws IOException {
    Properties props = new Properties();
    String named = flags.get("config");
    Path path = named != null ? Path.of(named) : DEFAULT_FILE;
    if (named != null || Files.isReadable(path)) {
      try (InputStream in = Files.newInputStream(path)) {
        props.load(in);
      }
    }
    return new AgentConfig(flags, env, props);
  }

  String get(Key key) {
    String v = flags.get(key.name);
    if (v == null) {
      v = env.get(key.envName());
    }
    if (v == null) {
      v = file.getProperty(key.name);
    }
    return v == null || v.isBlank() ? key.defaultValue : v.trim();
  }

  String require(Key key) {
    String v = get(key);
    if (v == null) {
      throw new IllegalArgumentException(
          "missing setting '"
              + key.name
              + "' (flag --"
              + key.name
              + ", env "
              + key.envName()
              + ")");
    }
    return v;
  }

  public URI server() {
    String s = require(Key.SERVER);
    return URI.create(s.endsWith("/") ? s : s + "/");
  }

  public Path stateDir() {
    return Path.of(get(Key.STATE_DIR));
  }

  public Path tokenFile() {
    String v = get(Key.TOKEN_FILE);
    return v != null ? Path.of(v) : stateDir().resolve("token");
  }

  public String host() {
    String v = get(Key.HOST);
    if (v != null) {
      return v;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return System.getenv().getOrDefault("HOSTNAME", "localhost");
    }
  }

  public Duration interval() {
    long ms = Long.parseLong(get(Key.INTERVAL_MS));
    if (ms < 100) {
      throw new IllegalArgumentException("interval.ms must be at least 100, got " + ms);
    }
    return Duration.ofMillis(ms);
  }

  public Duration timeout() {
    return Duration.ofMillis(Long.parseLong(get(Key.TIMEOUT_MS)));
  }

  /** Where the sources other than /proc are: module entry names, Docker, cgroups, users. */
  public SourceSettings sources() {
    return new SourceSettings(
        get(Key.MODULE_RAM),
        get(Key.MODULE_CPU),
        dockerSocket().orElse(null),
        Path.of(get(Key.CGROUP_ROOT)),
        Path.of(get(Key.PASSWD_FILE)));
  }

  /**
   * The Docker engine's unix socket: {@code docker.host} ({@code unix:///run/docker.sock}), else
   * the environment's {@code DOCKER_HOST} as every Docker tool reads it, else {@code
   * docker.socket}. Empty for an engine this agent cannot reach (only unix sockets are spoken; a
   * {@code tcp://} or {@code ssh://} engine is left alone, and the log says so).
   */
  public Optional<Path> dockerSocket() {
    String host = get(Key.DOCKER_HOST);
    String from = "docker.host";
    if (host == null) {
      host = env.get("DOCKER_HOST");
      from = "DOCKER_HOST";
    }
    if (host == null || host.isBlank()) {
      return Optional.of(Path.of(get(Key.DOCKER_SOCKET)));
    }
    host = host.trim();
    if (host.startsWith("unix://")) {
      return Optional.of(Path.of(host.substring("unix://".length())));
    }
    if (host.startsWith("/")) {
      return Optional.of(Path.of(host));
    }
    java.util.logging.Logger.getLogger(AgentConfig.class.getName())
        .warning(
            from
                + "="
                + host
                + " is not a unix:// socket, which is all this agent speaks: containers from"
                + " cgroups only, without names");
    return Optional.empty();
  }

  /** Whether the monitor may start, stop, kill and remove containers here (and prune them). */
  public boolean containerActionsEnabled() {
    return bool(Key.CONTAINER_ACTIONS);
  }

  private boolean bool(Key key) {
    String v = get(key);
    if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
      throw new IllegalArgumentException(key.name + " must be true or false, got '" + v + "'");
    }
    return Boolean.parseBoolean(v);
  }

  public Path procRoot() {
    return Path.of(get(Key.PROC_ROOT));
  }

  public boolean insecure() {
    return Boolean.parseBoolean(get(Key.INSECURE));
  }

  /** A PEM file of CA certificates to trust instead of the system trust store. */
  public Optional<Path> caFile() {
    return Optional.ofNullable(get(Key.CA_FILE)).map(Path::of);
  }

  /** The SHA-256 fingerprint of the one server certificate to accept, as written (hex). */
  public Optional<String> pinSha256() {
    return Optional.ofNullable(get(Key.PIN_SHA256));
  }

  /** How the agent decides that it talks to the real monitor. */
  public ServerTrust serverTrust() {
    if (caFile().isPresent() && pinSha256().isPresent()) {
      throw new IllegalArgumentException("set either ca.file or pin.sha256, not both");
    }
    if (pinSha256().isPresent()) {
      return ServerTrust.pinned(pinSha256().get());
    }
    return caFile().map(ServerTrust::caFile).orElse(ServerTrust.systemDefault());
  }

  /** Upper bound of the on-disk spool of unsent batches. */
  public long spoolMaxBytes() {
    long v = Long.parseLong(get(Key.SPOOL_MAX_BYTES));
    if (v < 64 * 1024) {
      throw new IllegalArgumentException("spool.max.bytes must be at least 65536, got " + v);
    }
    return v;
  }

  public Path spoolDir() {
    return stateDir().resolve("spool");
  }

  /** Whether the monitor may kill processes on this host. */
  public boolean killEnabled() {
    String v = get(Key.KILL_ENABLED);
    if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
      throw new IllegalArgumentException("kill.enabled must be true or false, got '" + v + "'");
    }
    return Boolean.parseBoolean(v);
  }
}
