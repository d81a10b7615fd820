package io.vigia.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.testsupport.MonitorApi;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the README tells a newcomer to run, run as they would: {@code ./vigia up} on the embedded
 * database, this host seen online through the API, {@code ./vigia down}, up again, a crashed server
 * (SIGKILL) brought back by {@code up}, then the same on Payara Micro, each with a data grid of its
 * own (a cluster name made for the home); and afterwards no secret in any file of the home or the
 * build but {@code secrets.env}, nor in any command line.
 */
class VigiaScriptIT {

  private static final int PORT_BASE = Integer.getInteger("vigia.it.script-port-base", 27000);
  private static final Path ROOT = Path.of(System.getProperty("vigia.root", "..")).normalize();
  private static final Path TARGET = Path.of("target").toAbsolutePath();
  private static final VigiaScript VIGIA =
      new VigiaScript(
          ROOT.toAbsolutePath(), TARGET.resolve("script-it-home"), TARGET.resolve("script-it.out"));
  private static final String SECRET_KEYS[] = {
    "VIGIA_ADMIN_INITIAL_PASSWORD", "PAYARA_ADMIN_PASSWORD", "VIGIA_FLEET_KEY", "VIGIA_H2_PASSWORD"
  };

  private static MonitorApi api;

  @BeforeAll
  static void freshHome() throws IOException {
    VIGIA.deleteHome();
    Files.deleteIfExists(VIGIA.output());
    api = new MonitorApi(URI.create("http://127.0.0.1:" + (PORT_BASE + 80) + "/"));
  }

  @AfterAll
  static void down() throws Exception {
    VIGIA.run(3, "down");
  }

  @Test
  void comesUpAfterDownAndAfterACrashOnServerAndMicroAndKeepsSecretsToSecretsEnv()
      throws Exception {
    // cold, on Payara Server with H2
    up();
    Properties secrets = VIGIA.secrets();
    MonitorApi admin = api.as("admin", secrets.getProperty("VIGIA_ADMIN_INITIAL_PASSWORD"));
    awaitThisHostOnline(admin);
    assertThat(Files.readString(VIGIA.output()))
        .contains("Vigia is up (Payara Server, database: H2");
    refusesMaintenanceFarAhead(admin);
    assertNoSecretOnAnyCommandLine(secrets);
    assertDataGridOfItsOwn(VIGIA.home().resolve("payara7/glassfish/domains/vigia/logs/server.log"));

    // down, then warm up
    List<ProcessHandle> started = List.of(serverProcess(), agentProcess());
    assertThat(VIGIA.run(3, "down")).isZero();
    assertGone(started);
    up();
    awaitThisHostOnline(admin);

    // a crash of the server: up brings it back (the agent kept running, and waits for it)
    ProcessHandle server = serverProcess();
    server.destroyForcibly();
    server.onExit().get();
    up();
    awaitThisHostOnline(admin);
    assertThat(serverProcess().pid()).isNotEqualTo(server.pid());

    // Payara Micro, from the same home
    started = List.of(serverProcess(), agentProcess());
    assertThat(VIGIA.run(3, "down")).isZero();
    assertGone(started);
    up("--micro");
    awaitThisHostOnline(admin);
    assertThat(Files.readString(VIGIA.output())).contains("Vigia is up (Payara Micro");
    assertNoSecretOnAnyCommandLine(secrets);
    assertDataGridOfItsOwn(VIGIA.home().resolve("logs/micro.log"));
    started = List.of(microProcess(), agentProcess());
    assertThat(VIGIA.run(3, "down")).isZero();
    assertGone(started);

    assertThat(Files.readString(VIGIA.output()))
        .as("down stops what up started through its pidfiles, not as strays found by the sweep")
        .doesNotContain("(left over)");
    assertNoSecretInFilesUnder(secrets, VIGIA.home(), TARGET);
  }

  private static void up(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("--port-base", String.valueOf(PORT_BASE)));
    all.addAll(List.of(args));
    int exit = VIGIA.run(8, "up", all.toArray(String[]::new));
    assertThat(exit).as("./vigia up failed; see %s", VIGIA.output()).isZero();
  }

  private static void awaitThisHostOnline(MonitorApi admin) throws Exception {
    String hostName = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    Optional<JsonObject> seen = Optional.empty();
    while (seen.isEmpty() && System.nanoTime() < deadline) {
      seen = admin.host(hostName).filter(h -> h.getBoolean("online") && !h.isNull("cpuPct"));
      if (seen.isEmpty()) {
        Thread.sleep(500);
      }
    }
    assertThat(seen).as("host %s online within 120 s", hostName).isPresent();
  }

  /** A far-future 'now' would purge every sample: refused on a monitor with default settings. */
  private static void refusesMaintenanceFarAhead(MonitorApi admin) {
    long dayAhead = System.currentTimeMillis() + Duration.ofDays(1).toMillis();
    HttpResponse<String> r = admin.post("api/v1/history/maintenance?now=" + dayAhead, null, "");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(r.body()).contains("ahead of the server's clock");
    r = admin.post("api/v1/alerts/evaluate?now=" + dayAhead, null, "");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
  }

  /**
   * The monitor's data grid runs under the cluster name made for this home, not Payara's default
   * "development", which would let other Payara instances on the machine join it.
   */
  private static void assertDataGridOfItsOwn(Path log) throws IOException {
    String name = Files.readString(VIGIA.home().resolve("cluster-name")).strip();
    assertThat(name).startsWith("vigia-");
    assertThat(Files.readString(log))
        .as("data grid status in %s", log)
        .contains("DG Name: " + name + " DG Size: 1")
        .doesNotContain("DG Name: development");
  }

  private static ProcessHandle serverProcess() throws IOException {
    Path pidFile;
    try (Stream<Path> payaras = Files.list(VIGIA.home())) {
      pidFile =
          payaras
              .filter(p -> p.getFileName().toString().startsWith("payara"))
              .map(p -> p.resolve("glassfish/domains/vigia/config/pid"))
              .filter(Files::exists)
              .findFirst()
              .orElseThrow(() -> new AssertionError("no Payara Server pidfile"));
    }
    return process(Files.readString(pidFile));
  }

  private static ProcessHandle agentProcess() throws IOException {
    return process(Files.readString(VIGIA.home().resolve("agent.pid")));
  }

  private static ProcessHandle microProcess() throws IOException {
    return process(Files.readString(VIGIA.home().resolve("micro.pid")));
  }

  private static ProcessHandle process(String pidFileText) {
    long pid = Long.parseLong(pidFileText.strip().split("\\s+")[0]);
    return ProcessHandle.of(pid)
        .orElseThrow(() -> new AssertionError("process " + pid + " is not running"));
  }

  /** Each process has ended (or its PID now belongs to a process started since). */
  private static void assertGone(List<ProcessHandle> processes) {
    for (ProcessHandle p : processes) {
      Optional<ProcessHandle> now = ProcessHandle.of(p.pid());
      assertThat(now.filter(h -> h.info().startInstant().equals(p.info().startInstant())))
          .as("process %d still running after ./vigia down", p.pid())
          .isEmpty();
    }
  }

  private static void assertNoSecretOnAnyCommandLine(Properties secrets) throws IOException {
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        byte[] cmdline;
        try {
          cmdline = Files.readAllBytes(proc.resolve("cmdline"));
        } catch (IOException ended) {
          continue;
        }
        String text = new String(cmdline, StandardCharsets.UTF_8);
        for (String key : SECRET_KEYS) {
          assertThat(text)
              .as("%s on the command line of process %s", key, proc.getFileName())
              .doesNotContain(secrets.getProperty(key));
        }
      }
    }
  }

  private static void assertNoSecretInFilesUnder(Properties secrets, Path... dirs)
      throws IOException {
    Path secretsFile = VIGIA.home().resolve("secrets.env");
    Map<String, byte[]> wanted = new java.util.HashMap<>();
    for (String key : SECRET_KEYS) {
      wanted.put(key, secrets.getProperty(key).getBytes(StandardCharsets.UTF_8));
    }
    List<String> found = new ArrayList<>();
    for (Path dir : dirs) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          if (f.equals(secretsFile)) {
            continue;
          }
          byte[] bytes = Files.readAllBytes(f);
          wanted.forEach(
              (key, secret) -> {
                if (indexOf(bytes, secret) >= 0) {
                  found.add(key + " in " + f);
                }
              });
        }
      }
    }
    assertThat(found).as("secrets outside %s", secretsFile).isEmpty();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
