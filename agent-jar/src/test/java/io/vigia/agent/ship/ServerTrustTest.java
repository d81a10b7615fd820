package io.vigia.agent.ship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.vigia.wire.IngestReply;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real TLS: a JDK HTTPS server on 127.0.0.1 with a self-signed certificate made by {@code keytool}
 * for this run, and the agent's client connecting with each kind of {@link ServerTrust}.
 */
class ServerTrustTest {

  private static final char[] PASSWORD = "changeit".toCharArray();

  @TempDir static Path dir;
  private static HttpsServer server;
  private static URI base;
  private static Path monitorPem;
  private static Path otherPem;
  private static String monitorFingerprint;
  private static final List<String> received = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startHttpsServer() throws Exception {
    Path monitorKeys = keytool("monitor");
    monitorPem = exportPem(monitorKeys, "monitor");
    otherPem = exportPem(keytool("other"), "other");

    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(monitorKeys)) {
      ks.load(in, PASSWORD);
    }
    Certificate cert = ks.getCertificate("monitor");
    monitorFingerprint = ServerTrust.fingerprint(cert);
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASSWORD);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);

    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(ctx));
    server.createContext(
        "/api/v1/ingest",
        exchange -> {
          String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
          byte[] raw = exchange.getRequestBody().readAllBytes();
          String json =
              "gzip".equals(encoding)
                  ? new String(
                      new GZIPInputStream(new java.io.ByteArrayInputStream(raw)).readAllBytes(),
                      StandardCharsets.UTF_8)
                  : "not gzip: " + encoding;
          received.add(json);
          byte[] reply = "{\"seq\":7,\"stored\":true,\"commands\":[]}".getBytes();
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, reply.length);
          exchange.getResponseBody().write(reply);
          exchange.close();
        });
    server.start();
    base = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  @AfterAll
  static void stopHttpsServer() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** A PKCS12 key store with one self-signed EC certificate for 127.0.0.1 under {@code alias}. */
  private static Path keytool(String alias) throws Exception {
    Path store = dir.resolve(alias + ".p12");
    run(
        "-genkeypair",
        "-alias",
        alias,
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=vigia-test-" + alias,
        "-ext",
        "SAN=ip:127.0.0.1,dns:localhost",
        "-validity",
        "2",
        "-keystore",
        store.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        "changeit",
        "-keypass",
        "changeit");
    return store;
  }

  private static Path exportPem(Path store, String alias) throws Exception {
    Path pem = dir.resolve(alias + ".pem");
    run(
        "-exportcert",
        "-rfc",
        "-alias",
        alias,
        "-keystore",
        store.toString(),
        "-storepass",
        "changeit",
        "-file",
        pem.toString());
    return pem;
  }

  private static void run(String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }

  private static IngestReply push(ServerTrust trust) throws Exception {
    try (MonitorClient client = new MonitorClient(base, Duration.ofSeconds(5), false, trust)) {
      return client.push("token", MonitorClient.gzip("{\"hello\":\"tls\"}"));
    }
  }

  @Test
  void systemTrustStoreRejectsASelfSignedMonitor() {
    assertThatThrownBy(() -> push(ServerTrust.systemDefault()))
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void caFileAcceptsTheMonitorItSigned() throws Exception {
    IngestReply reply = push(ServerTrust.caFile(monitorPem));

    assertThat(reply.seq()).isEqualTo(7);
    assertThat(reply.stored()).isTrue();
    assertThat(received).contains("{\"hello\":\"tls\"}"); // arrived gzipped, decoded by the server
  }

  @Test
  void caFileRejectsAMonitorSignedBySomeoneElse() {
    assertThatThrownBy(() -> push(ServerTrust.caFile(otherPem)))
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void pinAcceptsTheMonitorWhoseCertificateMatches() throws Exception {
    assertThat(push(ServerTrust.pinned(monitorFingerprint)).stored()).isTrue();
    // Written without colons and in lower case, as sha256sum prints it.
    assertThat(push(ServerTrust.pinned(monitorFingerprint.replace(":", "").toLowerCase())).stored())
        .isTrue();
  }

  @Test
  void pinRejectsAnyOtherCertificate() {
    String wrong = monitorFingerprint.startsWith("00") ? "11" : "00";
    String mismatched = wrong + monitorFingerprint.substring(2);

    assertThatThrownBy(() -> push(ServerTrust.pinned(mismatched)))
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void pinMustBeSixtyFourHexDigits() {
    assertThatThrownBy(() -> ServerTrust.pinned("AB:CD"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pin.sha256 must be 64 hex digits");
    assertThatThrownBy(() -> ServerTrust.pinned("zz".repeat(32)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void caFileThatIsNotPemIsAConfigurationError() throws IOException {
    Path junk = Files.writeString(dir.resolve("junk.pem"), "not a certificate");

    assertThatThrownBy(() -> ServerTrust.caFile(junk).sslContext())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ca.file");
  }
}
