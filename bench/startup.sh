#!/usr/bin/env bash
# Time from `./vigia up` to this host being visible online in GET /api/v1/hosts, and the monitor's
# RSS right after, for Payara Server (EAR) and Payara Micro (WAR), on the embedded H2 database.
#
#   bench/startup.sh [RUNS]        (default 3 runs per runtime and start kind)
#   COMPARE=/path/to/other/checkout bench/startup.sh [RUNS]
#   ONLY="server:warm micro:cold" bench/startup.sh [RUNS]     (a subset of runtime:kind)
#
# "cold" = a new home each time (unzip Payara, create the domain, new database);
# "warm" = `./vigia down` then `./vigia up` again on the same home. Prints a Markdown table of
# medians. With COMPARE, every run is made by this checkout's ./vigia and then by the other's
# (e.g. one still on Payara 6), in turn, so both see the same machine; each ./vigia picks its own
# JDK. Uses --port-base 29000 (UI on 29080; PORT_BASE to move it) so it does not disturb a
# running ./vigia.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${1:-3}
BASE=${PORT_BASE:-29000}
PORT=$((BASE + 80))
WORK=$(mktemp -d /tmp/vigia-bench.XXXXXX)
CHECKOUTS=("$ROOT")
[ -n "${COMPARE:-}" ] && CHECKOUTS+=("$(cd "$COMPARE" && pwd)")
cleanup() {
  local i
  for i in "${!CHECKOUTS[@]}"; do
    "${CHECKOUTS[$i]}/vigia" down --home "$WORK/home$i" > /dev/null 2>&1 || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

# shellcheck source=bench/vigia-bench.sh
. "$ROOT/bench/vigia-bench.sh"

# What a checkout runs: "Payara 7.2025.1, Java 25".
describe() { # checkout
  local payara java
  payara=$(sed -n 's/^PAYARA_VERSION=//p' "$1/vigia")
  if grep -q '^  java-home)' "$1/vigia"; then java=$("$1/vigia" java-home); else java=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")"); fi
  echo "Payara $payara, Java $(sed -n 's/^JAVA_VERSION="\([^"]*\)"/\1/p' "$java/release")"
}

one_run() { # checkout home runtime kind -> "seconds rss_mib"
  local vigia=$1/vigia home=$2 runtime=$3 kind=$4 flag=""
  [ "$runtime" = micro ] && flag=--micro
  "$vigia" down --home "$home" > /dev/null 2>&1 || true
  [ "$kind" = cold ] && rm -rf "$home"
  local t0; t0=$(date +%s.%N)
  "$vigia" up $flag --home "$home" --port-base "$BASE" > "$WORK/up.log" 2>&1 &
  local up=$!
  if ! wait_host_online "$home" $PORT 300 $up; then
    # A failed `up` is counted (its output kept on stderr), not fatal to the whole comparison.
    kill $up 2> /dev/null || true
    wait $up 2> /dev/null || true
    cat "$WORK/up.log" >&2
    "$vigia" down --home "$home" > /dev/null 2>&1 || true
    echo "fail"
    return
  fi
  local t1; t1=$(date +%s.%N)
  wait $up
  sleep 5 # let the JIT and pools settle a moment
  local rss; rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$(server_pid "$home" "$runtime")/status")
  # Stopped at once, so the next checkout's run has the machine (and the ports) to itself.
  "$vigia" down --home "$home" > /dev/null 2>&1 || true
  echo "$(echo "$t1 - $t0" | bc) $rss"
}

echo "| runtime | start | platform | runs | failed | median s to host visible | median RSS MiB after start |"
echo "|---|---|---|---|---|---|---|"
for runtime in server micro; do
  for kind in cold warm; do
    [ -z "${ONLY:-}" ] || [[ " $ONLY " == *" $runtime:$kind "* ]] || continue
    for i in "${!CHECKOUTS[@]}"; do
      : > "$WORK/r$i"
      # a warm start needs a home that has started once (when cold was not run just before)
      [ "$kind" = cold ] || [ -d "$WORK/home$i" ] || one_run "${CHECKOUTS[$i]}" "$WORK/home$i" "$runtime" cold > /dev/null
    done
    for _ in $(seq 1 "$RUNS"); do
      for i in "${!CHECKOUTS[@]}"; do
        one_run "${CHECKOUTS[$i]}" "$WORK/home$i" "$runtime" "$kind" >> "$WORK/r$i"
      done
    done
    for i in "${!CHECKOUTS[@]}"; do
      s=$(grep -v fail "$WORK/r$i" | cut -d' ' -f1 | median)
      m=$(grep -v fail "$WORK/r$i" | cut -d' ' -f2 | median)
      failed=$(grep -c fail "$WORK/r$i" || true)
      printf '| %s | %s | %s | %s | %s | %.1f | %s |\n' "$runtime" "$kind" "$(describe "${CHECKOUTS[$i]}")" \
        "$RUNS" "$failed" "${s:-0}" "${m:--}"
    done
  done
done
