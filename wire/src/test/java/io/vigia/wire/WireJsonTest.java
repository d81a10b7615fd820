package io.vigia.wire;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Every record survives JSON-B both ways, as agent and monitor exchange them. */
class WireJsonTest {

  private static final Jsonb JSONB = JsonbBuilder.create();

  @AfterAll
  static void close() throws Exception {
    JSONB.close();
  }

  private static <T> T roundTrip(T value, Class<T> type) {
    return JSONB.fromJson(JSONB.toJson(value), type);
  }

  @Test
  void fullBatchRoundTripsUnchanged() {
    Batch batch =
        new Batch(
            "agent-1",
            "web-01",
            42L,
            1_795_000_000_000L,
            "module",
            new Cpu(12.5, 2, List.of(10.0, 15.0)),
            new Memory(8_000_000L, 1_000_000L, 6_000_000L, 1L, 2L, 0L, 0L),
            new Load(0.1, 0.2, 0.3),
            new Processes(
                new ProcessCounts(2, 1, 1, 0, 0, 0, 0),
                List.of(
                    new ProcessInfo(
                        1, 0, 5L, "systemd", "/sbin/init", "root", 0, "S", 0.0, 9000L, 0.1),
                    new ProcessInfo(
                        4242,
                        1,
                        777L,
                        "we (ird) \"name\" ñ",
                        null,
                        "1001",
                        1001,
                        "R",
                        150.0,
                        123L,
                        0.0))),
            List.of(ContainerInfo.basic("abc", "db", "mysql:8.4", "running", 3.5, 1024L, null)),
            List.of(new CommandResult(9L, "refused", "pid reused")),
            null,
            null);

    assertThat(roundTrip(batch, Batch.class)).isEqualTo(batch);
  }

  @Test
  void hostOnlyBatchLeavesTheRestNull() {
    Batch batch = Batch.ofHost("a", "h", 1, 2, "proc", Cpu.total(null, 4), null, null);

    Batch back = roundTrip(batch, Batch.class);

    assertThat(back).isEqualTo(batch);
    assertThat(JSONB.toJson(batch)).doesNotContain("processes").doesNotContain("null");
  }

  @Test
  void replyWithCommandsRoundTrips() {
    IngestReply reply =
        new IngestReply(7, true, List.of(new Command(3, "kill", 4242, 777L, null, null)), null);

    assertThat(roundTrip(reply, IngestReply.class)).isEqualTo(reply);
  }

  @Test
  void enrolmentRoundTrips() {
    assertThat(roundTrip(new EnrollRequest("a-1", "h"), EnrollRequest.class))
        .isEqualTo(new EnrollRequest("a-1", "h"));
    assertThat(roundTrip(new EnrollReply("h", "t"), EnrollReply.class))
        .isEqualTo(new EnrollReply("h", "t"));
  }

  @Test
  void memoryUsedIsTotalMinusAvailable() {
    Memory m = new Memory(8_000L, 1_000L, 6_000L, null, null, null, null);

    assertThat(m.usedKb()).isEqualTo(2_000L);
    assertThat(m.usedPct()).isEqualTo(25.0);
    assertThat(new Memory(null, 1L, null, null, null, null, null).usedPct()).isNull();
  }

  @Test
  void containerFieldsEventsAndThePolicyRoundTrip() {
    ContainerInfo c =
        new ContainerInfo(
            "abc",
            "burn",
            "vigia/busybox:12",
            "exited",
            49.9,
            1024L,
            64L << 20,
            java.util.Map.of("vigia.class", "high-cpu"),
            137,
            2,
            1L,
            2L,
            true,
            0.5,
            99.8);
    ContainerEvent e =
        new ContainerEvent(
            5L,
            "abc",
            "burn",
            "img",
            "prune",
            null,
            49.9,
            1024L,
            2048L,
            "high-cpu",
            "keep 2 newest",
            "removed");
    ContainerPolicy p =
        new ContainerPolicy(
            "v7", true, List.of(new ContainerClass("low", "vigia.class=low", null, 2, "newest")));
    IngestReply reply = new IngestReply(7, true, List.of(), p);

    assertThat(roundTrip(c, ContainerInfo.class)).isEqualTo(c);
    assertThat(roundTrip(e, ContainerEvent.class)).isEqualTo(e);
    assertThat(roundTrip(reply, IngestReply.class)).isEqualTo(reply);
    assertThat(c.memPct())
        .isCloseTo(100.0 * 1024 / (64 << 20), org.assertj.core.api.Assertions.within(1e-12));
  }

  @Test
  void anOlderAgentsContainerWithoutTheNewFieldsReadsThemAsNull() {
    ContainerInfo c =
        JSONB.fromJson(
            "{\"id\":\"abc\",\"name\":\"db\",\"cpuPct\":1.5,\"memUsedBytes\":10}",
            ContainerInfo.class);

    assertThat(c).isEqualTo(ContainerInfo.basic("abc", "db", null, null, 1.5, 10L, null));
  }
}
