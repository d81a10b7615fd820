package io.vigia.agent;

import io.vigia.agent.command.CommandRunner;
import io.vigia.agent.command.ContainerCommand;
import io.vigia.agent.prune.PruneLoop;
import io.vigia.agent.ship.Backoff;
import io.vigia.agent.ship.BatchJson;
import io.vigia.agent.ship.MonitorClient;
import io.vigia.agent.ship.ServerTrust;
import io.vigia.agent.ship.Shipper;
import io.vigia.agent.ship.SpoolFile;
import io.vigia.agent.source.HostSampler;
import io.vigia.agent.source.ProcRoot;
import io.vigia.wire.Batch;
import io.vigia.wire.CommandResult;
import io.vigia.wire.ContainerEvent;
import io.vigia.wire.EnrollReply;
import io.vigia.wire.EnrollRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Entry point of {@code vigia-agent.jar}.
 *
 * <pre>
 *   java -jar vigia-agent.jar [run] [--server=URL] [--state.dir=DIR] [--interval.ms=1000] ...
 *   java -jar vigia-agent.jar enroll --server=URL --key=FLEET_KEY
 *   java -jar vigia-agent.jar --once --print
 * </pre>
 */
public final class Main {

  static {
    // One line per record, readable in journald and in a plain log file.
    System.setProperty(
        "java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s: %5$s%6$s%n");
  }

  private static final Logger LOG = Logger.getLogger(Main.class.getName());

  private Main() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> flags = new HashMap<>();
    String command = "run";
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        command = a;
        continue;
      }
      String name = a.substring(2);
      int eq = name.indexOf('=');
      if (eq >= 0) {
        flags.put(name.substring(0, eq), name.substring(eq + 1));
      } else if (i + 1 < args.length && !args[i + 1].startsWith("--") && takesValue(name)) {
        flags.put(name, args[++i]);
      } else {
        flags.put(name, "true");
      }
    }
    try {
      AgentConfig config = AgentConfig.load(flags, System.getenv());
      switch (command) {
        case "run" -> {
          if (flags.containsKey("once")) {
            once(config, flags.containsKey("print"));
          } else {
            run(config);
          }
        }
        case "enroll" -> enroll(config, flags.get("key"));
        default -> throw new IllegalArgumentException("unknown command '" + command + "'");
      }
    } catch (IllegalArgumentException | IOException e) {
      System.err.println("vigia-agent: " + e.getMessage());
      System.exit(2);
    }
  }

  private static boolean takesValue(String flag) {
    return !flag.equals("once") && !flag.equals("print");
  }

  private static void enroll(AgentConfig config, String fleetKey) throws Exception {
    if (fleetKey == null) {
      fleetKey = System.getenv("VIGIA_FLEET_KEY");
    }
    if (fleetKey == null) {
      throw new IllegalArgumentException("enroll needs --key=FLEET_KEY (or env VIGIA_FLEET_KEY)");
    }
    String agentId = AgentIdentity.agentId(config.stateDir());
    try (MonitorClient client =
        new MonitorClient(
            config.server(), config.timeout(), config.insecure(), config.serverTrust())) {
      EnrollReply reply = client.enroll(fleetKey, new EnrollRequest(agentId, config.host()));
      AgentIdentity.writeToken(config.tokenFile(), reply.token());
      LOG.info(() -> "enrolled host " + reply.host() + "; token saved to " + config.tokenFile());
    }
  }

  private static void once(AgentConfig config, boolean print) throws Exception {
    HostSampler sampler =
        new HostSampler(new ProcRoot(config.procRoot()), Clock.systemUTC(), config.sources());
    String agentId = AgentIdentity.agentIdIfKnown(config.stateDir()).orElse("once");
    sampler.sample(agentId, config.host(), 0);
    Thread.sleep(config.interval().toMillis()); // a CPU % needs two readings
    Batch batch = sampler.sample(agentId, config.host(), System.currentTimeMillis());
    if (print) {
      try (var jsonb = jakarta.json.bind.JsonbBuilder.create()) {
        System.out.println(jsonb.toJson(batch));
      }
    }
  }

  private static void run(AgentConfig config) throws Exception {
    String agentId = AgentIdentity.agentId(config.stateDir());
    String token = AgentIdentity.readToken(config.tokenFile());
    String host = config.host();
    long intervalMs = config.interval().toMillis();
    ServerTrust trust = config.serverTrust();
    HostSampler sampler =
        new HostSampler(new ProcRoot(config.procRoot()), Clock.systemUTC(), config.sources());
    MonitorClient client =
        new MonitorClient(config.server(), config.timeout(), config.insecure(), trust);
    SpoolFile spool = new SpoolFile(config.spoolDir(), config.spoolMaxBytes());
    boolean actions = config.containerActionsEnabled();
    CommandRunner commands =
        new CommandRunner(
            config.killEnabled(),
            config.procRoot(),
            new ContainerCommand(actions, sampler::docker));
    PruneLoop prune = new PruneLoop(actions, sampler::docker, commands::submit);
    Shipper shipper =
        new Shipper(spool, body -> client.push(token, body), commands, prune, Backoff.standard());
    // Starting from the wall clock keeps seq increasing across restarts without a state file, as
    // long as batches are slower than one per millisecond; the spool's newest seq guards against a
    // clock that went back while batches were waiting.
    long[] seq = {Math.max(System.currentTimeMillis(), spool.newestSeq().orElse(0) + 1)};
    boolean[] failing = {false};
    BatchJson wire = new BatchJson(); // the collector thread's: it reuses its buffers
    ScheduledExecutorService collector =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "vigia-collect");
              t.setDaemon(false);
              return t;
            });
    LOG.info(
        () ->
            "agent "
                + agentId
                + " for host "
                + host
                + " pushing to "
                + config.server()
                + " every "
                + intervalMs
                + " ms; server trust: "
                + ("https".equalsIgnoreCase(config.server().getScheme())
                    ? trust.describe()
                    : "none (plain HTTP)")
                + "; spool "
                + config.spoolDir()
                + " up to "
                + config.spoolMaxBytes()
                + " bytes; remote kill "
                + (config.killEnabled() ? "enabled" : "disabled")
                + "; container actions "
                + (actions ? "enabled" : "disabled"));
    // Collection and shipping are decoupled: this loop only samples into the spool, every interval,
    // whatever the network does; the shipper's thread drains the spool.
    collector.scheduleAtFixedRate(
        () -> {
          try {
            Batch batch = sampler.sample(agentId, host, seq[0]);
            prune.apply(batch.containers(), batch.ts());
            batch = withExtras(batch, commands.takeResults(), prune.takeEvents(), prune.version());
            spool.append(batch.seq(), wire.gzip(batch));
            seq[0]++;
            if (failing[0]) {
              LOG.info("collecting again");
              failing[0] = false;
            }
          } catch (Exception e) {
            // Logged once per stretch of failures, not once per interval.
            if (!failing[0]) {
              LOG.log(Level.WARNING, "cannot collect or spool a sample: " + e, e);
              failing[0] = true;
            }
          }
        },
        0,
        intervalMs,
        TimeUnit.MILLISECONDS);
    shipper.start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  collector.shutdown();
                  try {
                    collector.awaitTermination(2, TimeUnit.SECONDS);
                    shipper.close();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  LOG.info(() -> "stopped; " + spool.size() + " unsent batches kept in the spool");
                }));
  }

  /**
   * The batch with command results, the prune loop's events (after the engine's) and the policy
   * version attached (records are immutable).
   */
  static Batch withExtras(
      Batch b, List<CommandResult> results, List<ContainerEvent> pruned, String policyVersion) {
    List<ContainerEvent> events = b.containerEvents();
    if (!pruned.isEmpty()) {
      events = new java.util.ArrayList<>(events == null ? List.of() : events);
      events.addAll(pruned);
      if (events.size() > 1_000) {
        events = events.subList(0, 1_000); // Batch's bound; an engine storm loses its tail
      }
    }
    return new Batch(
        b.agentId(),
        b.host(),
        b.seq(),
        b.ts(),
        b.source(),
        b.cpu(),
        b.memory(),
        b.load(),
        b.processes(),
        b.containers(),
        results.isEmpty() ? null : results,
        events,
        policyVersion);
  }
}
