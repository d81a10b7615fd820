package io.vigia.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.testsupport.MonitorApi;
import io.vigia.testsupport.VigiaTestSession;
import io.vigia.wire.Batch;
import io.vigia.wire.ContainerInfo;
import io.vigia.wire.ProcessCounts;
import io.vigia.wire.ProcessInfo;
import io.vigia.wire.Processes;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every page, as served to a logged-in admin (and the login page to anyone), is valid HTML to the
 * Nu HTML checker: the fleet, a host with processes, containers and Kill buttons, the
 * administration page, a host's history with a container's charts, the alert rules, a host's
 * events, the fleet's containers now and over the last day, and the login.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PageValidityIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.builtWar();
  }

  @ArquillianResource private URL url;

  @Test
  void servesValidHtmlOnEveryPage() throws Exception {
    MonitorApi admin =
        new MonitorApi(Deployments.loopback(url)).as("admin", VigiaTestSession.adminPassword());
    String host = hostWithProcessesAndContainers(admin);
    aRuleAndAnEventFor(admin, host);
    Map<String, HttpResponse<String>> pages = new LinkedHashMap<>();
    pages.put("login.html", admin.anonymous().get("login.xhtml"));
    pages.put("fleet.html", admin.get(""));
    pages.put("host.html", admin.get("host.xhtml?name=" + host));
    pages.put("admin.html", admin.get("admin.xhtml"));
    pages.put("account.html", admin.get("account.xhtml"));
    pages.put("alerts.html", admin.get("alerts.xhtml"));
    pages.put("events.html", admin.get("events.xhtml?host=" + host));
    pages.put("policy.html", admin.get("policy.xhtml"));
    pages.put("containers.html", admin.get("containers.xhtml?q=" + host));
    pages.put("containers-day.html", admin.get("containers.xhtml?over=24h&by=memory"));
    pages.put(
        "history.html", admin.get("history.xhtml?host=" + host + "&range=1h&show=cpu,ctr:c0ffee"));

    Path dir = Files.createDirectories(Path.of("target", "pages"));
    List<Path> files = new ArrayList<>();
    for (Map.Entry<String, HttpResponse<String>> page : pages.entrySet()) {
      assertThat(page.getValue().statusCode()).as(page.getKey()).isEqualTo(200);
      files.add(Files.writeString(dir.resolve(page.getKey()), page.getValue().body()));
    }
    assertThat(Files.readString(dir.resolve("host.html"))).contains("proc-kill").contains(host);
    assertThat(Files.readString(dir.resolve("alerts.html"))).contains("rule-edit");
    assertThat(Files.readString(dir.resolve("containers.html")))
        .contains("ctr-history")
        .contains("mysql:8.4");
    assertThat(Files.readString(dir.resolve("events.html"))).contains("kill pid 4321");
    assertThat(Files.readString(dir.resolve("policy.html")))
        .contains("html &lt;i&gt;class&lt;/i&gt;")
        .contains("policy-edit");
    assertThat(Files.readString(dir.resolve("history.html")))
        .contains("data-key=\"cpu\"")
        .contains("data-key=\"ctr:c0ffee/mem\"");

    OutsideTools.Run check = OutsideTools.checkHtml(files);

    assertThat(check.output()).as("the Nu HTML checker's errors").isEmpty();
    assertThat(check.exitCode()).isZero();
  }

  /**
   * A rule for the alerts page to list, a command for the events page, and an override of the prune
   * policy for the policy page.
   */
  private static void aRuleAndAnEventFor(MonitorApi admin, String host) {
    HttpResponse<String> rule =
        admin.post(
            "api/v1/alert-rules",
            null,
            "{\"name\":\"html <i>rule</i>\",\"metric\":\"cpu_pct\",\"operator\":\">\","
                + "\"threshold\":99.9,\"durationS\":600,\"host\":\""
                + host
                + "\",\"enabled\":false,\"webhookUrl\":\"https://hooks.example.com/x\"}");
    assertThat(rule.statusCode()).as(rule.body()).isEqualTo(201);
    HttpResponse<String> kill =
        admin.post(
            "api/v1/hosts/" + host + "/commands",
            null,
            "{\"type\":\"kill\",\"pid\":4321,\"startTicks\":777,\"reason\":\"<b>why</b>\"}");
    assertThat(kill.statusCode()).as(kill.body()).isEqualTo(202);
    HttpResponse<String> policy =
        admin.put(
            "api/v1/hosts/" + host + "/container-policy",
            "{\"dryRun\":true,\"classes\":[{\"name\":\"html <i>class</i>\","
                + "\"label\":\"a=<b>\",\"image\":\"x*\",\"keep\":1,\"keepBy\":\"newest\"}]}");
    assertThat(policy.statusCode()).as(policy.body()).isEqualTo(200);
  }

  /** A host with init, a kernel thread, a process named with markup and a container. */
  static String hostWithProcessesAndContainers(MonitorApi admin) {
    String agentId = UUID.randomUUID().toString();
    String host = "html-" + agentId.substring(0, 8);
    String token = admin.enroll(VigiaTestSession.fleetKey(), agentId, host);
    List<ProcessInfo> procs =
        List.of(
            new ProcessInfo(1, 0, 1L, "init", "/sbin/init", "root", 0, "S", 0.1, 9000L, 0.1),
            new ProcessInfo(2, 0, 2L, "kthreadd", null, "root", 0, "S", 0.0, 0L, 0.0),
            new ProcessInfo(
                4321,
                1,
                777L,
                "we <b>ird</b> & \"x\"",
                "/bin/x --y",
                "root",
                0,
                "R",
                40.0,
                20L,
                0.5));
    Batch b = MonitorApi.batch(agentId, host, 1, 30);
    Batch full =
        new Batch(
            b.agentId(),
            b.host(),
            b.seq(),
            b.ts(),
            "proc",
            b.cpu(),
            b.memory(),
            b.load(),
            new Processes(new ProcessCounts(procs.size(), 1, procs.size() - 1, 0, 0, 0, 0), procs),
            List.of(
                ContainerInfo.basic("c0ffee", "db", "mysql:8.4", "running", 2.5, 1L << 28, null)),
            null,
            null,
            null);
    assertThat(admin.ingest(token, full).statusCode()).isEqualTo(200);
    return host;
  }
}
