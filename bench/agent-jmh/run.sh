#!/usr/bin/env bash
# Benchmarks one full HostSampler.sample on this host with at least 500 processes.
# Usage: bench/agent-jmh/run.sh [extra JMH args]   (from anywhere; writes jmh-result.json here)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

(cd "$root" && mvn -B -q -pl wire,agent-jar -am install -DskipTests)
(cd "$here" && mvn -B -q package)

# Top the host up to 520 processes with sleepers, killed by their own PIDs on exit.
sleepers=()
cleanup() { if ((${#sleepers[@]})); then kill "${sleepers[@]}" 2>/dev/null || true; fi; }
trap cleanup EXIT
have=$(find /proc -maxdepth 1 -regex '/proc/[0-9]+' | wc -l)
for ((i = have; i < 520; i++)); do
  sleep 600 &
  sleepers+=("$!")
done
echo "processes on the host: $(find /proc -maxdepth 1 -regex '/proc/[0-9]+' | wc -l)"

java -jar "$here/target/benchmarks.jar" -rf json -rff "$here/jmh-result.json" "$@"
