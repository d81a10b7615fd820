#!/usr/bin/env bash
# Restart reliability of ./vigia (issue 9): CYCLES times `./vigia down` then `./vigia up` on one
# home, each time until this host is listed online again. Every fifth cycle crashes the server
# instead (SIGKILL to the monitor, its agent left running) before `up`; every seventh cycle
# changes the EAR (a stamp file added to it), so `up` must redeploy. Counts the cycles
# that succeeded and prints the median and worst time from `up` to the host online, as Markdown.
#
#   bench/restart.sh [CYCLES] [--micro]       (default 20, Payara Server on H2)
#
# Uses --port-base 29500 (UI on 29580) and its own home, so it does not disturb a running ./vigia.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CYCLES=${1:-20}
RUNTIME=server
FLAG=()
if [ "${2:-}" = --micro ]; then RUNTIME=micro; FLAG=(--micro); fi
BASE=29500
PORT=$((BASE + 80))
WORK=$(mktemp -d /tmp/vigia-restart.XXXXXX)
HOME_DIR=$WORK/home
trap '"$ROOT/vigia" down --home "$HOME_DIR" > /dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
# shellcheck source=bench/vigia-bench.sh
. "$ROOT/bench/vigia-bench.sh"

JAVA_HOME=$("$ROOT/vigia" java-home)
export JAVA_HOME PATH=$JAVA_HOME/bin:$PATH
[ -f "$ROOT/monitor-ear/target/vigia-monitor.ear" ] || (cd "$ROOT" && mvn -B -q package -DskipTests)

# The first, cold start is not counted: it unpacks Payara and creates the domain.
"$ROOT/vigia" up "${FLAG[@]}" --home "$HOME_DIR" --port-base $BASE > "$WORK/up-0.log" 2>&1
wait_host_online "$HOME_DIR" $PORT 120

ok=0
: > "$WORK/times"
for i in $(seq 1 "$CYCLES"); do
  how=down
  if [ $((i % 5)) = 0 ]; then
    how=crash
    kill -9 "$(server_pid "$HOME_DIR" $RUNTIME)"
  else
    "$ROOT/vigia" down --home "$HOME_DIR" > "$WORK/down-$i.log" 2>&1
  fi
  if [ $((i % 7)) = 0 ] && [ $RUNTIME = server ]; then
    how="$how, new EAR"
    mkdir -p "$WORK/stamp/META-INF"
    date +%s%N > "$WORK/stamp/META-INF/bench-restart-stamp.txt"
    jar uf "$ROOT/monitor-ear/target/vigia-monitor.ear" -C "$WORK/stamp" META-INF/bench-restart-stamp.txt
  fi
  t0=$(date +%s.%N)
  if "$ROOT/vigia" up "${FLAG[@]}" --home "$HOME_DIR" --port-base $BASE > "$WORK/up-$i.log" 2>&1 \
      && wait_host_online "$HOME_DIR" $PORT 120; then
    t=$(echo "$(date +%s.%N) - $t0" | bc)
    echo "$t" >> "$WORK/times"
    ok=$((ok + 1))
    printf 'cycle %2d (%s): host online after %.1f s\n' "$i" "$how" "$t" >&2
  else
    printf 'cycle %2d (%s): FAILED\n' "$i" "$how" >&2
    tail -n 30 "$WORK/up-$i.log" >&2
    "$ROOT/vigia" down --home "$HOME_DIR" > /dev/null 2>&1 || true
  fi
done

echo "| runtime | cycles | succeeded | median s to host online | worst s |"
echo "|---|---|---|---|---|"
printf '| %s | %s | %s | %.1f | %.1f |\n' "$RUNTIME" "$CYCLES" "$ok" \
  "$(median < "$WORK/times")" "$(sort -n "$WORK/times" | tail -1)"
