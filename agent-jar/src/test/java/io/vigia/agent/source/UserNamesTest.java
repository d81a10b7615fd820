package io.vigia.agent.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserNamesTest {

  @TempDir Path etc;

  @Test
  void namesUidsFromPasswd() {
    var names =
        UserNames.parse(
            List.of(
                "root:x:0:0:root:/root:/bin/bash",
                "www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin",
                "broken line",
                "bad:x:notanumber:0::/:/bin/sh",
                "toor:x:0:0::/root:/bin/sh"));

    assertThat(names).containsEntry(0, "root").containsEntry(33, "www-data").hasSize(2);
  }

  @Test
  void anUnknownUidIsShownAsItsNumber() throws Exception {
    Path passwd = Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n");
    UserNames users = new UserNames(passwd);
    users.refresh();

    assertThat(users.nameOf(0)).isEqualTo("root");
    assertThat(users.nameOf(1234)).isEqualTo("1234");
    assertThat(users.nameOf(null)).isNull();
  }

  @Test
  void rereadsPasswdWhenItChanges() throws Exception {
    Path passwd = Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n");
    UserNames users = new UserNames(passwd);
    users.refresh();
    Files.writeString(passwd, "root:x:0:0:root:/root:/bin/bash\nalice:x:1234:1234::/:/bin/sh\n");
    Files.setLastModifiedTime(passwd, FileTime.fromMillis(System.currentTimeMillis() + 5000));

    users.refresh();

    assertThat(users.nameOf(1234)).isEqualTo("alice");
  }

  @Test
  void aMissingPasswdShowsEveryoneByNumber() {
    UserNames users = new UserNames(etc.resolve("nothing-here"));
    users.refresh();

    assertThat(users.nameOf(0)).isEqualTo("0");
  }
}
