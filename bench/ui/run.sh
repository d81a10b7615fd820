#!/usr/bin/env bash
# The browser benchmarks of issue 11, from a fresh clone after the README's build: starts its own
# monitor (`./vigia up --micro` in a temporary home, ports PORT_BASE+80; the real agent of this
# host where the benchmark needs one), runs one of the programs in this folder against it in
# Debian's headless Chromium, and stops that monitor again.
#
#   bench/ui/run.sh fleet [HOSTS [SECONDS]]            # FleetPage.java: 500 synthetic hosts, 30 s
#   bench/ui/run.sh host [SECONDS]                     # HostPage.java: this host's real agent, 150 s
#   bench/ui/run.sh host-synthetic [PROCESSES [SECONDS]]  # HostPage.java: 2,000 processes, 120 s
#   bench/ui/run.sh push-cost [TABS [SECONDS [--push-only]]]  # PushCost.java: 50 windows, 60 s
#
# Needs Debian's chromium and chromium-driver. PORT_BASE (default 26000) moves the monitor's ports.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
what=${1:?usage: bench/ui/run.sh fleet|host|host-synthetic|push-cost [args]}
shift
# shellcheck source=bench/java-bench.sh
. "$ROOT/bench/java-bench.sh"
bench_build "$ROOT"

home=$(mktemp -d /tmp/vigia-bench-ui.XXXXXX)
port_base=${PORT_BASE:-26000}
base=http://127.0.0.1:$((port_base + 80))
agent=--no-agent
case $what in host | push-cost) agent= ;; esac
trap './vigia down --home "$home" > /dev/null 2>&1 || true; rm -rf "$home"' EXIT
# shellcheck disable=SC2086 # $agent is one flag or none
./vigia up --micro --home "$home" --port-base "$port_base" $agent > "$home/up.log" 2>&1 \
  || { cat "$home/up.log"; exit 1; }
run() { java -cp "$BENCH_CP" "bench/ui/$1.java" "$base" "$home/secrets.env" "${@:2}"; }

case $what in
  fleet) run FleetPage "${1:-500}" "${2:-30}" ;;
  host) run HostPage "$(hostname)" "${1:-150}" ;;
  host-synthetic) run HostPage synth-"${1:-2000}" "${2:-120}" --synthetic "${1:-2000}" ;;
  push-cost) run PushCost "$(hostname)" "$(cut -d' ' -f1 "$home/micro.pid")" "${1:-50}" "${2:-60}" ${3:+"$3"} ;;
  *) echo "unknown benchmark: $what" >&2; exit 2 ;;
esac
