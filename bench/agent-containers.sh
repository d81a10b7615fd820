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
#   bench/agent-containers.sh [WINDOW_SECONDS] [CONTAINERS]   (defaults 60 and 50; root)
#   AGENT_JAVA_OPTS='-XX:StartFlightRecording=...' adds JVM options to both agents (profiling).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WINDOW=${1:-60}
COUNT=${2:-50}
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

JAR=$ROOT/agent-jar/target/vigia-agent.jar
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

# measure LABEL: a fresh agent, warm-up, then CPU and RSS over the window; prints a table row.
measure() {
  # shellcheck disable=SC2086
  java $FLAGS ${AGENT_JAVA_OPTS:-} -jar "$JAR" --server="$SERVER" --state.dir="$WORK/state" --host=bench \
    > "$WORK/agent-$1.log" 2>&1 &
  local agent=$! samples="" t0 start cpu threads
  PIDS+=("$agent")
  sleep $WARMUP
  t0=$(ticks $agent); start=$(date +%s.%N)
  for _ in $(seq 1 $((WINDOW / 5))); do sleep 5; samples="$samples $(rss $agent)"; done
  cpu=$(echo "scale=3; ($(ticks $agent) - $t0) * 100 / 100 / ($(date +%s.%N) - $start)" | bc)
  threads=$(awk '/Threads/ {print $2}' /proc/$agent/status)
  printf '| %s | %.2f %% | %d MiB | %s |\n' "$1" "$cpu" "$(( $(echo "$samples" | median) / 1024 ))" "$threads"
  echo "$cpu" >> "$WORK/cpu"
  kill $agent; wait $agent 2> /dev/null || true
}

echo "uptime before: $(uptime)"
echo
echo "| agent ($WINDOW s window after $WARMUP s, 1 s interval, systemd flags) | CPU (% of one core) | RSS (median) | threads |"
echo "|---|---|---|---|"
measure "no containers"
for i in $(seq 1 "$COUNT"); do
  docker run -d --init --name "bench-$i" --label vigia.bench=1 vigia/busybox:bench sleep 3600 > /dev/null
done
measure "$COUNT running containers"
none=$(sed -n 1p "$WORK/cpu"); many=$(sed -n 2p "$WORK/cpu")
echo
echo "CPU with $COUNT containers / without: $(echo "scale=2; $many / $none" | bc)"
echo "uptime after: $(uptime)"

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
