package io.vigia.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.testsupport.Browsers;
import io.vigia.testsupport.ContainerEvents;
import io.vigia.testsupport.MonitorApi;
import io.vigia.testsupport.TestDatabase;
import io.vigia.testsupport.VigiaTestSession;
import io.vigia.wire.Batch;
import io.vigia.wire.ContainerEvent;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The container events an agent reports are stored with the batch that carries them, in the same
 * transaction: a batch is logged with exactly its events, once however often it comes, and a batch
 * the database refuses leaves neither its sample nor its events behind — so the agent, which sends
 * it again, loses none of them — while the other batches committed in the same group are stored
 * with theirs.
 *
 * <p>The database is shared with every other test class of the run: each test works on hosts of its
 * own, and the trigger that makes the database refuse a batch refuses only this test's marker and
 * is dropped again.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ContainerEventsIT {

  private static final String FILLER =
      "4f1c0de5a7e9b8c6d2f3a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0";
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.builtWar();
  }

  @ArquillianResource private URL url;
  private MonitorApi admin;
  private ChromeDriver browser;
  private ExecutorService pool;

  /** A host of this test: its agent id, name and token. */
  private record Host(String agentId, String name, String token) {}

  @BeforeEach
  void connect() {
    admin = new MonitorApi(Deployments.loopback(url)).as("admin", VigiaTestSession.adminPassword());
    pool = Executors.newFixedThreadPool(8);
  }

  @AfterEach
  void stop() {
    pool.shutdownNow();
    if (browser != null) {
      browser.quit();
    }
  }

  private Host enrol(String prefix) {
    String agentId = UUID.randomUUID().toString();
    String name = prefix + agentId.substring(0, 8);
    return new Host(agentId, name, admin.enroll(VigiaTestSession.fleetKey(), agentId, name));
  }

  private static Batch batch(Host h, long seq, List<ContainerEvent> happened) {
    return MonitorApi.batch(h.agentId(), h.name(), seq, 20, null, happened);
  }

  private static ContainerEvent started(long ts, String name) {
    return ContainerEvents.engine(ts, "a".repeat(64), name, "vigia-it:1", "start", null);
  }

  /** Whether the push was stored (true) or a duplicate (false); anything but 200 fails. */
  private boolean push(Host h, Batch b) {
    HttpResponse<String> r = admin.ingest(h.token(), b);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return MonitorApi.parse(r.body()).asJsonObject().getBoolean("stored");
  }

  /** The host's container events as the API lists them, newest first. */
  private List<JsonObject> events(Host h) {
    HttpResponse<String> r = admin.get("api/v1/events?kind=container&host=" + h.name());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return MonitorApi.parse(r.body()).asJsonObject().getJsonArray("items").stream()
        .map(JsonValue::asJsonObject)
        .toList();
  }

  private List<String> messages(Host h) {
    return events(h).stream().map(e -> e.getString("message")).toList();
  }

  @Test
  void logsABatchsContainerEventsWithItOnceInEnglishAndSpanish() throws Exception {
    Host h = enrol("cev-");
    long t = System.currentTimeMillis() - 2_000;
    Batch b =
        batch(
            h,
            1,
            List.of(
                ContainerEvents.oomKilled(
                    t, FILLER, "filler-1", "vigia-stress:1", 3.5, 67_108_864L, 67_108_864L),
                ContainerEvents.pruned(
                    t + 1,
                    "b".repeat(64),
                    "burner-7",
                    null,
                    49.8,
                    1_048_576L,
                    2_097_152L,
                    "high-cpu",
                    "keep 2 newest")));

    assertThat(push(h, b)).isTrue();

    List<JsonObject> logged = events(h);
    assertThat(logged)
        .extracting(e -> e.getString("message"))
        .containsExactly(
            "container burner-7 (bbbbbbbbbbbb) stopped and removed by class high-cpu,"
                + " rule keep 2 newest",
            "container filler-1 (4f1c0de5a7e9) oom");
    assertThat(logged)
        .extracting(e -> e.getString("detail"))
        .containsExactly(
            "last CPU 49.8 %; last memory 1.0 MiB of 2.0 MiB; stopped and removed",
            "image vigia-stress:1; last CPU 3.5 %; last memory 64.0 MiB of 64.0 MiB");
    assertThat(logged).extracting(e -> e.getString("severity")).containsOnly("warning");
    assertThat(logged).extracting(e -> e.getString("actor")).containsOnly("agent");
    assertThat(logged).extracting(e -> e.getString("host")).containsOnly(h.name());
    assertThat(Deployments.samplesOf(h.name())).isOne();

    // The same batch again (the agent did not hear the answer): acknowledged, nothing logged.
    assertThat(push(h, b)).isFalse();
    // The next batch tells of nothing: nothing more is logged either.
    assertThat(push(h, batch(h, 2, null))).isTrue();
    assertThat(events(h)).isEqualTo(logged);

    // The Events page words the same two events in Spanish, names as the agent sent them.
    browser = Browsers.open("1280,900");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    browser.get(admin.base() + "events.xhtml?lang=es&kind=container&host=" + h.name());
    Browsers.logInAsAdmin(browser, wait);
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Eventos"));
    List<String> rows =
        browser.findElements(By.cssSelector("[id='events:log_data'] tr")).stream()
            .map(WebElement::getText)
            .toList();
    Browsers.screenshot(browser, "container-events-es.png");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0))
        .contains(
            "contenedor burner-7 (bbbbbbbbbbbb) detenido y eliminado por la clase high-cpu,"
                + " regla keep 2 newest",
            "última CPU 49,8 %; última memoria 1,0 MiB de 2,0 MiB; stopped and removed");
    assertThat(rows.get(1))
        .contains(
            "contenedor filler-1 (4f1c0de5a7e9): sin memoria (OOM)",
            "imagen vigia-stress:1; última CPU 3,5 %; última memoria 64,0 MiB de 64,0 MiB");
  }

  /**
   * A broken constraint (23000: most likely the batch stored by another writer meanwhile, so it is
   * worth sending again: 503) and a value the database cannot hold (22001: sending it again cannot
   * help, so 422 and the agent drops it); either way only the batch refused fails, not the batches
   * that shared its group.
   */
  @ParameterizedTest
  @CsvSource({"23000, 503", "22001, 422"})
  void storesNeitherTheSampleNorTheEventsOfABatchTheDatabaseRefusesButTheRestOfItsGroup(
      String sqlState, int answer) throws Exception {
    Host hold1 = enrol("cev-hold-");
    Host hold2 = enrol("cev-hold-");
    List<Host> good = List.of(enrol("cev-ok-"), enrol("cev-ok-"), enrol("cev-ok-"));
    Host bad = enrol("cev-bad-");
    String marker = "refused-" + bad.agentId().substring(0, 8);
    String trigger = "it_refuse_" + bad.agentId().substring(0, 8);
    long t = System.currentTimeMillis() - 1_000;
    Batch refused = batch(bad, 1, List.of(started(t, marker)));

    // The database refuses any event row naming the marker, with the given SQL state.
    sql(
        "CREATE TRIGGER "
            + trigger
            + " BEFORE INSERT ON event FOR EACH ROW IF NEW.message LIKE '%"
            + marker
            + "%' THEN SIGNAL SQLSTATE '"
            + sqlState
            + "' SET MESSAGE_TEXT = 'refused by the test';"
            + " END IF");
    List<Future<HttpResponse<String>>> answers = new ArrayList<>();
    Future<HttpResponse<String>> refusedAnswer;
    try (Connection lock1 = lockHostRow(hold1);
        Connection lock2 = lockHostRow(hold2)) {
      // Both writer threads wait on a host row this test holds, so the next pushes queue up and
      // the first writer let go takes all of them as one group.
      Future<HttpResponse<String>> held1 = pushLater(hold1, batch(hold1, 1, null));
      awaitWritersWaiting(1);
      Future<HttpResponse<String>> held2 = pushLater(hold2, batch(hold2, 1, null));
      awaitWritersWaiting(2);
      for (int i = 0; i < good.size(); i++) {
        Host h = good.get(i);
        answers.add(pushLater(h, batch(h, 1, List.of(started(t + i, "ok-" + i)))));
      }
      refusedAnswer = pushLater(bad, refused);
      awaitQueued(4);
      lock1.commit();

      for (Future<HttpResponse<String>> a : answers) {
        HttpResponse<String> r = a.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      }
      HttpResponse<String> r = refusedAnswer.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(answer);
      lock2.commit();
      assertThat(held1.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      assertThat(held2.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    } finally {
      sql("DROP TRIGGER IF EXISTS " + trigger);
    }

    assertThat(Deployments.samplesOf(bad.name())).isZero();
    assertThat(events(bad)).isEmpty();
    for (int i = 0; i < good.size(); i++) {
      assertThat(Deployments.samplesOf(good.get(i).name())).isOne();
      assertThat(messages(good.get(i)))
          .containsExactly("container ok-" + i + " (aaaaaaaaaaaa) start");
    }

    // Sent again once the database takes it, it is stored with its event.
    assertThat(push(bad, refused)).isTrue();
    assertThat(Deployments.samplesOf(bad.name())).isOne();
    assertThat(messages(bad)).containsExactly("container " + marker + " (aaaaaaaaaaaa) start");
  }

  private Future<HttpResponse<String>> pushLater(Host h, Batch b) {
    Callable<HttpResponse<String>> push = () -> admin.ingest(h.token(), b);
    return pool.submit(push);
  }

  /** Holds the host's row locked until the connection commits or closes. */
  private static Connection lockHostRow(Host h) throws SQLException {
    Connection c = TestDatabase.connect(VigiaTestSession.database());
    c.setAutoCommit(false);
    try (PreparedStatement s =
        c.prepareStatement("SELECT id FROM host WHERE name = ? FOR UPDATE")) {
      s.setString(1, h.name());
      s.executeQuery().close();
    }
    return c;
  }

  private static void sql(String statement) throws SQLException {
    try (Connection c = TestDatabase.connect(VigiaTestSession.database());
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  /** Until this many writers' sample inserts wait for a lock (the host rows this test holds). */
  private static void awaitWritersWaiting(long writers) throws Exception {
    await(
        "writers waiting on the held host rows",
        () ->
            Deployments.count(
                    "SELECT COUNT(*) FROM information_schema.INNODB_TRX"
                        + " WHERE trx_state = 'LOCK WAIT' AND trx_query LIKE 'INSERT INTO sample%'")
                == writers);
  }

  /** Until this many pushes wait in the monitor's queue for a writer. */
  private void awaitQueued(int batches) throws Exception {
    await(
        "pushes queued",
        () -> {
          HttpResponse<String> r = admin.get("api/v1/metrics");
          return r.body().lines().anyMatch(l -> l.equals("vigia_ingest_queued_batches " + batches));
        });
  }

  private static void await(String what, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.call()) {
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      Thread.sleep(50);
    }
  }
}
