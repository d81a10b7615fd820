#!/usr/bin/env bash
# Time from `./vigia up` to this host being visible online in GET /api/v1/hosts, and the monitor's
# RSS right after, for Payara Server (EAR) and Payara Micro (WAR), on the embedded H2 database.
#
#   bench/startup.sh [RUNS]        (default 3 runs per runtime and start kind)
#
# "cold" = a new home each time (unzip Payara, create the domain, new database);
# "warm" = `./vigia down` then `./vigia up` again on the same home. Prints a Markdown table of
# medians. Uses --port-base 29000 (UI on 29080) so it does not disturb a running ./vigia.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${1:-3}
BASE=29000
PORT=$((BASE + 80))
WORK=$(mktemp -d /tmp/vigia-bench.XXXXXX)
trap '"$ROOT/vigia" down --home "$WORK/home" > /dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

host=$(hostname)
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

server_pid() { # home runtime
  if [ "$2" = micro ]; then cat "$1/micro.pid"; else cat "$1/payara6/glassfish/domains/vigia/config/pid"; fi
}

one_run() { # runtime kind -> "seconds rss_mib"
  local runtime=$1 kind=$2 home=$WORK/home flag=""
  [ "$runtime" = micro ] && flag=--micro
  "$ROOT/vigia" down --home "$home" > /dev/null 2>&1 || true
  [ "$kind" = cold ] && rm -rf "$home"
  local t0; t0=$(date +%s.%N)
  "$ROOT/vigia" up $flag --home "$home" --port-base $BASE > "$WORK/up.log" 2>&1 &
  local up=$!
  local deadline=$((SECONDS + 300))
  until [ -f "$home/secrets.env" ] && curl -fsS -u "admin:$(sed -n 's/^VIGIA_ADMIN_INITIAL_PASSWORD=//p' "$home/secrets.env")" \
      "http://127.0.0.1:$PORT/api/v1/hosts" 2>/dev/null \
      | grep -q "\"name\":\"$host\",\"online\":true"; do
    [ $SECONDS -lt $deadline ] || { cat "$WORK/up.log" >&2; echo "timeout" >&2; exit 1; }
    sleep 0.2
  done
  local t1; t1=$(date +%s.%N)
  wait $up
  sleep 5 # let the JIT and pools settle a moment
  local rss; rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$(server_pid "$home" "$runtime")/status")
  echo "$(echo "$t1 - $t0" | bc) $rss"
}

echo "| runtime | start | runs | median s to host visible | median RSS MiB after start |"
echo "|---|---|---|---|---|"
for runtime in server micro; do
  for kind in cold warm; do
    : > "$WORK/r"
    for _ in $(seq 1 "$RUNS"); do one_run "$runtime" "$kind" >> "$WORK/r"; done
    s=$(cut -d' ' -f1 "$WORK/r" | median)
    m=$(cut -d' ' -f2 "$WORK/r" | median)
    printf '| %s | %s | %s | %.1f | %s |\n' "$runtime" "$kind" "$RUNS" "$s" "$m"
  done
done
