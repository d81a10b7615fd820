package io.vigia.monitor.latest;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Map;

/**
 * Payara's Hazelcast member as {@link LatestState} uses it, called by name: {@code getMap} answers
 * an {@code IMap}, which is a {@code java.util.Map}, and the cluster's member list is a collection,
 * so the Hazelcast API stays out of the build.
 */
final class HazelcastGrid implements LatestState.Grid {

  private final Map<Long, String> latest;
  private final Map<Long, Boolean> pending;
  private final Method set;
  private final Object cluster;
  private final Method members;

  @SuppressWarnings("unchecked")
  HazelcastGrid(Object hazelcast) throws ReflectiveOperationException {
    Method getMap = hazelcast.getClass().getMethod("getMap", String.class);
    latest = (Map<Long, String>) getMap.invoke(hazelcast, LatestState.MAP);
    pending = (Map<Long, Boolean>) getMap.invoke(hazelcast, LatestState.PENDING_MAP);
    set = publicMethod(latest.getClass(), "set", Object.class, Object.class);
    cluster = hazelcast.getClass().getMethod("getCluster").invoke(hazelcast);
    members = publicMethod(cluster.getClass(), "getMembers");
  }

  @Override
  public Map<Long, String> latest() {
    return latest;
  }

  @Override
  public Map<Long, Boolean> pending() {
    return pending;
  }

  @Override
  public void set(Map<Long, String> map, long key, String value) {
    call(set, map, key, value);
  }

  /** The member list is this member's own view: no network call. */
  @Override
  public boolean shared() {
    return ((Collection<?>) call(members, cluster)).size() > 1;
  }

  /** The method as declared by a public interface of {@code type} (its class may be hidden). */
  private static Method publicMethod(Class<?> type, String name, Class<?>... parameters)
      throws NoSuchMethodException {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Class<?> i : c.getInterfaces()) {
        try {
          return i.getMethod(name, parameters);
        } catch (NoSuchMethodException notHere) {
          // a later interface may declare it
        }
      }
    }
    return type.getMethod(name, parameters);
  }

  private static Object call(Method method, Object target, Object... args) {
    try {
      return method.invoke(target, args);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    }
  }
}
