package io.vigia.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.testsupport.MonitorApi;
import io.vigia.testsupport.VigiaTestSession;
import io.vigia.wire.Batch;
import io.vigia.wire.ContainerInfo;
import io.vigia.wire.ProcessCounts;
import io.vigia.wire.ProcessInfo;
import io.vigia.wire.Processes;
import jakarta.json.JsonArray;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A host's latest processes and containers: served from memory by the API and the host page, with
 * the top processes and the containers written to the database once a minute.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostDetailIT {

  private static final String ODD = "we (ird) \"name\" ñ";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.builtWar();
  }

  @ArquillianResource private URL url;
  private MonitorApi admin;
  private String agentId;
  private String host;
  private String token;

  @BeforeEach
  void enrollHost() {
    admin = new MonitorApi(Deployments.loopback(url)).as("admin", VigiaTestSession.adminPassword());
    agentId = UUID.randomUUID().toString();
    host = "detail-" + agentId.substring(0, 8);
    token = admin.enroll(VigiaTestSession.fleetKey(), agentId, host);
  }

  private Batch withProcesses(long seq, long ts, List<ProcessInfo> list) {
    Batch b = MonitorApi.batch(agentId, host, seq, 20);
    return new Batch(
        b.agentId(),
        b.host(),
        b.seq(),
        ts,
        "proc",
        b.cpu(),
        b.memory(),
        b.load(),
        new Processes(new ProcessCounts(list.size(), 1, list.size() - 1, 0, 0, 0, 0), list),
        List.of(
            ContainerInfo.basic("c0ffee", "db", "mysql:8.4", "running", 2.5, 300L << 20, 1L << 30)),
        null,
        null,
        null);
  }

  private static ProcessInfo proc(int pid, String name, double cpu, long rssKb) {
    return new ProcessInfo(
        pid, 1, 1000L + pid, name, "/usr/bin/" + pid, "root", 0, "S", cpu, rssKb, 0.1);
  }

  @Test
  void servesTheLatestProcessesSortedAndTheContainers() throws Exception {
    long now = System.currentTimeMillis();
    admin.ingest(token, withProcesses(1, now - 2000, List.of(proc(10, "old", 1, 1))));
    HttpResponse<String> r =
        admin.ingest(
            token,
            withProcesses(
                2,
                now,
                List.of(
                    proc(11, "idle", 0.5, 900),
                    proc(12, ODD, 75, 100),
                    proc(13, "big", 5, 50_000))));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);

    JsonArray byCpu =
        MonitorApi.parse(admin.get("api/v1/hosts/" + host + "/processes").body()).asJsonArray();
    assertThat(byCpu).hasSize(3);
    assertThat(byCpu.getJsonObject(0).getString("name")).isEqualTo(ODD);
    assertThat(byCpu.getJsonObject(0).getJsonNumber("startTicks").longValue()).isEqualTo(1012);
    JsonArray byRss =
        MonitorApi.parse(admin.get("api/v1/hosts/" + host + "/processes?sort=rss&limit=1").body())
            .asJsonArray();
    assertThat(byRss).hasSize(1);
    assertThat(byRss.getJsonObject(0).getString("name")).isEqualTo("big");
    JsonArray containers =
        MonitorApi.parse(admin.get("api/v1/hosts/" + host + "/containers").body()).asJsonArray();
    assertThat(containers.getJsonObject(0).getString("image")).isEqualTo("mysql:8.4");
  }

  @Test
  void writesOneSnapshotAMinuteWithTopProcessesAndContainers() throws Exception {
    // two minutes of batches a second apart: the host's first batch takes a snapshot, then the
    // first batch of each of the host's minutes (its minutes start at a phase of its own, so that
    // a fleet's hosts do not all write theirs in the same second): (t0, t0 + 120 s] holds exactly
    // two starts
    long t0 = System.currentTimeMillis() - 200_000;
    for (int i = 0; i <= 120; i++) {
      admin.ingest(token, withProcesses(1 + i, t0 + i * 1_000L, List.of(proc(20, "a", 1, 1))));
    }
    String count = "SELECT COUNT(*) FROM %s s JOIN host h ON h.id = s.host_id WHERE h.name = ?";
    assertThat(Deployments.count(count.formatted("process_snapshot"), host)).isEqualTo(3);
    assertThat(Deployments.count(count.formatted("container_sample"), host)).isEqualTo(3);

    // a batch in the host's next minute is written with its own processes
    admin.ingest(token, withProcesses(200, t0 + 181_000, List.of(proc(21, ODD, 9, 2))));
    assertThat(
            Deployments.count(
                "SELECT COUNT(*) FROM process_snapshot s JOIN host h"
                    + " ON h.id = s.host_id WHERE h.name = ? AND s.name = ?",
                host,
                ODD))
        .isEqualTo(1);
  }

  @Test
  void rejectsABadSortAndAnUnknownHost() {
    assertThat(admin.get("api/v1/hosts/" + host + "/processes?sort=bogus").statusCode())
        .isEqualTo(400);
    assertThat(admin.get("api/v1/hosts/nope/processes").statusCode()).isEqualTo(404);
    assertThat(admin.anonymous().get("api/v1/hosts/" + host + "/processes").statusCode())
        .isEqualTo(401);
  }

  @Test
  void showsTheHostPageWithProcessesAndAKillButtonForOperators() {
    admin.ingest(
        token,
        withProcesses(
            1, System.currentTimeMillis(), List.of(proc(30, "<script>alert(1)</script>", 3, 10))));

    HttpResponse<String> page = admin.get("host.xhtml?name=" + host);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains(host).contains("proc-kill").contains("mysql:8.4");
    assertThat(page.body())
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .doesNotContain("<script>alert(1)</script>");
  }
}
