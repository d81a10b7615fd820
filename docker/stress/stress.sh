#!/usr/bin/env bash
# Starts a random container of one of three classes every N seconds, so Vigia's prune policy and
# container charts have something to work on. See README.md beside this script.
#
#   docker/stress/stress.sh [--every SECONDS] [--count N] [--image IMAGE] [--prefix NAME]
#
# --every   seconds between two containers (default 60)
# --count   stop after starting this many (default: run until interrupted)
# --image   image to run (default vigia/stress:busybox, built from Debian's busybox-static with
#           `docker import` when it is not there: no registry needed)
# --prefix  container names are PREFIX-CLASS-N (default stress)
#
# Talks to the engine DOCKER_HOST names (or the default socket), through the docker CLI.
set -euo pipefail

EVERY=60
COUNT=0
IMAGE=vigia/stress:busybox
PREFIX=stress
while [ $# -gt 0 ]; do
  case "$1" in
    --every) EVERY=${2:?}; shift ;;
    --count) COUNT=${2:?}; shift ;;
    --image) IMAGE=${2:?}; shift ;;
    --prefix) PREFIX=${2:?}; shift ;;
    -h|--help) sed -n '2,/^set -euo/{/^#/p}' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "stress: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

log() { echo "stress: $(date -u +%FT%TZ) $*"; }

# The image: busybox-static's one binary as a root filesystem, imported (nothing pulled).
ensure_image() {
  if docker image inspect "$IMAGE" > /dev/null 2>&1; then
    return
  fi
  local busybox=/bin/busybox
  if [ ! -x "$busybox" ] || ! file -L "$busybox" 2>/dev/null | grep -q 'statically linked'; then
    if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
      apt-get install -y -q busybox-static > /dev/null
    fi
  fi
  [ -x "$busybox" ] || { echo "stress: needs Debian's busybox-static (/bin/busybox)" >&2; exit 1; }
  local root
  root=$(mktemp -d)
  mkdir -p "$root/bin" "$root/tmp"
  cp "$busybox" "$root/bin/busybox"
  for applet in sh sleep yes head cat tail true; do ln -s busybox "$root/bin/$applet"; done
  tar -C "$root" -c . | docker import - "$IMAGE" > /dev/null
  rm -rf "$root"
  log "imported $IMAGE from $busybox"
}

# The three workloads. Each container carries vigia.class=<class> and vigia.stress=true.
start_one() { # n
  local n=$1 class
  case $((RANDOM % 3)) in
    0) class=high-cpu
       docker run -d --init --name "$PREFIX-$class-$n" --cpus 0.5 \
         --label vigia.class=$class --label vigia.stress=true "$IMAGE" \
         sh -c 'while :; do :; done' > /dev/null ;;
    1) class=high-ram
       local mib=$((16 + RANDOM % 33)) # 16–48 MiB held in /dev/shm under a 64 MiB limit
       docker run -d --init --name "$PREFIX-$class-$n" -m 64m \
         --label vigia.class=$class --label vigia.stress=true "$IMAGE" \
         sh -c "head -c ${mib}m /dev/zero > /dev/shm/fill; exec sleep 86400" > /dev/null ;;
    2) class=low
       docker run -d --init --name "$PREFIX-$class-$n" \
         --label vigia.class=$class --label vigia.stress=true "$IMAGE" \
         sleep 86400 > /dev/null ;;
  esac
  log "started $PREFIX-$class-$n"
}

ensure_image
n=0
while [ "$COUNT" = 0 ] || [ "$n" -lt "$COUNT" ]; do
  n=$((n + 1))
  start_one "$n"
  if [ "$COUNT" = 0 ] || [ "$n" -lt "$COUNT" ]; then
    sleep "$EVERY"
  fi
done
