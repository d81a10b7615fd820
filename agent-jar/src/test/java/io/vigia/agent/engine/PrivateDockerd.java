package io.vigia.agent.engine;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's dockerd on a private socket, with its own data root, exec root and pidfile under one
 * temporary folder, started and stopped by PID (DESIGN.md: the flags that work on these machines).
 * Images come from {@code docker import} of a busybox-static rootfs; nothing is pulled.
 */
final class PrivateDockerd implements AutoCloseable {

  static final Path DOCKERD = Path.of("/usr/sbin/dockerd");
  static final Path BUSYBOX = Path.of("/bin/busybox");
  static final String IMAGE = "vigia/busybox:test";

  final Path dir;
  final Path socket;
  private Process process;

  PrivateDockerd(Path dir) {
    this.dir = dir;
    this.socket = dir.resolve("docker.sock");
  }

  static boolean available() {
    return Files.isExecutable(DOCKERD) && Files.isExecutable(BUSYBOX);
  }

  String dockerHost() {
    return "unix://" + socket;
  }

  PrivateDockerd start() throws Exception {
    Files.deleteIfExists(socket);
    process =
        new ProcessBuilder(
                DOCKERD.toString(),
                "-H",
                dockerHost(),
                "--data-root",
                dir.resolve("data").toString(),
                "--exec-root",
                dir.resolve("exec").toString(),
                "--pidfile",
                dir.resolve("dockerd.pid").toString(),
                "--iptables=false",
                "--ip-masq=false",
                "--bridge=none",
                "--exec-opt",
                "native.cgroupdriver=cgroupfs")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("dockerd.log").toFile()))
            .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!answers()) {
      if (!process.isAlive()) {
        throw new IllegalStateException("dockerd exited; see " + dir.resolve("dockerd.log"));
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("dockerd not answering within 60 s");
      }
      Thread.sleep(100);
    }
    return this;
  }

  long pid() {
    return process.pid();
  }

  /** Stops the daemon by its PID (SIGTERM, then SIGKILL after 30 s) and waits for it. */
  void stop() throws InterruptedException {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  boolean answers() {
    if (!Files.exists(socket)) {
      return false;
    }
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      ch.write(
          ByteBuffer.wrap(
              "GET /_ping HTTP/1.0\r\nHost: d\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
      ByteBuffer buf = ByteBuffer.allocate(64);
      ch.read(buf);
      return new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII)
          .contains(" 200 ");
    } catch (IOException e) {
      return false;
    }
  }

  /** Imports the busybox-static rootfs as {@link #IMAGE}, unless it is there already. */
  void importBusybox() throws Exception {
    if (docker("image", "inspect", IMAGE).exit() == 0) {
      return;
    }
    Path rootfs = dir.resolve("rootfs");
    Files.createDirectories(rootfs.resolve("bin"));
    Files.copy(BUSYBOX, rootfs.resolve("bin/busybox"));
    for (String applet : List.of("sh", "sleep", "yes", "head", "cat", "true", "tail")) {
      Files.createSymbolicLink(rootfs.resolve("bin/" + applet), Path.of("busybox"));
    }
    ProcessBuilder pb =
        new ProcessBuilder("sh", "-c", "tar -C '" + rootfs + "' -c . | docker import - " + IMAGE)
            .redirectErrorStream(true);
    pb.environment().put("DOCKER_HOST", dockerHost());
    Process tar = pb.start();
    tar.getOutputStream().close();
    String out = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (tar.waitFor() != 0) {
      throw new IllegalStateException("docker import failed: " + out);
    }
  }

  record Result(int exit, String out) {}

  /** Runs the docker CLI against this daemon. */
  Result docker(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("docker"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("DOCKER_HOST", dockerHost());
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("docker " + args[0] + " hung");
    }
    return new Result(p.exitValue(), out);
  }

  /** Runs the docker CLI and insists that it worked; its output. */
  String must(String... args) throws Exception {
    Result r = docker(args);
    if (r.exit() != 0) {
      throw new IllegalStateException("docker " + String.join(" ", args) + ": " + r.out());
    }
    return r.out();
  }

  @Override
  public void close() throws Exception {
    try {
      Result ids = docker("ps", "-aq");
      if (ids.exit() == 0 && !ids.out().isBlank()) {
        List<String> rm = new ArrayList<>(List.of("rm", "-f"));
        rm.addAll(List.of(ids.out().split("\\s+")));
        docker(rm.toArray(String[]::new));
      }
    } finally {
      stop();
    }
  }
}
