#!/usr/bin/env bash
# Ingest load benchmark (issue 5): AGENTS simulated agents (comma list = steps, default 1000) at
# 1 batch/s each for SECONDS_PER_STEP seconds (default 300), against one Payara Micro with MariaDB on this
# machine, all on loopback. Prints a Markdown table and leaves it in bench/load/last-run.md.
#
#   AGENTS=250,500,1000 SECONDS_PER_STEP=60 bench/load/run.sh
#
# MAINTENANCE_AGENTS=N adds two steps of N agents: one as it is, one while a rollup and purge of
# MAINTENANCE_ROWS (default 1,000,000) seeded old raw samples run, and their p99 ratio. The run
# ends with bytes on disk per stored value of each history table (information_schema).
# WARMUP_SECONDS (default 60): up to 1,000 agents push first, unreported, while the JIT compiles the monitor.
# CONTAINERS (default 5): containers in each batch, as the agent reports them.
# WAR, MICRO_JAR: what to run (default: monitor-micro/target); MICRO_OPTS: extra JVM options for
# Payara Micro (e.g. a flight recording); MICRO_ARGS: Payara Micro's own clustering arguments
# (default --nocluster: a one-member data grid; --nohazelcast: none at all).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PORT=${PORT:-29480}
cd "$ROOT"
# shellcheck source=bench/java-bench.sh
. "$ROOT/bench/java-bench.sh"
bench_build "$ROOT"
java -Xmx1g -Dcontainers="${CONTAINERS:-5}" -Dwarmup.seconds="${WARMUP_SECONDS:-60}" -Dmaintenance.agents="${MAINTENANCE_AGENTS:-0}" -Dmaintenance.rows="${MAINTENANCE_ROWS:-1000000}" -Dmicro.opts="${MICRO_OPTS:-}" -Dmicro.args="${MICRO_ARGS:---nocluster}" -Dagents="${AGENTS:-1000}" -Dseconds="${SECONDS_PER_STEP:-300}" \
  -cp "$BENCH_CP" bench/load/LoadGen.java \
  "${WAR:-monitor-micro/target/vigia-monitor.war}" "${MICRO_JAR:-monitor-micro/target/payara-micro.jar}" "$PORT" \
  bench/load/last-run.md
