// What the UI benchmarks in this folder measure in the browser, and how they sum it up. The browser
// itself is the tests' (test-support's Browsers: Debian's Chromium, headless).

import io.vigia.testsupport.Browsers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

final class Measures {

  private Measures() {}

  /**
   * Chrome's own counters so far (needs Performance.enable): among them, in seconds of the main
   * thread, TaskDuration (all of it, wall time), ScriptDuration, LayoutDuration and RecalcStyleDuration,
   * and ThreadTime (the main thread's CPU time).
   */
  static Map<String, Double> metrics(ChromeDriver d) {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> metrics =
        (List<Map<String, Object>>)
            d.executeCdpCommand("Performance.getMetrics", Map.of()).get("metrics");
    Map<String, Double> out = new HashMap<>();
    metrics.forEach(m -> out.put((String) m.get("name"), ((Number) m.get("value")).doubleValue()));
    return out;
  }

  /** A JavaScript array of numbers, as doubles. */
  static List<Double> numbers(Object array) {
    List<Double> out = new ArrayList<>();
    for (Object o : (List<?>) array) {
      out.add(((Number) o).doubleValue());
    }
    return out;
  }

  /** "p50 …, p95 …, max …" of milliseconds. */
  static String spread(List<Double> ms) {
    return String.format(
        "p50 %.0f, p95 %.0f, max %.0f", percentile(ms, 0.5), percentile(ms, 0.95), percentile(ms, 1));
  }

  static double median(List<Double> values) {
    return percentile(values, 0.5);
  }

  /** The nearest-rank percentile {@code q} (0..1) of {@code values}; NaN when there are none. */
  static double percentile(List<Double> values, double q) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get((int) Math.round(q * (sorted.size() - 1)));
  }

  /** Signs in as Vigia's first user, {@code admin}. */
  static void logIn(ChromeDriver d, WebDriverWait wait, String base, String password) {
    d.get(base + "/login.xhtml");
    Browsers.logIn(d, wait, "admin", password);
  }
}
