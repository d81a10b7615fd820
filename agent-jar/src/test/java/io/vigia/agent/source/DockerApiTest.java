package io.vigia.agent.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerApiTest {

  /** Captured from Debian 12's docker.io 20.10.24: web-1 (64 MiB limit), idle-one, exited-job. */
  private static final String CAPTURE = "/docker/containers-json-v1.41.json";

  private static final List<DockerApi.Container> CAPTURED =
      List.of(
          new DockerApi.Container(
              "5881e745aefdbd9243a782d1e64032c3fa4d6956fa0083e0c5030a4368c5fb56",
              "exited-job",
              "vigia/busybox:1",
              "exited"),
          new DockerApi.Container(
              "2341bee57364f2f29b73aa05bf37c289d9c76eb7bf9396c65b59cf60c23e9037",
              "idle-one",
              "vigia/busybox:1",
              "running"),
          new DockerApi.Container(
              "904254a5c3b26bbfb2af1c999196ec3843a9b5886237280a0a13da2eada80aaa",
              "web-1",
              "vigia/busybox:1",
              "running"));

  @TempDir Path dir;

  @Test
  void listsContainersWithNamesImagesAndStatesOverTheUnixSocket() throws Exception {
    try (FakeDockerDaemon dockerd = new FakeDockerDaemon(dir.resolve("docker.sock"))) {
      dockerd.answer(FakeDockerDaemon.capture(CAPTURE));

      List<DockerApi.Container> list =
          new DockerApi(dockerd.socket, Duration.ofSeconds(5)).containers();

      assertThat(list).containsExactlyElementsOf(CAPTURED);
      assertThat(dockerd.requests).containsExactly("GET /v1.41/containers/json?all=1 HTTP/1.1");
    }
  }

  @Test
  void readsAChunkedAnswer() throws Exception {
    try (FakeDockerDaemon dockerd = new FakeDockerDaemon(dir.resolve("docker.sock"))) {
      dockerd.answerChunked(FakeDockerDaemon.capture(CAPTURE), 100);

      assertThat(new DockerApi(dockerd.socket, Duration.ofSeconds(5)).containers())
          .containsExactlyElementsOf(CAPTURED);
    }
  }

  @Test
  void anErrorStatusIsAnError() throws Exception {
    try (FakeDockerDaemon dockerd = new FakeDockerDaemon(dir.resolve("docker.sock"))) {
      dockerd.answerRaw(
          ("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 2\r\n\r\n{}")
              .getBytes(StandardCharsets.US_ASCII));

      assertThatThrownBy(() -> new DockerApi(dockerd.socket, Duration.ofSeconds(5)).containers())
          .isInstanceOf(IOException.class)
          .hasMessageContaining("500");
    }
  }

  @Test
  void anAnswerCutShortIsAnError() throws Exception {
    try (FakeDockerDaemon dockerd = new FakeDockerDaemon(dir.resolve("docker.sock"))) {
      dockerd.answerRaw(
          "HTTP/1.1 200 OK\r\nContent-Length: 1948\r\n\r\n[{\"Id\":\"59"
              .getBytes(StandardCharsets.US_ASCII));

      assertThatThrownBy(() -> new DockerApi(dockerd.socket, Duration.ofSeconds(5)).containers())
          .isInstanceOf(IOException.class)
          .hasMessageContaining("cut");
    }
  }

  @Test
  void aSocketNobodyListensOnIsAnError() {
    assertThatThrownBy(
            () -> new DockerApi(dir.resolve("absent.sock"), Duration.ofSeconds(1)).containers())
        .isInstanceOf(IOException.class);
  }

  @Test
  void skipsEntriesWithoutAnIdAndStripsTheNamesSlash() throws Exception {
    byte[] json =
        "[{\"Names\":[\"/x\"]},{\"Id\":\"abc\",\"Names\":[\"/db\"],\"Image\":null,\"State\":\"paused\"}]"
            .getBytes(StandardCharsets.UTF_8);

    assertThat(DockerApi.parse(json))
        .containsExactly(new DockerApi.Container("abc", "db", null, "paused"));
  }

  @Test
  void aBodyThatIsNotAJsonArrayIsAnError() {
    assertThatThrownBy(
            () -> DockerApi.parse("{\"message\":\"no\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IOException.class);
  }
}
