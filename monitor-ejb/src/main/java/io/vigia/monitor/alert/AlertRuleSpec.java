package io.vigia.monitor.alert;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What an admin asks a rule to be, before it is checked. {@link #problems()} lists every reason it
 * cannot be stored, one line per field ({@code field: message}), as the API reports them.
 *
 * @param metric API name, see {@link AlertMetric}
 * @param operator {@code >} or {@code <}; ignored (may be null) for host_offline
 * @param threshold percent, 0 to 100; ignored (may be null) for host_offline
 * @param durationS how long the condition must hold, 0 to {@link #MAX_DURATION_S} seconds
 * @param hostId null: every host
 * @param webhookUrl null or an absolute http(s) URL, POSTed on every raise and clear
 */
public record AlertRuleSpec(
    String name,
    String metric,
    String operator,
    Double threshold,
    int durationS,
    Long hostId,
    String webhookUrl,
    boolean enabled) {

  public static final int MAX_DURATION_S = 86_400;
  public static final int MAX_NAME = 128;
  public static final int MAX_URL = 1024;

  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (name == null || name.isBlank()) {
      problems.add("name: must not be blank");
    } else if (name.length() > MAX_NAME) {
      problems.add("name: at most " + MAX_NAME + " characters");
    }
    AlertMetric m = metric == null ? null : AlertMetric.byApiName(metric).orElse(null);
    if (m == null) {
      problems.add("metric: must be one of " + AlertMetric.apiNames());
    }
    if (m != null && m.hasThreshold()) {
      if (operator == null || AlertOperator.bySymbol(operator).isEmpty()) {
        problems.add("operator: must be > or <");
      }
      if (threshold == null || threshold.isNaN() || threshold < 0 || threshold > 100) {
        problems.add("threshold: must be a percentage from 0 to 100");
      }
    }
    if (durationS < 0 || durationS > MAX_DURATION_S) {
      problems.add("durationS: must be from 0 to " + MAX_DURATION_S + " seconds");
    }
    if (webhookUrl != null && !isHttpUrl(webhookUrl)) {
      problems.add("webhookUrl: must be an absolute http or https URL");
    }
    return problems;
  }

  static boolean isHttpUrl(String url) {
    if (url.length() > MAX_URL) {
      return false;
    }
    try {
      URI u = new URI(url);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https"))
          && u.getHost() != null
          && !u.getHost().isBlank()
          && u.getUserInfo() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  AlertMetric alertMetric() {
    return AlertMetric.byApiName(metric).orElseThrow();
  }

  AlertOperator alertOperator() {
    return alertMetric().hasThreshold() ? AlertOperator.bySymbol(operator).orElseThrow() : null;
  }
}
