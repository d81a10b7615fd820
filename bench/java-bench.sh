# shellcheck shell=bash
# Sourced by the Java benchmarks (bench/load, bench/series): builds what they need from a fresh
# clone — the monitor's WAR, Payara Micro beside it, and the test-support module with its parents
# in the local Maven repository (the bench programs run outside the reactor) — and sets BENCH_CP to
# the classpath they run with.
bench_build() {
  local root=$1
  # the monitor builds and runs on the JDK 21+ that ./vigia finds
  JAVA_HOME=$("$root/vigia" java-home)
  export JAVA_HOME PATH=$JAVA_HOME/bin:$PATH
  (cd "$root" && mvn -B -q install -DskipTests -pl wire,test-support -am)
  if [ ! -f "$root/monitor-micro/target/vigia-monitor.war" ] || [ ! -f "$root/monitor-micro/target/payara-micro.jar" ]; then
    (cd "$root" && mvn -B -q package -DskipTests -pl monitor-micro -am && mvn -B -q dependency:copy@payara-micro -pl monitor-micro)
  fi
  local cp
  cp=$(mktemp)
  (cd "$root" && mvn -B -q dependency:build-classpath -pl test-support -Dmdep.outputFile="$cp" -Dmdep.includeScope=runtime)
  BENCH_CP="$root/test-support/target/classes:$(cat "$cp")"
  export BENCH_CP
  rm -f "$cp"
}
