package io.vigia.agent.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Turns uids into user names from a passwd file, read once and read again only when its
 * modification time changes. An unknown uid is shown as its number, as ps does.
 */
final class UserNames {

  private static final Logger LOG = Logger.getLogger(UserNames.class.getName());

  /** The wire's limit on a user name. */
  private static final int MAX_CHARS = 64;

  private final Path passwd;
  private FileTime seen;
  private Map<Integer, String> names = Map.of();
  private boolean warned;

  UserNames(Path passwd) {
    this.passwd = passwd;
  }

  /** Re-reads the file if it changed since the last call; cheap otherwise (one stat). */
  void refresh() {
    try {
      FileTime mtime = Files.getLastModifiedTime(passwd);
      if (mtime.equals(seen)) {
        return;
      }
      names = parse(Files.readAllLines(passwd, StandardCharsets.UTF_8));
      seen = mtime;
      warned = false;
    } catch (IOException e) {
      if (!warned) {
        LOG.warning(() -> "cannot read " + passwd + " (" + e + "); users shown by uid");
        warned = true;
      }
      names = Map.of();
      seen = null;
    }
  }

  /** The name of a uid, its number when unknown, null when the uid itself is unknown. */
  String nameOf(Integer uid) {
    if (uid == null) {
      return null;
    }
    String name = names.get(uid);
    return name != null ? name : Integer.toUnsignedString(uid);
  }

  static Map<Integer, String> parse(List<String> lines) {
    Map<Integer, String> byUid = new HashMap<>();
    for (String line : lines) {
      // name:password:uid:gid:gecos:home:shell
      String[] f = line.split(":", 4);
      if (f.length < 4 || f[0].isEmpty() || f[0].startsWith("#")) {
        continue;
      }
      try {
        int uid = Integer.parseInt(f[2]);
        String name = f[0].length() > MAX_CHARS ? f[0].substring(0, MAX_CHARS) : f[0];
        byUid.putIfAbsent(uid, name); // the first entry wins, as getpwuid() does
      } catch (NumberFormatException garbage) {
        // a broken line names nobody
      }
    }
    return byUid;
  }
}
