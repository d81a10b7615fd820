#!/usr/bin/env bash
# Steady-state cost of the agent at a 1 s interval, with the JVM flags of its systemd unit, side
# by side in the same run with peers that read the same kind of data every second:
#   - `top -b -d 1` (procps), writing to /dev/null;
#   - Debian's prometheus-node-exporter, scraped once a second by curl (installed if missing).
# CPU is the process's own utime+stime over the window (from /proc/PID/stat), as % of one core;
# RSS is the median of samples taken every 5 s. The agent pushes to a real monitor (Payara Micro
# started by ./vigia, whose own cost is not counted).
#
#   bench/agent-footprint.sh [WINDOW_SECONDS]     (default 120; 30 s warm-up before it)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WINDOW=${1:-120}
BASE=31000
WORK=$(mktemp -d /tmp/vigia-footprint.XXXXXX)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2> /dev/null || true; done
  "$ROOT/vigia" down --home "$WORK/home" > /dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

if ! command -v prometheus-node-exporter > /dev/null; then
  apt-get install -y -q --no-install-recommends prometheus-node-exporter > /dev/null
fi
# The package may start an exporter of its own on :9100; ours listens on :9911 and is the one
# measured, so that one is left alone (never stop processes by name).

"$ROOT/vigia" up --micro --no-agent --home "$WORK/home" --port-base $BASE > "$WORK/up.log"
. "$WORK/home/secrets.env"
SERVER=http://127.0.0.1:$((BASE + 80))/
JAR=$ROOT/agent-jar/target/vigia-agent.jar
# The JVM flags exactly as the systemd unit has them.
FLAGS=$(sed -n '/^ExecStart=/,/[^\\]$/p' "$ROOT/agent-jar/src/main/dist/vigia-agent.service" \
  | tr -d '\\\n' | sed 's/^ExecStart=[^ ]*java//; s/-jar .*//')
VIGIA_FLEET_KEY=$VIGIA_FLEET_KEY java -jar "$JAR" enroll --server=$SERVER --state.dir="$WORK/agent" > /dev/null 2>&1
# shellcheck disable=SC2086
java $FLAGS -jar "$JAR" --server=$SERVER --state.dir="$WORK/agent" > "$WORK/agent.log" 2>&1 &
PIDS+=($!); AGENT=$!
top -b -d 1 > /dev/null &
PIDS+=($!); TOP=$!
prometheus-node-exporter --web.listen-address=127.0.0.1:9911 > /dev/null 2>&1 &
PIDS+=($!); NODE=$!
( while sleep 1; do curl -s -o /dev/null http://127.0.0.1:9911/metrics; done ) &
PIDS+=($!)

sleep 30
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
declare -A t0 r
for p in $AGENT $TOP $NODE; do t0[$p]=$(ticks $p); r[$p]=""; done
start=$(date +%s.%N)
for _ in $(seq 1 $((WINDOW / 5))); do
  sleep 5
  for p in $AGENT $TOP $NODE; do r[$p]="${r[$p]} $(rss $p)"; done
done
end=$(date +%s.%N)
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
row() { # key name pid
  local cpu; cpu=$(echo "scale=3; ($(ticks $3) - ${t0[$3]}) * 100 / 100 / ($end - $start)" | bc)
  printf '| %s | %.2f %% | %d MiB |\n' "$2" "$cpu" "$(( $(echo "${r[$3]}" | median) / 1024 ))"
  echo "$1 $cpu" >> "$WORK/cpu"
}
echo "| process ($WINDOW s window, 1 s interval) | CPU (% of one core) | RSS (median) |"
echo "|---|---|---|"
row agent "vigia-agent (systemd flags)" $AGENT
row top "top -b -d 1" $TOP
row node "prometheus-node-exporter, scraped 1/s" $NODE
a=$(awk '$1 == "agent" {print $2}' "$WORK/cpu"); t=$(awk '$1 == "top" {print $2}' "$WORK/cpu")
n=$(awk '$1 == "node" {print $2}' "$WORK/cpu")
echo
echo "agent/top CPU ratio: $(echo "scale=2; $a / $t" | bc); agent/node-exporter CPU ratio: $(echo "scale=2; $a / $n" | bc)"
echo "processes on the host: $(ls -d /proc/[0-9]* | wc -l); agent threads: $(awk '/Threads/ {print $2}' /proc/$AGENT/status)"
