package io.vigia.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

/**
 * What the agent keeps in its state folder between runs: its id (made once) and its host token
 * (written by {@code enroll}, readable only by its owner).
 */
final class AgentIdentity {

  private AgentIdentity() {}

  static String agentId(Path stateDir) throws IOException {
    Path file = stateDir.resolve("agent-id");
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    }
    Files.createDirectories(stateDir);
    String id = UUID.randomUUID().toString();
    Files.writeString(file, id + "\n", StandardCharsets.UTF_8);
    return id;
  }

  /** The agent id if this state folder has one; {@code --once} makes none. */
  static java.util.Optional<String> agentIdIfKnown(Path stateDir) {
    try {
      Path file = stateDir.resolve("agent-id");
      return Files.isReadable(file)
          ? java.util.Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim())
          : java.util.Optional.empty();
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }

  static String readToken(Path tokenFile) throws IOException {
    if (!Files.isReadable(tokenFile)) {
      throw new IOException(
          "no host token at " + tokenFile + ": run 'java -jar vigia-agent.jar enroll' first");
    }
    return Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
  }

  static void writeToken(Path tokenFile, String token) throws IOException {
    Files.createDirectories(tokenFile.toAbsolutePath().getParent());
    Path tmp = tokenFile.resolveSibling(tokenFile.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(
        tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(tmp, token + "\n", StandardCharsets.UTF_8);
    Files.move(
        tmp,
        tokenFile,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
