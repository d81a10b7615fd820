package io.vigia.agent.source;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the sources other than /proc live: the kernel module's entry names (below the proc root),
 * the Docker Engine socket, the cgroup mount and the user database.
 *
 * @param moduleRamFile name of the vigia_ram entry below the proc root ({@code ram_202004725} when
 *     the module was loaded with {@code proc_name=})
 * @param moduleCpuFile name of the vigia_cpu entry below the proc root
 * @param dockerSocket the Docker Engine API's unix socket; null (no engine to ask) or absent:
 *     containers come from cgroups alone
 * @param cgroupRoot where cgroupfs is mounted (v1 controllers below it, or the v2 hierarchy)
 * @param passwdFile the user database that turns uids into names
 */
public record SourceSettings(
    String moduleRamFile,
    String moduleCpuFile,
    Path dockerSocket,
    Path cgroupRoot,
    Path passwdFile) {

  public static final SourceSettings DEFAULTS =
      new SourceSettings(
          "vigia_ram",
          "vigia_cpu",
          Path.of("/var/run/docker.sock"),
          Path.of("/sys/fs/cgroup"),
          Path.of("/etc/passwd"));

  public SourceSettings {
    Objects.requireNonNull(moduleRamFile, "moduleRamFile");
    Objects.requireNonNull(moduleCpuFile, "moduleCpuFile");
    Objects.requireNonNull(cgroupRoot, "cgroupRoot");
    Objects.requireNonNull(passwdFile, "passwdFile");
  }

  public SourceSettings withModuleFiles(String ram, String cpu) {
    return new SourceSettings(ram, cpu, dockerSocket, cgroupRoot, passwdFile);
  }

  public SourceSettings withDockerSocket(Path socket) {
    return new SourceSettings(moduleRamFile, moduleCpuFile, socket, cgroupRoot, passwdFile);
  }

  public SourceSettings withCgroupRoot(Path root) {
    return new SourceSettings(moduleRamFile, moduleCpuFile, dockerSocket, root, passwdFile);
  }

  public SourceSettings withPasswdFile(Path passwd) {
    return new SourceSettings(moduleRamFile, moduleCpuFile, dockerSocket, cgroupRoot, passwd);
  }
}
