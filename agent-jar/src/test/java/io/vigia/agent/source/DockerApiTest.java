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
              "exited",
              java.util.Map.of(),
              1795389218000L),
          new DockerApi.Container(
              "2341bee57364f2f29b73aa05bf37c289d9c76eb7bf9396c65b59cf60c23e9037",
              "idle-one",
              "vigia/busybox:1",
              "running",
              java.util.Map.of(),
              1795389218000L),
          new DockerApi.Container(
              "904254a5c3b26bbfb2af1c999196ec3843a9b5886237280a0a13da2eada80aaa",
              "web-1",
              "vigia/busybox:1",
              "running",
              java.util.Map.of(),
              1795389216000L));

  @TempDir Path dir;

  @Test
  void listsContainersWithNamesImagesAndStatesOverTheUnixSocket() throws Exception {
    try (FakeDockerDaemon dockerd = new FakeDockerDaemon(dir.resolve("docker.sock"))) {
      dockerd.answer(FakeDockerDaemon.capture(CAPTURE));

      List<DockerApi.Container> list =
          new DockerApi(dockerd.socket, Duration.ofSeconds(5)).containers();

      assertThat(list).containsExactlyElementsOf(CAPTURED);
      assertThat(dockerd.requests)
          .containsExactly("GET /version HTTP/1.1", "GET /v1.41/containers/json?all=1 HTTP/1.1");
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
        .containsExactly(
            new DockerApi.Container("abc", "db", null, "paused", java.util.Map.of(), null));
  }

  @Test
  void aBodyThatIsNotAJsonArrayIsAnError() {
    assertThatThrownBy(
            () -> DockerApi.parse("{\"message\":\"no\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IOException.class);
  }

  @Test
  void negotiatesTheLowerOfTheEnginesApiVersionAndItsOwn() throws Exception {
    assertThat(DockerApi.engineVersion(FakeDockerDaemon.capture("/docker/version-20.10.json")))
        .isEqualTo("1.41");
    assertThat(DockerApi.lower("1.44", DockerApi.CLIENT_VERSION)).isEqualTo("1.41");
    assertThat(DockerApi.lower("1.40", DockerApi.CLIENT_VERSION)).isEqualTo("1.40");
    assertThat(DockerApi.lower("1.9", "1.41")).isEqualTo("1.9");
    try (FakeDockerDaemon dockerd = new FakeDockerDaemon(dir.resolve("docker.sock"))) {
      dockerd.route(
          "GET /version ",
          FakeDockerDaemon.ok("{\"ApiVersion\":\"1.40\"}".getBytes(StandardCharsets.UTF_8)));
      dockerd.answer("[]".getBytes(StandardCharsets.UTF_8));

      new DockerApi(dockerd.socket, Duration.ofSeconds(5)).containers();

      assertThat(dockerd.requests).last().isEqualTo("GET /v1.40/containers/json?all=1 HTTP/1.1");
    }
  }

  @Test
  void inspectGivesExitCodeRestartsStartTimeOomAndLabels() throws Exception {
    // captured: docker run -d --name burn --init --cpus 0.5 --label vigia.class=high-cpu ...
    DockerApi.Details d =
        DockerApi.parseInspect(FakeDockerDaemon.capture("/docker/inspect-burn-v1.41.json"));

    assertThat(d.id()).startsWith("afead677c5f9");
    assertThat(d.name()).isEqualTo("burn");
    assertThat(d.image()).isEqualTo("vigia/busybox:12");
    assertThat(d.state()).isEqualTo("running");
    assertThat(d.labels()).containsEntry("vigia.class", "high-cpu");
    assertThat(d.exitCode()).isZero();
    assertThat(d.restartCount()).isZero();
    assertThat(d.oomKilled()).isFalse();
    assertThat(d.createdMs())
        .isEqualTo(java.time.Instant.parse("2026-11-29T18:26:14.798Z").toEpochMilli());
    assertThat(d.startedMs())
        .isEqualTo(java.time.Instant.parse("2026-11-29T18:26:14.911Z").toEpochMilli());
    assertThat(DockerApi.instantMs("0001-01-01T00:00:00Z")).as("never").isNull();
  }

  @Test
  void inspectOfAContainerThatIsGoneIsEmpty() throws Exception {
    try (FakeDockerDaemon dockerd = new FakeDockerDaemon(dir.resolve("docker.sock"))) {
      assertThat(new DockerApi(dockerd.socket, Duration.ofSeconds(5)).inspect("ab12")).isEmpty();
    }
  }

  @Test
  void parsesTheEventStreamsContainerEvents() throws Exception {
    // captured: docker run --rm --name quick busybox sh -c 'exit 3'
    List<DockerApi.Event> events =
        Fixtures.lines("/docker/events-create-destroy.jsonl").stream()
            .map(DockerApi::parseEvent)
            .flatMap(java.util.Optional::stream)
            .toList();

    assertThat(events)
        .extracting(DockerApi.Event::action)
        .containsExactly("create", "attach", "start", "die", "destroy");
    assertThat(events.get(3).attributes())
        .containsEntry("exitCode", "3")
        .containsEntry("name", "quick");
    assertThat(events.get(0).tsMs()).isEqualTo(1795976866159L);
    assertThat(DockerApi.parseEvent("{\"Type\":\"image\",\"Action\":\"tag\"}")).isEmpty();
    assertThat(DockerApi.parseEvent("not json")).isEmpty();
  }

  @Test
  void followsTheEventStreamOverHttp10() throws Exception {
    try (FakeDockerDaemon dockerd = new FakeDockerDaemon(dir.resolve("docker.sock"))) {
      byte[] lines = FakeDockerDaemon.capture("/docker/events-create-destroy.jsonl");
      dockerd.route(
          "GET /v1.41/events",
          concat(
              "HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII),
              lines));
      List<DockerApi.Event> got = new java.util.ArrayList<>();
      boolean[] opened = {false};

      new DockerApi(dockerd.socket, Duration.ofSeconds(5)).events(() -> opened[0] = true, got::add);

      assertThat(opened[0]).isTrue();
      assertThat(got).hasSize(5);
      assertThat(dockerd.requests)
          .last()
          .asString()
          .startsWith("GET /v1.41/events?filters=")
          .endsWith("HTTP/1.0");
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
