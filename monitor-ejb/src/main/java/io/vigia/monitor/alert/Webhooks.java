package io.vigia.monitor.alert;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * POSTs each alert change to its rule's webhook, on the server's managed executor so evaluation
 * never waits. A failing URL is logged once, when it starts failing, and again when it answers.
 * Logs name only the URL's scheme, host and port: the rest may carry a secret.
 */
@ApplicationScoped
public class Webhooks {

  private static final Logger LOG = Logger.getLogger(Webhooks.class.getName());

  @Resource private ManagedExecutorService executor;
  @Inject private AlertSettings settings;

  private final Map<String, Boolean> failing = new ConcurrentHashMap<>();
  private volatile HttpClient http;

  public void send(List<AlertChange> changes) {
    for (AlertChange c : changes) {
      if (c.webhookUrl() == null) {
        continue;
      }
      try {
        executor.submit(() -> post(c));
      } catch (RejectedExecutionException e) {
        failed(c, "executor busy: " + e.getMessage(), null);
      }
    }
  }

  static String body(AlertChange c) {
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("rule", c.rule())
            .add("ruleId", c.ruleId())
            .add("host", c.host());
    if (c.container() != null) {
      b.add("container", c.container());
    }
    b.add("state", c.state()).add("at", c.at().toString());
    if (c.value() == null) {
      b.addNull("value");
    } else {
      b.add("value", c.value());
    }
    return b.build().toString();
  }

  private void post(AlertChange c) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(c.webhookUrl()))
              .timeout(settings.webhookTimeout())
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body(c)))
              .build();
      HttpResponse<Void> r = client().send(request, HttpResponse.BodyHandlers.discarding());
      if (r.statusCode() / 100 != 2) {
        failed(c, "answered HTTP " + r.statusCode(), null);
      } else if (failing.remove(c.webhookUrl()) != null) {
        LOG.info(() -> "webhook " + where(c.webhookUrl()) + " answers again");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // Unreachable or slow receivers are the receiver's problem: no stack trace needed.
      failed(c, e.toString(), null);
    } catch (RuntimeException e) {
      failed(c, e.toString(), e);
    }
  }

  private HttpClient client() {
    HttpClient h = http;
    if (h == null) {
      h =
          HttpClient.newBuilder()
              .connectTimeout(settings.webhookTimeout())
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
      http = h;
    }
    return h;
  }

  private void failed(AlertChange c, String why, Throwable cause) {
    if (failing.putIfAbsent(c.webhookUrl(), Boolean.TRUE) == null) {
      LOG.log(
          Level.WARNING,
          "webhook "
              + where(c.webhookUrl())
              + " of rule '"
              + c.rule()
              + "' failed ("
              + why
              + "); its next failures are not logged until it answers again",
          cause);
    }
  }

  private static String where(String url) {
    try {
      URI u = URI.create(url);
      return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
    } catch (IllegalArgumentException e) {
      return "(malformed URL)";
    }
  }
}
