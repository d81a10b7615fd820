#!/usr/bin/env bash
# The agent's cost with 50 running containers against none, and its container figures beside
# `docker stats --no-stream` for the same containers in the same run (issue 12).
#
# Starts its own dockerd on a private socket (the flags of DESIGN.md; stopped by PID), imports a
# busybox-static rootfs as the image (nothing pulled), and a small stand-in for the monitor's
# ingest endpoint (python3: answers every push, keeps the last batch), so that only the agent is
# measured. Each phase runs a fresh agent with the JVM flags of its systemd unit at a 1 s
# interval; CPU is the agent's utime+stime over the window as % of one core, RSS the median of
# samples every 5 s, after a warm-up.
#
#   bench/agent-containers.sh [WINDOW_SECONDS] [CONTAINERS] [RUNS]   (defaults 60, 50, 3; root)
#
# RUNS alternating pairs (none, then CONTAINERS), so that what other work on the machine does to
# one phase is likely to touch the other too; medians and their ratio at the end, then the CPU of
# each phase by thread.
#   AGENT_JAVA_OPTS='-XX:StartFlightRecording=...' adds JVM options to both agents (profiling).
#   AGENT_JAR=FILE measures another build of the agent (default: agent-jar/target/vigia-agent.jar).
#   PERF_DIR=DIR records each window with `perf record` (user and kernel) into DIR; with
#   AGENT_JAVA_OPTS='-XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit' perf report names the
#   Java methods too (/tmp/perf-PID.map); each phase's last batch is kept there too.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WINDOW=${1:-60}
COUNT=${2:-50}
RUNS=${3:-3}
WARMUP=30
WORK=$(mktemp -d /tmp/vigia-containers.XXXXXX)
export DOCKER_HOST=unix://$WORK/docker.sock
PIDS=()
DOCKERD=
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2> /dev/null || true; done
  if [ -n "$DOCKERD" ]; then
    docker ps -aq | xargs -r docker rm -f > /dev/null 2>&1 || true
    kill "$DOCKERD" 2> /dev/null || true
    for _ in $(seq 1 300); do kill -0 "$DOCKERD" 2> /dev/null || break; sleep 0.1; done
  fi
  umount "$WORK"/exec/*/* 2> /dev/null || true
  rm -rf "$WORK" 2> /dev/null || true
}
trap cleanup EXIT

JAR=${AGENT_JAR:-$ROOT/agent-jar/target/vigia-agent.jar}
[ -f "$JAR" ] || { echo "build the agent first: mvn -B package -DskipTests -pl agent-jar -am" >&2; exit 1; }
if ! command -v dockerd > /dev/null || [ ! -x /bin/busybox ]; then
  apt-get install -y -q --no-install-recommends docker.io busybox-static > /dev/null
fi

dockerd -H "$DOCKER_HOST" --data-root "$WORK/data" --exec-root "$WORK/exec" \
  --pidfile "$WORK/dockerd.pid" --iptables=false --ip-masq=false --bridge=none \
  --exec-opt native.cgroupdriver=cgroupfs > "$WORK/dockerd.log" 2>&1 &
DOCKERD=$!
for _ in $(seq 1 600); do docker version > /dev/null 2>&1 && break; sleep 0.1; done
mkdir -p "$WORK/rootfs/bin"
cp /bin/busybox "$WORK/rootfs/bin/"
for a in sh sleep; do ln -s busybox "$WORK/rootfs/bin/$a"; done
tar -C "$WORK/rootfs" -c . | docker import - vigia/busybox:bench > /dev/null

# The stand-in monitor: 200 to every push, the last batch kept in last.json.
cat > "$WORK/monitor.py" << 'EOF'
import gzip, http.server, json, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.headers.get("Content-Encoding", "") == "gzip":
            body = gzip.decompress(body)
        batch = json.loads(body)
        with open(sys.argv[2], "wb") as f:
            f.write(body)
        out = json.dumps({"seq": batch["seq"], "stored": True, "commands": []}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)
    def log_message(self, *args):
        pass
s = http.server.HTTPServer(("127.0.0.1", 0), H)
open(sys.argv[1], "w").write(str(s.server_address[1]))
s.serve_forever()
EOF
python3 "$WORK/monitor.py" "$WORK/port" "$WORK/last.json" &
PIDS+=("$!")
for _ in $(seq 1 100); do [ -s "$WORK/port" ] && break; sleep 0.1; done
SERVER=http://127.0.0.1:$(cat "$WORK/port")/
mkdir -p "$WORK/state"
echo bench-token > "$WORK/state/token"
chmod 600 "$WORK/state/token"
FLAGS=$(sed -n '/^ExecStart=/,/[^\\]$/p' "$ROOT/agent-jar/src/main/dist/vigia-agent.service" \
  | tr -d '\\\n' | sed 's/^ExecStart=[^ ]*java//; s/-jar .*//')

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# Every thread's name and CPU ticks (utime + stime); names hold blanks, so fields count from ") ".
thread_ticks() {
  for t in /proc/"$1"/task/*; do
    printf '%s\t%s\n' "$(cat "$t/comm" 2> /dev/null)" "$(sed 's/.*) //' "$t/stat" 2> /dev/null | awk '{print $12 + $13}')"
  done
}

# measure LABEL: a fresh agent, warm-up, then CPU and RSS over the window; prints a table row and
# appends "LABEL cpu user% system% rss" to $WORK/cpu, the CPU by thread to $WORK/threads.
measure() {
  # shellcheck disable=SC2086
  java $FLAGS ${AGENT_JAVA_OPTS:-} -jar "$JAR" --server="$SERVER" --state.dir="$WORK/state" --host=bench \
    > "$WORK/agent-$1.log" 2>&1 &
  local agent=$! samples="" t0 u0 s0 start cpu threads elapsed
  PIDS+=("$agent")
  sleep $WARMUP
  t0=$(ticks $agent); u0=$(awk '{print $14}' /proc/$agent/stat); s0=$(awk '{print $15}' /proc/$agent/stat)
  thread_ticks $agent > "$WORK/threads0"
  if [ -n "${PERF_DIR:-}" ]; then
    perf record -F 499 -p $agent -o "$PERF_DIR/perf-${1// /-}-$agent.data" -- sleep "$WINDOW" > /dev/null 2>&1 &
  fi
  start=$(date +%s.%N)
  for _ in $(seq 1 $((WINDOW / 5))); do sleep 5; samples="$samples $(rss $agent)"; done
  elapsed=$(echo "$(date +%s.%N) - $start" | bc)
  cpu=$(echo "scale=3; ($(ticks $agent) - $t0) / $elapsed" | bc)
  thread_ticks $agent > "$WORK/threads1"
  local user sys
  user=$(echo "scale=3; ($(awk '{print $14}' /proc/$agent/stat) - $u0) / $elapsed" | bc)
  sys=$(echo "scale=3; ($(awk '{print $15}' /proc/$agent/stat) - $s0) / $elapsed" | bc)
  threads=$(awk '/Threads/ {print $2}' /proc/$agent/status)
  local mib=$(( $(echo "$samples" | median) / 1024 ))
  printf '| %s | %.2f %% | %.2f %% | %.2f %% | %d MiB | %s |\n' "$1" "$cpu" "$user" "$sys" "$mib" "$threads"
  echo "$1 $cpu $mib" >> "$WORK/cpu"
  python3 - "$WORK/threads0" "$WORK/threads1" "$1" "$elapsed" >> "$WORK/threads" << 'PY'
import collections, re, sys
def load(f):
    return dict(tuple(l.rstrip("\n").rsplit("\t", 1)) for l in open(f) if "\t" in l)
# threads keep their names; pools (HttpClient-1-Worker-3) are summed under one name
before, after = load(sys.argv[1]), load(sys.argv[2])
by = collections.Counter()
for name, t in after.items():
    by[re.sub(r"-?\d+$", "", name)] += int(t or 0) - int(before.get(name, 0) or 0)
secs = float(sys.argv[4])
print(sys.argv[3] + ": " + ", ".join(f"{n} {v / secs:.2f} %" for n, v in by.most_common() if v > 0))
PY
  kill $agent; wait $agent 2> /dev/null || true
  if [ -n "${PERF_DIR:-}" ]; then cp "$WORK/last.json" "$PERF_DIR/batch-${1// /-}.json"; fi
}

echo "uptime before: $(uptime)"
echo
echo "| agent ($WINDOW s window after $WARMUP s, 1 s interval, systemd flags) | CPU (% of one core) | user | system | RSS (median) | threads |"
echo "|---|---|---|---|---|---|"
for run in $(seq 1 "$RUNS"); do
  measure "no containers"
  for i in $(seq 1 "$COUNT"); do
    docker run -d --init --name "bench-$i" --label vigia.bench=1 vigia/busybox:bench sleep 3600 > /dev/null
  done
  measure "$COUNT running containers"
  if [ "$run" -lt "$RUNS" ]; then
    docker ps -aq | xargs -r docker rm -f > /dev/null
  fi
done
echo
python3 - "$WORK/cpu" "$COUNT" << 'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
none = [float(r[2]) for r in rows if r[0] == "no"]
many = [float(r[3]) for r in rows if r[0] != "no"]
rss_none = [int(r[3]) for r in rows if r[0] == "no"]
rss_many = [int(r[4]) for r in rows if r[0] != "no"]
pairs = ", ".join(f"{m / n:.2f}" for n, m in zip(none, many))
print(f"median CPU: {statistics.median(none):.2f} % without, {statistics.median(many):.2f} % with "
      f"{sys.argv[2]} containers -> ratio of medians {statistics.median(many) / statistics.median(none):.2f}"
      f" (per run: {pairs}); median RSS {statistics.median(rss_none)} -> {statistics.median(rss_many)} MiB")
PY
echo "uptime after: $(uptime)"
echo
echo "CPU by thread (% of one core over the window):"
cat "$WORK/threads"

# Beside docker stats: the same containers, the agent's last batch against one docker stats call.
echo
start=$(date +%s.%N); d0=$(ticks "$DOCKERD")
docker stats --no-stream --format '{{.ID}} {{.CPUPerc}} {{.MemUsage}}' > "$WORK/stats.txt"
echo "docker stats --no-stream for $COUNT containers: $(echo "$(date +%s.%N) - $start" | bc | cut -c1-5) s wall, dockerd CPU $(( ($(ticks "$DOCKERD") - d0) * 10 )) ms"
python3 - "$WORK/last.json" "$WORK/stats.txt" << 'EOF'
import json, re, sys
batch = json.load(open(sys.argv[1]))
agent = {c["id"][:12]: c for c in batch.get("containers") or []}
units = {"B": 1, "KiB": 1024, "MiB": 1024**2, "GiB": 1024**3}
def size(s):
    m = re.match(r"([\d.]+)([A-Za-z]+)", s)
    return float(m.group(1)) * units[m.group(2)]
rows, worst = 0, 0.0
for line in open(sys.argv[2]):
    cid, cpu, used, _, limit = line.split()
    a = agent.get(cid)
    if a is None:
        continue
    rows += 1
    worst = max(worst, abs(a["memUsedBytes"] - size(used)))
print(f"containers in both: {rows}; largest memory difference agent vs docker stats:"
      f" {worst / 1024:.0f} KiB (the two read at different moments)")
EOF
