package io.vigia.monitor.latest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * HazelcastGrid's calls by name, against classes laid out as Hazelcast's are: the map a public
 * class whose {@code set} comes from an interface through a package-private superclass, the cluster
 * and lifecycle service answered by the member.
 */
class HazelcastGridTest {

  /** As Hazelcast's IMap: a Map with set(K, V). */
  public interface GridMap<K, V> extends Map<K, V> {
    void set(K key, V value);
  }

  /** As MapProxySupport: package-private, implements the public interface. */
  abstract static class MapSupport<K, V> extends ConcurrentHashMap<K, V> implements GridMap<K, V> {
    private static final long serialVersionUID = 1L;
    int sets;

    @Override
    public void set(K key, V value) {
      sets++;
      put(key, value);
    }
  }

  /** As MapProxyImpl: public, adds an interface of its own. */
  public static final class MapProxy<K, V> extends MapSupport<K, V> implements Cloneable {
    private static final long serialVersionUID = 1L;
  }

  public interface Cluster {
    java.util.Set<Object> getMembers();
  }

  public static final class ClusterService implements Cluster {
    final List<Object> members = new ArrayList<>(List.of("this node"));

    @Override
    public java.util.Set<Object> getMembers() {
      return new java.util.LinkedHashSet<>(members);
    }
  }

  public interface Lifecycle {
    boolean isRunning();
  }

  public static final class LifecycleService implements Lifecycle {
    @Override
    public boolean isRunning() {
      return true;
    }
  }

  public static final class Member {
    final Map<String, MapProxy<Object, Object>> maps = new ConcurrentHashMap<>();
    final ClusterService cluster = new ClusterService();

    public Map<Object, Object> getMap(String name) {
      return maps.computeIfAbsent(name, n -> new MapProxy<>());
    }

    public ClusterService getCluster() {
      return cluster;
    }

    public LifecycleService getLifecycleService() {
      return new LifecycleService();
    }
  }

  @Test
  void storesWithSetAndCountsTheMembers() throws Exception {
    Member hazelcast = new Member();
    HazelcastGrid grid = new HazelcastGrid(hazelcast);

    grid.setLatest(7, "{}");
    assertThat(hazelcast.maps.get(LatestState.MAP).sets).isEqualTo(1);
    assertThat(grid.latest()).containsEntry(7L, "{}");
    assertThat(grid.pending()).isSameAs(hazelcast.maps.get(LatestState.PENDING_MAP));

    assertThat(grid.shared()).isFalse();
    hazelcast.cluster.members.add("another node");
    assertThat(grid.shared()).isTrue();
  }
}
