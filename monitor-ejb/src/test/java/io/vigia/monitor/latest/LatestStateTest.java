package io.vigia.monitor.latest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigia.wire.Batch;
import io.vigia.wire.Cpu;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class LatestStateTest {

  /** A data grid in memory whose other members come and go as the test says. */
  static final class FakeGrid implements LatestState.Grid {
    final Map<Long, String> latest = new ConcurrentHashMap<>();
    final Map<Long, Boolean> pending = new ConcurrentHashMap<>();
    boolean shared;

    @Override
    public Map<Long, String> latest() {
      return latest;
    }

    @Override
    public Map<Long, Boolean> pending() {
      return pending;
    }

    @Override
    public void setLatest(long hostId, String json) {
      latest.put(hostId, json);
    }

    @Override
    public boolean shared() {
      return shared;
    }
  }

  static Batch batch(long seq, double cpu) {
    return Batch.ofHost(
        "agent-1", "web-1", seq, 1_000 * seq, "proc", new Cpu(cpu, 4, null), null, null);
  }

  @Test
  void aGridOfOneMemberIsNotUsed() {
    FakeGrid grid = new FakeGrid();
    LatestState state = new LatestState(grid);

    assertThat(state.putIfNewer(7, batch(1, 10))).isTrue();
    state.commandsStillPending(7);

    assertThat(state.get(7)).map(Batch::seq).contains(1L);
    assertThat(grid.latest).isEmpty();
    assertThat(grid.pending).isEmpty();
  }

  @Test
  void anOlderBatchIsNotKept() {
    LatestState state = new LatestState(null);
    state.putIfNewer(7, batch(5, 50));

    assertThat(state.putIfNewer(7, batch(4, 40))).isFalse();
    assertThat(state.get(7)).map(b -> b.cpu().pct()).contains(50.0);
  }

  @Test
  void withOtherMembersBatchesGoToTheGridAndTheNewerIsRead() {
    FakeGrid grid = new FakeGrid();
    grid.shared = true;
    LatestState state = new LatestState(grid);

    state.putIfNewer(7, batch(3, 30));
    assertThat(grid.latest).containsKey(7L);

    // another node stored a newer batch of the host (its pushes moved there)
    LatestState other = new LatestState(grid);
    other.putIfNewer(7, batch(4, 40));
    assertThat(state.get(7)).map(b -> b.cpu().pct()).contains(40.0);

    // and a host this node never saw is read from the grid
    other.putIfNewer(8, batch(1, 11));
    assertThat(state.get(8)).map(b -> b.cpu().pct()).contains(11.0);

    // an older copy in the grid does not hide this node's newer batch
    state.putIfNewer(9, batch(9, 90));
    grid.latest.put(9L, json(batch(2, 20)));
    assertThat(state.get(9)).map(b -> b.cpu().pct()).contains(90.0);
  }

  static String json(Batch b) {
    return jakarta.json.bind.JsonbBuilder.create().toJson(b);
  }

  @Test
  void commandMarksReachThePushWhicheverNodeItLandsOn() {
    FakeGrid grid = new FakeGrid();
    grid.shared = true;
    LatestState queuedHere = new LatestState(grid);
    LatestState pushedThere = new LatestState(grid);
    pushedThere.takeCommandsPending(7); // its first look (the database flag decides) is past

    queuedHere.commandsStillPending(7);

    assertThat(pushedThere.takeCommandsPending(7)).isTrue();
    assertThat(pushedThere.takeCommandsPending(7)).isFalse();
  }

  @Test
  void marksKeptAloneAreHandedToTheGridWhenOtherMembersJoin() {
    FakeGrid grid = new FakeGrid();
    LatestState first = new LatestState(grid);
    first.commandsStillPending(7); // alone: kept on this node only
    assertThat(grid.pending).isEmpty();

    grid.shared = true; // a second node joins
    LatestState second = new LatestState(grid);
    second.takeCommandsPending(7); // the second node's first look
    first.get(1); // the first node notices the other member at its next call

    assertThat(second.takeCommandsPending(7)).isTrue();
  }

  @Test
  void whenOtherMembersLeaveEveryHostLooksAtItsDatabaseFlagAgain() {
    FakeGrid grid = new FakeGrid();
    grid.shared = true;
    LatestState state = new LatestState(grid);
    assertThat(state.takeCommandsPending(7)).isTrue(); // first look
    assertThat(state.takeCommandsPending(7)).isFalse();

    grid.shared = false; // the other node left; marks it took may not have reached us

    assertThat(state.takeCommandsPending(7)).isTrue();
    assertThat(state.takeCommandsPending(7)).isFalse();
  }

  @Test
  void containersAreStoredOncePerIntervalPerHost() {
    LatestState state = new LatestState(null);
    long t0 = 1_800_000_000_000L;
    for (long host = 1; host <= 50; host++) {
      assertThat(state.containerSampleDue(host, t0, 10_000)).isTrue(); // a host's first batch
      int stored = 0;
      for (long ts = t0 + 1_000; ts <= t0 + 60_000; ts += 1_000) {
        stored += state.containerSampleDue(host, ts, 10_000) ? 1 : 0;
      }
      assertThat(stored).as("host %d, a minute of batches a second apart", host).isEqualTo(6);
    }
  }

  @Test
  void aThousandHostsDoNotAllComeDueInTheSameSecond() {
    LatestState state = new LatestState(null);
    long t0 = 1_800_000_000_000L; // a whole minute of the epoch
    for (long host = 1; host <= 1_000; host++) {
      state.snapshotDue(host, t0); // every host's first batch takes one
      state.containerSampleDue(host, t0, 10_000);
    }
    int[] snapshots = new int[121];
    int[] containers = new int[121];
    for (int second = 1; second <= 120; second++) {
      for (long host = 1; host <= 1_000; host++) {
        long ts = t0 + second * 1_000L;
        snapshots[second] += state.snapshotDue(host, ts) ? 1 : 0;
        containers[second] += state.containerSampleDue(host, ts, 10_000) ? 1 : 0;
      }
    }
    // one per host per slot: (t0, t0 + 120 s] holds two minutes and twelve 10-s slots of each host
    assertThat(java.util.Arrays.stream(snapshots).sum()).isEqualTo(2 * 1_000);
    assertThat(java.util.Arrays.stream(containers).sum()).isEqualTo(12 * 1_000);
    // evenly spread: about 1,000/60 snapshots and 1,000/10 container samples a second (slots
    // aligned to the epoch would put all 1,000 in the same second)
    assertThat(java.util.Arrays.stream(snapshots).max().getAsInt()).isLessThanOrEqualTo(40);
    assertThat(java.util.Arrays.stream(containers).max().getAsInt()).isLessThanOrEqualTo(150);
  }

  @Test
  void aBatchNotStoredGivesItsSlotsBackForItsResend() {
    LatestState state = new LatestState(null);
    long t0 = 1_800_000_000_000L;
    assertThat(state.snapshotDue(7, t0)).isTrue();
    assertThat(state.containerSampleDue(7, t0, 10_000)).isTrue();

    state.notStored(7, t0, true, true); // its group failed: the agent sends it again

    assertThat(state.snapshotDue(7, t0)).isTrue();
    assertThat(state.containerSampleDue(7, t0, 10_000)).isTrue();
    assertThat(state.snapshotDue(7, t0 + 1_000)).isFalse();
  }
}
