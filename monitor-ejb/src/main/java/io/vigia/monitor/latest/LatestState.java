package io.vigia.monitor.latest;

import io.vigia.wire.Batch;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Each host's last batch, by host id. When Payara's data grid runs (Server, or Micro in a cluster),
 * the map lives in the grid as JSON text, so every node can read it without sharing classes; a
 * single node without the grid keeps the batches themselves in a local map.
 */
@ApplicationScoped
public class LatestState {

  private static final Logger LOG = Logger.getLogger(LatestState.class.getName());
  private static final Jsonb JSONB = JsonbBuilder.create();
  static final String MAP = "vigia-latest";

  /** The data grid's map (JSON text, readable on every node), or null on a single node. */
  private Map<Long, String> grid;

  /** A single node keeps the batches themselves: no JSON round trip on the ingest path. */
  private final Map<Long, Batch> local = new ConcurrentHashMap<>();

  @PostConstruct
  @SuppressWarnings("unchecked")
  void connect() {
    Object hazelcast;
    try {
      // Payara binds its Hazelcast member here only while the data grid is enabled. JCache's
      // default provider is no test of that: without the grid it is a client that waits forever.
      hazelcast = new InitialContext().lookup("payara/Hazelcast");
    } catch (NamingException noGrid) {
      LOG.info("no data grid: the latest host state is kept on this node");
      return;
    }
    try {
      // HazelcastInstance.getMap returns an IMap, which is a java.util.Map; calling it by name
      // keeps the Hazelcast API out of the build.
      grid =
          (Map<Long, String>)
              hazelcast.getClass().getMethod("getMap", String.class).invoke(hazelcast, MAP);
      LOG.info("the latest host state is kept in the data grid (map '" + MAP + "')");
    } catch (ReflectiveOperationException | ClassCastException e) {
      LOG.warning("data grid present but unusable (" + e + "): the latest host state stays local");
    }
  }

  public void put(long hostId, Batch batch) {
    if (grid != null) {
      grid.put(hostId, JSONB.toJson(batch));
    } else {
      local.put(hostId, batch);
    }
  }

  public Optional<Batch> get(long hostId) {
    if (grid != null) {
      return Optional.ofNullable(grid.get(hostId)).map(j -> JSONB.fromJson(j, Batch.class));
    }
    return Optional.ofNullable(local.get(hostId));
  }
}
