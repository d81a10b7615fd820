// The fleet page with a large fleet (issue 11): page load and the browser's main-thread cost of
// each refresh, with HOSTS synthetic hosts each pushing a batch every second (CPU changing), at 25
// and at 100 rows a page in the same run (the peer: the ratio says what more rows on screen cost).
//
//   java -cp "$BENCH_CP" bench/ui/FleetPage.java BASE SECRETS HOSTS SECONDS   (run through run.sh)
//
// Load: Navigation Timing's loadEventEnd at 25 rows, waited for until the table's rows are in the
// page, median of 5 loads after 3 unreported ones. Refresh cost: Chrome's own TaskDuration (CDP Performance.getMetrics) over
// SECONDS divided by the refreshes the page made (counted in the page), the part of it spent
// writing the figures into the rows, and PerformanceObserver long tasks. TaskDuration is the wall
// time of the main thread's tasks: on this machine the browser shares two cores with the monitor
// and the 500 simulated agents, so a task waits for a core mid-way and its wall time grows with the
// load. Beside it, the main thread's CPU time (Chrome's ThreadTime) over the same period, per
// refresh: what the update costs the browser itself.

import io.vigia.testsupport.Browsers;
import io.vigia.testsupport.MonitorApi;
import io.vigia.wire.Batch;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

public class FleetPage {

  static final String ROWS =
      "return document.querySelectorAll('[id=\"fleet:hosts_data\"] > tr[data-ri]').length";

  public static void main(String[] args) throws Exception {
    String base = args[0].replaceAll("/+$", "");
    Secrets secrets = Secrets.read(args[1]);
    int hosts = Integer.parseInt(args[2]);
    int seconds = Integer.parseInt(args[3]);
    String prefix = "fleetbench-" + UUID.randomUUID().toString().substring(0, 4);
    MonitorApi api = new MonitorApi(URI.create(base));

    List<String[]> agents = new ArrayList<>(); // agentId, host, token
    for (int i = 0; i < hosts; i++) {
      String agent = UUID.randomUUID().toString();
      String host = String.format("%s-%03d", prefix, i);
      agents.add(new String[] {agent, host, api.enroll(secrets.fleetKey(), agent, host)});
    }
    // every host pushes once a second, from 10 threads (the pushers share the machine's cores)
    ScheduledExecutorService pushers = Executors.newScheduledThreadPool(10);
    AtomicLong seq = new AtomicLong(System.currentTimeMillis());
    for (String[] a : agents) {
      pushers.scheduleAtFixedRate(
          () -> {
            long now = System.currentTimeMillis();
            double cpu = (now / 1000 + Math.abs(a[1].hashCode())) % 100;
            api.ingest(a[2], MonitorApi.batch(a[0], a[1], seq.incrementAndGet(), cpu));
          },
          (long) (Math.random() * 1000),
          1000,
          TimeUnit.MILLISECONDS);
    }

    ChromeDriver d = Browsers.open("1280,900");
    try {
      WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(30));
      Measures.logIn(d, wait, base, secrets.adminPassword());
      Thread.sleep(15_000); // every host has pushed and has sparkline points
      String url = base + "/?q=" + prefix;
      System.out.println(
          "| fleet, rows shown | page load | refreshes (table re-rendered) |"
              + " main thread per refresh, wall (writing figures) | main thread CPU per refresh |"
              + " of the wall: script / style / layout | long tasks, longest |");
      System.out.println("|---|---|---|---|---|---|---|");
      // page load at the first page size (25 rows): 3 loads unreported (the monitor's JIT and
      // the browser's cache warm up), then the median of 5
      List<Double> loads = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        d.get(url);
        wait.until(x -> ((Number) d.executeScript(ROWS)).intValue() > 0);
        double load =
            ((Number)
                    d.executeScript(
                        "return performance.getEntriesByType('navigation')[0].loadEventEnd;"))
                .doubleValue();
        if (i >= 3) {
          loads.add(load);
        }
      }
      for (int rows : new int[] {25, 100}) {
        if (rows != 25) {
          d.executeScript(
              "var s = document.querySelector('.ui-paginator-rpp-options');"
                  + "s.value = '"
                  + rows
                  + "'; s.dispatchEvent(new Event('change'));");
          int want = Math.min(rows, hosts);
          wait.until(x -> ((Number) d.executeScript(ROWS)).intValue() >= want);
        }
        // counters reset for each page size; the wrappers installed once (the page is not
        // loaded again between the two sizes, and a second wrapper would count each call twice)
        d.executeScript(
            "window.benchRefreshes = 0; window.benchApplyMs = 0; window.benchTables = 0;"
                + "window.benchLong = [];"
                + "if (window.benchWrapped) { return; } window.benchWrapped = true;"
                + "var a = VigiaFleet.apply; VigiaFleet.apply = function () {"
                + " window.benchRefreshes++; var t = performance.now();"
                + " var r = a.apply(VigiaFleet, arguments);"
                + " window.benchApplyMs += performance.now() - t; return r; };"
                + "var t = window.vigiaFleetTable; window.vigiaFleetTable = function () {"
                + " window.benchTables++; return t.apply(this, arguments); };"
                + "new PerformanceObserver(function (l) {"
                + " l.getEntries().forEach(function (e) { window.benchLong.push(e.duration); });"
                + " }).observe({entryTypes: ['longtask']});");
        d.executeCdpCommand("Performance.enable", Map.of());
        Map<String, Double> before = Measures.metrics(d);
        Thread.sleep(seconds * 1000L);
        Map<String, Double> after = Measures.metrics(d);
        int n = ((Number) d.executeScript("return window.benchRefreshes;")).intValue();
        double apply = ((Number) d.executeScript("return window.benchApplyMs;")).doubleValue();
        int tables = ((Number) d.executeScript("return window.benchTables;")).intValue();
        List<Double> longTasks = Measures.numbers(d.executeScript("return window.benchLong;"));
        int shown = ((Number) d.executeScript(ROWS)).intValue();
        System.out.printf(
            "| %d hosts, %d rows shown | %s | %d (%d re-rendered) | %.1f ms (%.1f ms) | %.1f ms |"
                + " %.1f / %.1f / %.1f ms | %d, %.0f ms |%n",
            hosts,
            shown,
            rows == 25 ? String.format("%.0f ms", Measures.median(loads)) : "—",
            n,
            tables,
            perRefresh(before, after, "TaskDuration", n),
            apply / Math.max(n, 1),
            perRefresh(before, after, "ThreadTime", n),
            perRefresh(before, after, "ScriptDuration", n),
            perRefresh(before, after, "RecalcStyleDuration", n),
            perRefresh(before, after, "LayoutDuration", n),
            longTasks.size(),
            longTasks.stream().mapToDouble(Double::doubleValue).max().orElse(0));
      }
    } finally {
      pushers.shutdownNow();
      d.quit();
    }
  }

  /** Milliseconds of Chrome's counter {@code name} per refresh between two readings. */
  static double perRefresh(Map<String, Double> before, Map<String, Double> after, String name, int n) {
    return (after.get(name) - before.get(name)) * 1000 / Math.max(n, 1);
  }
}
