// Server cost of the live host page (issue 11): the monitor's CPU with TABS browser windows
// watching a host's live page, against none. CPU is the monitor JVM's utime+stime from
// /proc/PID/stat over SECONDS, as a share of one core; the windows are in one headless Chromium
// signed in as admin, each with its WebSocket (a push per batch) and its tree refreshes (a Faces
// AJAX request at most every 3 s after pushes). Windows, not tabs: a tab behind another is hidden,
// and a hidden live page stops refreshing its tree.
//
//   java -cp "$BENCH_CP" bench/ui/PushCost.java BASE SECRETS HOST MONITOR_PID TABS SECONDS [--push-only]
//
// --push-only pauses the tree refreshes in every window (VigiaHost.pauseRefresh): the pushes alone.

import io.vigia.testsupport.Browsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

public class PushCost {

  static final double CLOCK_TICKS = 100; // USER_HZ on Linux

  public static void main(String[] args) throws Exception {
    String base = args[0].replaceAll("/+$", "");
    Secrets secrets = Secrets.read(args[1]);
    String host = args[2];
    long pid = Long.parseLong(args[3]);
    int tabs = Integer.parseInt(args[4]);
    int seconds = Integer.parseInt(args[5]);
    boolean pushOnly = args.length > 6 && args[6].equals("--push-only");

    double idle = measure(pid, seconds);
    ChromeDriver d = Browsers.open("1280,900");
    long drawn = 0;
    double watched;
    try {
      WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(30));
      Measures.logIn(d, wait, base, secrets.adminPassword());
      for (int i = 0; i < tabs; i++) {
        if (i > 0) {
          d.switchTo().newWindow(WindowType.WINDOW);
        }
        d.get(base + "/host.xhtml?name=" + host);
        if (pushOnly) {
          d.executeScript("VigiaHost.pauseRefresh(true);");
        }
      }
      Thread.sleep(10_000);
      watched = measure(pid, seconds);
      for (String h : d.getWindowHandles()) {
        d.switchTo().window(h);
        drawn += ((Number) d.executeScript("return VigiaHost.shown.length;")).longValue();
      }
    } finally {
      d.quit();
    }
    System.out.printf(
        "monitor pid %d, %d s each: no page open %.1f %% of a core; %d windows watching %s%s"
            + " %.1f %% (%d points drawn in all)%n",
        pid, seconds, idle, tabs, host, pushOnly ? " (pushes only)" : "", watched, drawn);
  }

  /** The process's CPU over {@code seconds}, in % of one core. */
  static double measure(long pid, int seconds) throws Exception {
    double c0 = cpuSeconds(pid);
    long t0 = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    return 100 * (cpuSeconds(pid) - c0) / ((System.nanoTime() - t0) / 1e9);
  }

  static double cpuSeconds(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / CLOCK_TICKS;
  }
}
