#!/bin/bash
# Builds the three Dockerfiles on this machine, where no registry can be reached, and runs the
# agent image against this host. Part of ./vigia test (about 30 s once docker.io is installed);
# by hand, as root, after `mvn package`:  docker/test/images.sh
#
# Starts Debian's dockerd on a private socket and data root under /tmp (stopped by PID at the
# end), makes stand-ins for the official base images with `docker import` (payara/server-full and
# payara/micro: an empty busybox root with the user payara and the image's SCRIPT_DIR, DEPLOY_DIR
# and POSTBOOT_COMMANDS;
# eclipse-temurin: this machine's own JRE and the libraries it links), builds the images with
# docker/build-images.sh --no-build, then checks: files and user in the monitor images, the
# HEALTHCHECK set, and the agent image sampling this host through its read-only mounts with
# pid: host (its process count matches the host's) and the kill rights docker/README.md states.
# Prints "N passed, M failed" last.
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
WORK=$(mktemp -d /tmp/vigia-images.XXXXXX)
export DOCKER_HOST=unix://$WORK/docker.sock DOCKER_BUILDKIT=0
PAYARA_VERSION=$(sed -n 's|.*<payara.version>\(.*\)</payara.version>.*|\1|p' "$REPO/pom.xml" | head -n 1)
case "$PAYARA_VERSION" in 6.*) PAYARA_JDK=jdk17 ;; *) PAYARA_JDK=jdk21 ;; esac
PASSED=0
FAILED=0
DOCKERD=""

check() { # description, command...
  local what=$1; shift
  if "$@" > "$WORK/check.log" 2>&1; then
    PASSED=$((PASSED + 1)); echo "ok - $what"
  else
    FAILED=$((FAILED + 1)); echo "not ok - $what"; sed 's/^/    /' "$WORK/check.log" | tail -15
  fi
}
cleanup() {
  [ -n "$VICTIM" ] && kill "$VICTIM" 2> /dev/null
  if [ -n "$DOCKERD" ]; then
    kill "$DOCKERD" 2> /dev/null
    for _ in $(seq 30); do kill -0 "$DOCKERD" 2> /dev/null || break; sleep 1; done
  fi
  # dockerd can leave its network namespace mounted.
  grep -o " $WORK/[^ ]*" /proc/mounts | sort -r | while read -r mount; do umount "$mount"; done
  rm -rf "$WORK"
}
VICTIM=""
trap cleanup EXIT

for p in docker.io busybox-static; do
  dpkg -s "$p" > /dev/null 2>&1 || {
    apt-get update -q > /dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=600 --no-install-recommends "$p" > /dev/null
  }
done
/usr/sbin/dockerd --host "$DOCKER_HOST" --data-root "$WORK/data" --exec-root "$WORK/exec" \
  --pidfile "$WORK/dockerd.pid" --iptables=false --ip-masq=false --bridge=none \
  --exec-opt native.cgroupdriver=cgroupfs > "$WORK/dockerd.log" 2>&1 &
DOCKERD=$!
for _ in $(seq 30); do /usr/bin/docker version > /dev/null 2>&1 && break; sleep 1; done
docker() { /usr/bin/docker "$@"; }

# Stand-in bases.
PAYARA_ROOT=$WORK/rootfs-payara
mkdir -p "$PAYARA_ROOT"/{bin,etc,tmp} "$PAYARA_ROOT"/opt/payara/{scripts,deployments,config}
cp /bin/busybox "$PAYARA_ROOT/bin/"
# head, base64, tr: what the Micro node's entrypoint uses (payara/micro-entrypoint.sh); chmod: its test
for a in sh ls id head base64 tr chmod; do ln -s busybox "$PAYARA_ROOT/bin/$a"; done
printf 'root:x:0:0::/root:/bin/sh\npayara:x:1000:1000::/opt/payara:/bin/sh\n' > "$PAYARA_ROOT/etc/passwd"
printf 'root:x:0:\npayara:x:1000:\n' > "$PAYARA_ROOT/etc/group"
chown -R 1000:1000 "$PAYARA_ROOT/opt/payara"
tar -C "$PAYARA_ROOT" -c . | docker import --change 'ENV SCRIPT_DIR=/opt/payara/scripts' \
  --change 'ENV DEPLOY_DIR=/opt/payara/deployments' \
  --change 'ENV POSTBOOT_COMMANDS=/opt/payara/config/post-boot-commands.asadmin' --change 'USER payara' - \
  "payara/server-full:$PAYARA_VERSION-$PAYARA_JDK" > /dev/null
docker tag "payara/server-full:$PAYARA_VERSION-$PAYARA_JDK" "payara/micro:$PAYARA_VERSION-$PAYARA_JDK"

JRE_ROOT=$WORK/rootfs-jre
JAVA_DIR=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
mkdir -p "$JRE_ROOT"/{bin,etc,tmp,opt/java,lib64}
cp /bin/busybox "$JRE_ROOT/bin/"
for a in sh ls kill; do ln -s busybox "$JRE_ROOT/bin/$a"; done
printf 'root:x:0:0::/root:/bin/sh\n' > "$JRE_ROOT/etc/passwd"
cp -aL "$JAVA_DIR" "$JRE_ROOT/opt/java/openjdk" 2> /dev/null
rm -rf "$JRE_ROOT"/opt/java/openjdk/{jmods,include,man,demo,src.zip}
find "$JRE_ROOT/opt/java/openjdk" \( -name '*.so' -o -path '*/bin/java' \) -type f -exec ldd {} \; 2> /dev/null |
  awk '/=>/ && $3 ~ /^\// {print $3}' | sort -u | while read -r lib; do
  mkdir -p "$JRE_ROOT$(dirname "$lib")" && cp -L "$lib" "$JRE_ROOT$lib"
done
cp -L /lib64/ld-linux-x86-64.so.2 "$JRE_ROOT/lib64/"
tar -C "$JRE_ROOT" -c . | docker import --change 'ENV PATH=/opt/java/openjdk/bin:/bin' - \
  eclipse-temurin:17-jre-alpine > /dev/null

check "docker/build-images.sh builds the three images" "$REPO/docker/build-images.sh" --no-build --version 0.0.0-test

in_image() { docker run --rm --network none --entrypoint sh "$@"; }
monitor_layout() {
  in_image vigia/monitor:0.0.0-test -c 'id -u; ls -n /opt/payara/scripts /opt/payara/deployments /opt/payara/config' |
    tee /dev/stderr | grep -c ' 1000 *1000 ' | grep -qx 4
}
check "monitor: runs as payara (1000); EAR, init scripts, post-boot commands owned by it" monitor_layout
check "monitor-micro: WAR deployed as ROOT.war" sh -c 'docker run --rm --network none --entrypoint sh vigia/monitor-micro:0.0.0-test -c "ls /opt/payara/deployments" | grep -qx ROOT.war'
micro_cluster_name() { # the node's entrypoint hands VIGIA_CLUSTER_NAME to Payara Micro, or a name of its own
  # A stub in place of the official image's entrypoint prints what Payara Micro would get.
  # shellcheck disable=SC2016 # expanded by the container's shell
  in_image vigia/monitor-micro:0.0.0-test -c 'printf "#!/bin/sh\necho \"name=\$payaramicro_clusterName args=\$*\"\n" > /opt/payara/entrypoint.sh &&
    chmod +x /opt/payara/entrypoint.sh && VIGIA_CLUSTER_NAME=vigia-prod /opt/payara/vigia-entrypoint.sh --x && /opt/payara/vigia-entrypoint.sh' |
    tee /dev/stderr > "$WORK/micro-entrypoint.out"
  grep -qx 'name=vigia-prod args=--x' "$WORK/micro-entrypoint.out" &&
    grep -qE '^name=vigia-[A-Za-z0-9]+ args=$' "$WORK/micro-entrypoint.out" &&
    docker inspect -f '{{json .Config.Entrypoint}}' vigia/monitor-micro:0.0.0-test | grep -q vigia-entrypoint.sh
}
check "monitor-micro: the data grid's name from VIGIA_CLUSTER_NAME, else one of its own" micro_cluster_name
healthchecks() {
  local image
  for image in vigia/monitor:0.0.0-test vigia/monitor-micro:0.0.0-test; do
    docker inspect -f '{{json .Config.Healthcheck.Test}}' "$image" | grep -q '/health/ready' || return 1
    [ "$(docker inspect -f '{{.Config.User}}' "$image")" = payara ] || return 1
  done
}
check "monitor images: HEALTHCHECK on /health/ready, user payara" healthchecks

agent() { # the agent image as compose.yaml runs it, with extra docker run arguments first
  docker run --rm --network none --read-only --tmpfs /tmp --security-opt no-new-privileges:true \
    -e VIGIA_PROC_ROOT=/host/proc -e VIGIA_CGROUP_ROOT=/host/sys/fs/cgroup -e VIGIA_PASSWD_FILE=/host/etc/passwd \
    -v /proc:/host/proc:ro -v /sys/fs/cgroup:/host/sys/fs/cgroup:ro -v /etc/passwd:/host/etc/passwd:ro \
    -v "$WORK/docker.sock:/var/run/docker.sock:ro" "$@"
}
agent_samples_host() {
  local sample host
  sample=$(agent --pid host --cap-drop ALL --cap-add KILL --entrypoint java vigia/agent:0.0.0-test \
    -jar /opt/vigia/vigia-agent.jar --once --print 2> /dev/null) || return 1
  host=$(ps -e --no-headers | wc -l)
  echo "$sample" | python3 -c '
import json, sys
sample = json.load(sys.stdin); host = int(sys.argv[1])
procs = sample["processes"]["list"] if isinstance(sample["processes"], dict) and "list" in sample["processes"] else sample["processes"]
n = len(procs) if isinstance(procs, list) else procs.get("count", 0)
print("processes seen:", n, "host:", host)
assert abs(n - host) <= max(5, host // 10), "the agent does not see the host processes"
assert sample["memory"]["totalKb"] > 0
' "$host"
}
check "agent image: samples this host through /host/proc with pid: host" agent_samples_host
setpriv --reuid 65534 --regid 65534 --clear-groups sleep 120 &
VICTIM=$!
kill_with() { agent "$@" --entrypoint sh vigia/agent:0.0.0-test -c "kill -0 $VICTIM"; }
check "agent container with CAP_KILL and pid: host may signal another user's host process" kill_with --pid host --cap-drop ALL --cap-add KILL
no_kill_without_cap() { ! kill_with --pid host --cap-drop ALL; }
check "without CAP_KILL it may not" no_kill_without_cap
no_kill_without_pid_host() { ! kill_with --cap-drop ALL --cap-add KILL; }
check "without pid: host it cannot see the process" no_kill_without_pid_host

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
