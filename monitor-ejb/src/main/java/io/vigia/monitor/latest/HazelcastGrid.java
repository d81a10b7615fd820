package io.vigia.monitor.latest;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Map;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Payara's Hazelcast member as {@link LatestState} uses it, called by name: {@code getMap} answers
 * an {@code IMap}, which is a {@code java.util.Map}, and the cluster's member list is a collection,
 * so the Hazelcast API stays out of the build.
 *
 * <p>Payara replaces its member when the data grid's configuration changes (it shuts the old one
 * down and binds a new one under the same name); a stopped member reports itself alone for ever. So
 * each look at the members first asks whether the member is still running, and when it is not,
 * looks the new one up (at most every {@link #RETRY_MS}: while the grid is off there is none).
 */
final class HazelcastGrid implements LatestState.Grid {

  static final String JNDI_NAME = "payara/Hazelcast";
  private static final Logger LOG = Logger.getLogger(HazelcastGrid.class.getName());
  private static final long RETRY_MS = 10_000;

  /** One Hazelcast member's maps and the methods called on it. */
  private record Member(
      Map<Long, String> latest,
      Map<Long, Boolean> pending,
      Method set,
      Object cluster,
      Method members,
      Object lifecycle,
      Method running) {}

  private volatile Member member;
  private volatile long lookedUpAt;

  HazelcastGrid(Object hazelcast) throws ReflectiveOperationException {
    member = connect(hazelcast);
  }

  @SuppressWarnings("unchecked")
  private static Member connect(Object hazelcast) throws ReflectiveOperationException {
    Method getMap = hazelcast.getClass().getMethod("getMap", String.class);
    Map<Long, String> latest = (Map<Long, String>) getMap.invoke(hazelcast, LatestState.MAP);
    Object cluster = hazelcast.getClass().getMethod("getCluster").invoke(hazelcast);
    Object lifecycle = hazelcast.getClass().getMethod("getLifecycleService").invoke(hazelcast);
    return new Member(
        latest,
        (Map<Long, Boolean>) getMap.invoke(hazelcast, LatestState.PENDING_MAP),
        publicMethod(latest.getClass(), "set", Object.class, Object.class),
        cluster,
        publicMethod(cluster.getClass(), "getMembers"),
        lifecycle,
        publicMethod(lifecycle.getClass(), "isRunning"));
  }

  @Override
  public Map<Long, String> latest() {
    return member.latest();
  }

  @Override
  public Map<Long, Boolean> pending() {
    return member.pending();
  }

  @Override
  public void setLatest(long hostId, String json) {
    Member m = member;
    call(m.set(), m.latest(), hostId, json);
  }

  /** The member list is this member's own view: no network call. */
  @Override
  public boolean shared() {
    Member m = member;
    if (!(Boolean) call(m.running(), m.lifecycle())) {
      m = reconnect(m);
      if (m == null) {
        return false;
      }
    }
    return ((Collection<?>) call(m.members(), m.cluster())).size() > 1;
  }

  /** The member Payara runs now, or null when there is none (yet) or it is not time to look. */
  private synchronized Member reconnect(Member stopped) {
    if (member != stopped) {
      return member; // another thread has looked it up
    }
    long now = System.currentTimeMillis();
    if (now - lookedUpAt < RETRY_MS) {
      return null;
    }
    lookedUpAt = now;
    try {
      member = connect(new InitialContext().lookup(JNDI_NAME));
      LOG.info("the data grid was restarted: using its new member");
      return member;
    } catch (NamingException | ReflectiveOperationException | ClassCastException e) {
      LOG.fine("no running data grid member yet: " + e);
      return null;
    }
  }

  /** The method as declared by a public interface of {@code type} (its class may be hidden). */
  static Method publicMethod(Class<?> type, String name, Class<?>... parameters)
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
