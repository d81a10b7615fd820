package io.vigia.bench;

import io.vigia.agent.source.HostSampler;
import io.vigia.agent.source.ProcRoot;
import io.vigia.wire.Batch;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One full {@link HostSampler#sample} on this real host, as the agent takes every second: /proc (or
 * the kernel module when loaded), every process, cgroups and Docker when present. Sample-time mode,
 * so the report gives the median (p0.50) the target is stated in.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx64m", "-XX:+UseSerialGC"})
public class HostSampleBenchmark {

  private HostSampler sampler;
  private long seq;

  @Setup(Level.Trial)
  public void setUp() {
    sampler = new HostSampler(ProcRoot.DEFAULT, Clock.systemUTC());
    sampler.sample("bench", "bench", seq++); // the first sample fills caches (users, cmdlines)
  }

  @Benchmark
  public Batch sample() {
    return sampler.sample("bench", "bench", seq++);
  }
}
