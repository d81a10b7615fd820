// The live host page in headless Chromium, measured in the browser (issue 11).
//
//   java -cp "$BENCH_CP" bench/ui/HostPage.java BASE SECRETS HOST SECONDS [--synthetic N]
//
// Without --synthetic, HOST is a host whose real agent pushes (./vigia up's). With it, this
// program enrols HOST with the fleet key and pushes a batch of N processes every second itself (a
// tree: pid 1, 20 parents of ~99 children each, CPU figures changing).
//
// Latency: for each batch the page draws, the time from the sample's own timestamp (taken by the
// agent) to the moment the CPU chart has drawn it (host.js records both in VigiaHost.shown; agent,
// monitor and browser share this machine's clock). Cost: Chrome's main-thread TaskDuration per
// second (CDP Performance.getMetrics; wall time, which grows when the browser waits for one of the
// cores it shares with the monitor) and the main thread's CPU time (ThreadTime) beside it, the long tasks (PerformanceObserver 'longtask', from the end
// of the page load), and each tree refresh the page makes after pushes (the Faces AJAX round trip).

import io.vigia.testsupport.Browsers;
import io.vigia.testsupport.MonitorApi;
import io.vigia.wire.Batch;
import io.vigia.wire.Cpu;
import io.vigia.wire.Load;
import io.vigia.wire.Memory;
import io.vigia.wire.ProcessCounts;
import io.vigia.wire.ProcessInfo;
import io.vigia.wire.Processes;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

public class HostPage {

  public static void main(String[] args) throws Exception {
    String base = args[0].replaceAll("/+$", "");
    Secrets secrets = Secrets.read(args[1]);
    String host = args[2];
    int seconds = Integer.parseInt(args[3]);
    int synthetic = args.length > 5 && args[4].equals("--synthetic") ? Integer.parseInt(args[5]) : 0;
    MonitorApi api = new MonitorApi(URI.create(base));
    AtomicBoolean stop = new AtomicBoolean();
    List<Double> pushMs = Collections.synchronizedList(new ArrayList<>());
    Thread pusher = null;
    if (synthetic > 0) {
      String agent = "bench-" + host;
      String token = api.enroll(secrets.fleetKey(), agent, host);
      pusher = new Thread(() -> push(api, agent, host, token, synthetic, stop, pushMs), "pusher");
      pusher.setDaemon(true);
      pusher.start();
    }

    ChromeDriver d = Browsers.open("1280,900");
    try {
      WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(30));
      Measures.logIn(d, wait, base, secrets.adminPassword());
      d.get(base + "/host.xhtml?name=" + host);
      double load =
          ((Number)
                  d.executeScript(
                      "var n = performance.getEntriesByType('navigation')[0];"
                          + " return n.loadEventEnd - n.startTime;"))
              .doubleValue();
      d.executeScript(
          "window.benchLong = []; window.benchRefresh = [];"
              + "new PerformanceObserver(function (l) { l.getEntries().forEach(function (e) {"
              + " window.benchLong.push(e.duration); }); }).observe({ type: 'longtask' });"
              + "new PerformanceObserver(function (l) { l.getEntries().forEach(function (e) {"
              + " if (e.initiatorType === 'xmlhttprequest') { window.benchRefresh.push(e.duration);"
              + " } }); }).observe({ type: 'resource' });"
              + "window.benchFrom = VigiaHost.shown.length;");
      d.executeCdpCommand("Performance.enable", Map.of());
      Map<String, Double> before = Measures.metrics(d);
      Thread.sleep(seconds * 1000L);
      Map<String, Double> after = Measures.metrics(d);
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> shown =
          (List<Map<String, Object>>)
              d.executeScript("return VigiaHost.shown.slice(window.benchFrom);");
      List<Double> longs = Measures.numbers(d.executeScript("return window.benchLong;"));
      List<Double> refresh = Measures.numbers(d.executeScript("return window.benchRefresh;"));
      long rows =
          ((Number) d.executeScript("return document.querySelectorAll('.host-tree tbody tr').length;"))
              .longValue();
      List<Double> latency = new ArrayList<>();
      for (Map<String, Object> s : shown) {
        latency.add(((Number) s.get("at")).doubleValue() - ((Number) s.get("ts")).doubleValue());
      }
      System.out.printf(
          "host %s, %d s, %s%n",
          host, seconds, synthetic > 0 ? "synthetic " + synthetic + " processes" : "real agent");
      System.out.printf("page load (navigation to load event): %.0f ms; tree rows rendered: %d%n", load, rows);
      System.out.printf(
          "points drawn: %d; sample->drawn ms: %s%n", latency.size(), Measures.spread(latency));
      System.out.printf(
          "tree refreshes: %d; round trip ms: %s%n", refresh.size(), Measures.spread(refresh));
      if (synthetic > 0) {
        System.out.printf(
            "synthetic pushes: %d, each answered in ms: %s%n",
            pushMs.size(), Measures.spread(pushMs));
      }
      System.out.printf(
          "main thread: %.1f ms a second (CPU %.1f ms a second); long tasks (>50 ms): %d, total %.0f ms,"
              + " max %.0f ms, over %d s%n",
          (after.get("TaskDuration") - before.get("TaskDuration")) * 1000 / seconds,
          (after.get("ThreadTime") - before.get("ThreadTime")) * 1000 / seconds,
          longs.size(),
          longs.stream().mapToDouble(Double::doubleValue).sum(),
          Measures.percentile(longs, 1),
          seconds);
    } finally {
      stop.set(true);
      d.quit();
    }
  }

  /** Pushes a batch of {@code count} processes every second until {@code stop}. */
  static void push(
      MonitorApi api, String agent, String host, String token, int count, AtomicBoolean stop,
      List<Double> pushMs) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long seq = System.currentTimeMillis(); // above any earlier run's: no batch is a duplicate
    while (!stop.get()) {
      long now = System.currentTimeMillis();
      List<ProcessInfo> list = new ArrayList<>(count);
      list.add(new ProcessInfo(1, 0, 1L, "init", "/sbin/init", "root", 0, "S", 0.1, 9000L, 0.1));
      for (int i = 0; i < count - 1; i++) {
        int parent = i % 100 == 0 ? 1 : 2 + (i / 100) * 100;
        list.add(
            new ProcessInfo(
                2 + i, parent, 100L + i, "worker-" + i, "/usr/bin/worker --id " + i, "app", 1000,
                "S", Math.round(random.nextDouble() * 50) / 10.0, 1000L + i, 0.01));
      }
      Batch batch =
          new Batch(
              agent, host, seq++, now, "proc",
              new Cpu(random.nextDouble() * 100, 2, List.of(random.nextDouble() * 100, random.nextDouble() * 100)),
              new Memory(16_000_000L, 8_000_000L, 9_000_000L, 0L, 0L, 1_000_000L, 900_000L),
              new Load(1.0, 0.8, 0.5),
              new Processes(new ProcessCounts(count, 1, count - 1, 0, 0, 0, 0), list),
              List.of(), null, null, null);
      HttpResponse<String> r = api.ingest(token, batch);
      if (r.statusCode() != 200) {
        System.err.println("push answered " + r.statusCode() + ": " + r.body());
      }
      pushMs.add((double) (System.currentTimeMillis() - now));
      long wait = 1000 - (System.currentTimeMillis() - now);
      if (wait > 0) {
        try {
          Thread.sleep(wait);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }
}
