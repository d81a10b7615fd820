package io.vigia.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigTest {

  private static Properties file(String... keyValues) {
    Properties p = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      p.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  @Test
  void flagWinsOverEnvironmentFileAndDefault() {
    AgentConfig c =
        new AgentConfig(
            Map.of("interval.ms", "250"),
            Map.of("VIGIA_INTERVAL_MS", "500"),
            file("interval.ms", "750"));

    assertThat(c.interval()).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void environmentWinsOverFileAndDefault() {
    AgentConfig c =
        new AgentConfig(Map.of(), Map.of("VIGIA_INTERVAL_MS", "500"), file("interval.ms", "750"));

    assertThat(c.interval()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void fileWinsOverDefault() {
    AgentConfig c = new AgentConfig(Map.of(), Map.of(), file("interval.ms", "750"));

    assertThat(c.interval()).isEqualTo(Duration.ofMillis(750));
  }

  @Test
  void eachKeyIsResolvedOnItsOwn() {
    AgentConfig c =
        new AgentConfig(
            Map.of("server", "https://flag.example"),
            Map.of("VIGIA_STATE_DIR", "/env/state"),
            file(
                "server", "https://file.example", "state.dir", "/file/state", "timeout.ms", "900"));

    assertThat(c.server()).isEqualTo(URI.create("https://flag.example/"));
    assertThat(c.stateDir()).isEqualTo(Path.of("/env/state"));
    assertThat(c.timeout()).isEqualTo(Duration.ofMillis(900));
    assertThat(c.procRoot()).isEqualTo(Path.of("/proc"));
  }

  @Test
  void defaultsApplyWhenNothingIsSet() {
    AgentConfig c = new AgentConfig(Map.of(), Map.of(), new Properties());

    assertThat(c.stateDir()).isEqualTo(Path.of("/var/lib/vigia"));
    assertThat(c.tokenFile()).isEqualTo(Path.of("/var/lib/vigia/token"));
    assertThat(c.interval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.procRoot()).isEqualTo(Path.of("/proc"));
    assertThat(c.insecure()).isFalse();
  }

  @Test
  void sourceLocationsDefaultToTheStandardPathsAndFollowTheModulesProcName() {
    AgentConfig defaults = new AgentConfig(Map.of(), Map.of(), new Properties());
    AgentConfig seeds =
        new AgentConfig(
            Map.of("module.cpu", "cpu_202004725"),
            Map.of("VIGIA_MODULE_RAM", "ram_202004725", "VIGIA_DOCKER_SOCKET", "/run/d.sock"),
            file("cgroup.root", "/mnt/cg", "passwd.file", "/host/etc/passwd"));

    assertThat(defaults.sources()).isEqualTo(io.vigia.agent.source.SourceSettings.DEFAULTS);
    assertThat(seeds.sources().moduleRamFile()).isEqualTo("ram_202004725");
    assertThat(seeds.sources().moduleCpuFile()).isEqualTo("cpu_202004725");
    assertThat(seeds.sources().dockerSocket()).hasToString("/run/d.sock");
    assertThat(seeds.sources().cgroupRoot()).hasToString("/mnt/cg");
    assertThat(seeds.sources().passwdFile()).hasToString("/host/etc/passwd");
  }

  @Test
  void tokenFileLivesInTheStateDirUnlessSet() {
    AgentConfig inState = new AgentConfig(Map.of("state.dir", "/srv/vigia"), Map.of(), file());
    AgentConfig named =
        new AgentConfig(Map.of(), Map.of("VIGIA_TOKEN_FILE", "/run/secrets/vigia"), file());

    assertThat(inState.tokenFile()).isEqualTo(Path.of("/srv/vigia/token"));
    assertThat(named.tokenFile()).isEqualTo(Path.of("/run/secrets/vigia"));
  }

  @Test
  void environmentNamesAreUpperCaseWithUnderscoresUnderVigia() {
    assertThat(AgentConfig.Key.SERVER.envName()).isEqualTo("VIGIA_SERVER");
    assertThat(AgentConfig.Key.STATE_DIR.envName()).isEqualTo("VIGIA_STATE_DIR");
    assertThat(AgentConfig.Key.PROC_ROOT.envName()).isEqualTo("VIGIA_PROC_ROOT");
    assertThat(AgentConfig.Key.INTERVAL_MS.envName()).isEqualTo("VIGIA_INTERVAL_MS");
  }

  @Test
  void missingServerGivesAClearError() {
    AgentConfig c = new AgentConfig(Map.of(), Map.of(), new Properties());

    assertThatThrownBy(c::server)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing setting 'server'")
        .hasMessageContaining("--server")
        .hasMessageContaining("VIGIA_SERVER");
  }

  @Test
  void blankServerCountsAsMissing() {
    AgentConfig c = new AgentConfig(Map.of(), Map.of(), file("server", "   "));

    assertThatThrownBy(c::server).hasMessageContaining("missing setting 'server'");
  }

  @Test
  void serverUrlAlwaysEndsInASlash() {
    AgentConfig bare =
        new AgentConfig(Map.of("server", "https://m.example:8181/vigia"), Map.of(), file());
    AgentConfig slashed = new AgentConfig(Map.of("server", "https://m.example/"), Map.of(), file());

    assertThat(bare.server()).isEqualTo(URI.create("https://m.example:8181/vigia/"));
    assertThat(slashed.server()).isEqualTo(URI.create("https://m.example/"));
  }

  @Test
  void valuesAreTrimmed() {
    AgentConfig c =
        new AgentConfig(Map.of(), Map.of(), file("interval.ms", " 2000 ", "host", " web-1 "));

    assertThat(c.interval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.host()).isEqualTo("web-1");
  }

  @Test
  void insecureIsOnlyTrueWhenSaidSo() {
    assertThat(new AgentConfig(Map.of("insecure", "true"), Map.of(), file()).insecure()).isTrue();
    assertThat(new AgentConfig(Map.of(), Map.of("VIGIA_INSECURE", "yes"), file()).insecure())
        .isFalse();
  }

  @Test
  void intervalBelowOneTenthOfASecondIsRejected() {
    AgentConfig c = new AgentConfig(Map.of("interval.ms", "99"), Map.of(), file());

    assertThatThrownBy(c::interval)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("interval.ms must be at least 100, got 99");
  }

  @Test
  void loadReadsThePropertiesFileNamedByTheConfigFlag(@TempDir Path dir) throws IOException {
    Path props = dir.resolve("agent.properties");
    Files.writeString(props, "server=https://file.example\nstate.dir=/file/state\n");

    AgentConfig c =
        AgentConfig.load(
            Map.of("config", props.toString()), Map.of("VIGIA_STATE_DIR", "/env/state"));

    assertThat(c.server()).isEqualTo(URI.create("https://file.example/"));
    assertThat(c.stateDir()).isEqualTo(Path.of("/env/state"));
  }

  @Test
  void loadFailsWhenTheNamedFileIsMissing(@TempDir Path dir) {
    String missing = dir.resolve("nope.properties").toString();

    assertThatThrownBy(() -> AgentConfig.load(Map.of("config", missing), Map.of()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("nope.properties");
  }

  @Test
  void shippingAndKillKeysHaveDefaults() {
    AgentConfig c = new AgentConfig(Map.of(), Map.of(), new Properties());

    assertThat(c.spoolMaxBytes()).isEqualTo(256L * 1024 * 1024);
    assertThat(c.spoolDir()).isEqualTo(Path.of("/var/lib/vigia/spool"));
    assertThat(c.killEnabled()).isTrue();
    assertThat(c.caFile()).isEmpty();
    assertThat(c.pinSha256()).isEmpty();
    assertThat(c.serverTrust().describe()).isEqualTo("system trust store");
  }

  @Test
  void shippingAndKillKeysFollowThePrecedence() {
    AgentConfig c =
        new AgentConfig(
            Map.of("spool.max.bytes", "1048576"),
            Map.of("VIGIA_KILL_ENABLED", "false", "VIGIA_SPOOL_MAX_BYTES", "2097152"),
            file("ca.file", "/etc/vigia/ca.pem", "kill.enabled", "true"));

    assertThat(c.spoolMaxBytes()).isEqualTo(1_048_576);
    assertThat(c.killEnabled()).isFalse();
    assertThat(c.caFile()).contains(Path.of("/etc/vigia/ca.pem"));
    assertThat(c.serverTrust().describe()).isEqualTo("CA file /etc/vigia/ca.pem");
  }

  @Test
  void pinSelectsPinnedTrust() {
    String pin = "AB:".repeat(31) + "AB";
    AgentConfig c = new AgentConfig(Map.of(), Map.of("VIGIA_PIN_SHA256", pin), file());

    assertThat(c.serverTrust().describe()).contains("pinned").contains(pin);
  }

  @Test
  void caFileAndPinTogetherAreRejected() {
    AgentConfig c =
        new AgentConfig(
            Map.of("ca.file", "/x.pem", "pin.sha256", "ab".repeat(32)), Map.of(), file());

    assertThatThrownBy(c::serverTrust).hasMessageContaining("either ca.file or pin.sha256");
  }

  @Test
  void killEnabledAcceptsOnlyTrueOrFalse() {
    AgentConfig c = new AgentConfig(Map.of("kill.enabled", "no"), Map.of(), file());

    assertThatThrownBy(c::killEnabled).hasMessageContaining("kill.enabled must be true or false");
  }

  @Test
  void tinySpoolIsRejected() {
    AgentConfig c = new AgentConfig(Map.of("spool.max.bytes", "100"), Map.of(), file());

    assertThatThrownBy(c::spoolMaxBytes).hasMessageContaining("spool.max.bytes must be at least");
  }

  @Test
  void dockerHostFromTheEnvironmentIsHonouredAsEveryDockerToolDoes() {
    AgentConfig c =
        new AgentConfig(Map.of(), Map.of("DOCKER_HOST", "unix:///tmp/x/docker.sock"), file());

    assertThat(c.dockerSocket()).contains(Path.of("/tmp/x/docker.sock"));
  }

  @Test
  void dockerHostKeyWinsOverDockerHostEnvWhichWinsOverDockerSocket() {
    AgentConfig both =
        new AgentConfig(
            Map.of("docker.host", "unix:///a.sock"),
            Map.of("DOCKER_HOST", "unix:///b.sock"),
            file("docker.socket", "/c.sock"));
    AgentConfig envOnly =
        new AgentConfig(
            Map.of(), Map.of("DOCKER_HOST", "unix:///b.sock"), file("docker.socket", "/c.sock"));
    AgentConfig socketOnly = new AgentConfig(Map.of(), Map.of(), file("docker.socket", "/c.sock"));

    assertThat(both.dockerSocket()).contains(Path.of("/a.sock"));
    assertThat(envOnly.dockerSocket()).contains(Path.of("/b.sock"));
    assertThat(socketOnly.dockerSocket()).contains(Path.of("/c.sock"));
    assertThat(new AgentConfig(Map.of(), Map.of(), file()).dockerSocket())
        .contains(Path.of("/var/run/docker.sock"));
  }

  @Test
  void aTcpDockerHostMeansNoEngineNotAFailure() {
    AgentConfig c = new AgentConfig(Map.of(), Map.of("DOCKER_HOST", "tcp://10.0.0.1:2375"), file());

    assertThat(c.dockerSocket()).isEmpty();
    assertThat(c.sources().dockerSocket()).isNull();
  }

  @Test
  void containerActionsAreOnByDefaultAndCanBeRefused() {
    assertThat(new AgentConfig(Map.of(), Map.of(), file()).containerActionsEnabled()).isTrue();
    assertThat(
            new AgentConfig(Map.of(), Map.of(), file("containers.actions.enabled", "false"))
                .containerActionsEnabled())
        .isFalse();
  }
}
