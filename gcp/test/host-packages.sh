#!/bin/bash
# The two Debian packages every watched host installs (part of ./vigia test, after mvn package
# built them): agent-jar/target/vigia-agent.deb and kernel-module/target/vigia-dkms.deb.
#
#  - lintian finds nothing to report on either (info tags excepted: see the main README);
#  - vigia-dkms installs: DKMS registers, builds and installs vigia_ram.ko and vigia_cpu.ko for
#    every kernel whose headers are installed (Debian's linux-headers-amd64; this machine's own
#    kernel cannot load modules, so they are built, not loaded — kernel-module/test/run.sh loads
#    the same sources in QEMU), and removing the package removes them from DKMS;
#  - vigia-agent installs: the system user vigia (no shell, no login), /var/lib/vigia 0700, the
#    unit passes systemd-analyze verify, the jar samples this host as user vigia, ambient CAP_KILL
#    (what the unit grants) lets vigia signal another user's process and nothing less does; purge
#    removes the state.
# Prints "N passed, M failed" last. Needs root (dpkg); installs lintian, dkms and the kernel
# headers from Debian when missing.
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
AGENT_DEB=$REPO/agent-jar/target/vigia-agent.deb
DKMS_DEB=$REPO/kernel-module/target/vigia-dkms.deb
PASSED=0
FAILED=0
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT

check() { # description, command...
  local what=$1; shift
  if "$@" > "$LOG" 2>&1; then
    PASSED=$((PASSED + 1)); echo "ok - $what"
  else
    FAILED=$((FAILED + 1)); echo "not ok - $what"; sed 's/^/    /' "$LOG" | tail -20
  fi
}

[ "$(id -u)" = 0 ] || { echo "host-packages.sh needs root (dpkg)"; echo "0 passed, 1 failed"; exit 1; }
for f in "$AGENT_DEB" "$DKMS_DEB"; do
  [ -f "$f" ] || { echo "missing $f: run mvn package first"; echo "0 passed, 1 failed"; exit 1; }
done
missing=()
for p in lintian dkms linux-headers-amd64 make gcc; do
  dpkg -s "$p" > /dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -q > /dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=600 --no-install-recommends "${missing[@]}" > /dev/null
fi

# --- lintian ---------------------------------------------------------------------------------
lintian_clean() { # deb: no error, warning or pedantic tag (info tags are listed in the README)
  local out
  out=$(lintian --pedantic "$1" 2>&1 | grep -E '^[EWP]:')
  [ -z "$out" ] || { echo "$out"; return 1; }
}
check "lintian: vigia-agent.deb clean" lintian_clean "$AGENT_DEB"
check "lintian: vigia-dkms.deb clean" lintian_clean "$DKMS_DEB"

# --- vigia-dkms --------------------------------------------------------------------------------
KVER=$(find /lib/modules -mindepth 2 -maxdepth 2 -name build -printf '%h\n' | sort -V | tail -n 1)
KVER=${KVER##*/}
# apt-get, not dpkg: it waits for the package lock (other work may hold it) and brings dependencies.
apt_get() { DEBIAN_FRONTEND=noninteractive apt-get -y -q -o DPkg::Lock::Timeout=600 --no-install-recommends "$@"; }
check "vigia-dkms installs (dkms add, build, install for $KVER)" apt_get install "$DKMS_DEB"
check "dkms status: vigia/1.0 installed for $KVER" sh -c "dkms status -m vigia -v 1.0 -k '$KVER' | grep -q installed"
modules_built() {
  local ko
  for ko in vigia_ram vigia_cpu; do
    ko=$(find "/lib/modules/$KVER/updates/dkms" -name "$ko.ko*" | head -n 1)
    [ -n "$ko" ] || { echo "no $ko.ko under /lib/modules/$KVER/updates/dkms"; return 1; }
    modinfo "$ko" | grep -q "^vermagic: *$KVER " || { modinfo "$ko"; return 1; }
  done
}
check "vigia_ram.ko and vigia_cpu.ko built for $KVER (vermagic)" modules_built
check "modules listed for loading at boot" grep -qx vigia_cpu /etc/modules-load.d/vigia.conf
check "vigia-dkms removes" apt_get purge vigia-dkms
check "removal leaves nothing in DKMS" sh -c "[ -z \"\$(dkms status -m vigia)\" ] && [ ! -d /usr/src/vigia-1.0 ]"

# --- vigia-agent -------------------------------------------------------------------------------
check "vigia-agent installs" apt_get install "$AGENT_DEB"
user_ok() {
  local entry
  entry=$(getent passwd vigia) || return 1
  [ "$(echo "$entry" | cut -d: -f3)" -lt 1000 ] && case "$entry" in *:/usr/sbin/nologin | *:/bin/false) ;; *) echo "$entry"; return 1 ;; esac
}
check "system user vigia, without a login shell" user_ok
state_dir_ok() { [ "$(stat -c '%U %a' /var/lib/vigia)" = "vigia 700" ]; }
check "/var/lib/vigia is vigia's, mode 0700" state_dir_ok
conffiles_ok() {
  local list
  list=$(dpkg-query -W -f='${Conffiles}' vigia-agent)
  echo "$list" | grep -q ' /etc/vigia/agent.properties ' && echo "$list" | grep -q ' /etc/default/vigia-agent '
}
check "/etc/vigia/agent.properties and /etc/default/vigia-agent are conffiles" conffiles_ok
unit_verifies() {
  local out
  out=$(systemd-analyze verify /lib/systemd/system/vigia-agent.service 2>&1 | grep -v -e 'Failed to .*connect' -e 'bus' -e 'Command /usr/bin/java is not executable')
  [ -z "$out" ] || { echo "$out"; return 1; }
  grep -qx 'User=vigia' /lib/systemd/system/vigia-agent.service &&
    grep -qx 'AmbientCapabilities=CAP_KILL' /lib/systemd/system/vigia-agent.service &&
    grep -qx 'CapabilityBoundingSet=CAP_KILL' /lib/systemd/system/vigia-agent.service
}
command -v systemd-analyze > /dev/null && check "unit verifies; user vigia, CAP_KILL only" unit_verifies
check "the agent samples this host as user vigia" sh -c \
  'runuser -u vigia -- java -jar /usr/share/vigia-agent/vigia-agent.jar --once --print | grep -q "\"processes\""'
# What AmbientCapabilities=CAP_KILL gives the service, with setpriv: the same user, the same
# ambient capability, a process of another user (root) to signal.
sleep 300 &
VICTIM=$!
trap 'kill "$VICTIM" 2> /dev/null; rm -f "$LOG"' EXIT
check "vigia with ambient CAP_KILL may signal root's process" \
  setpriv --reuid vigia --regid vigia --init-groups --inh-caps +kill --ambient-caps +kill kill -0 "$VICTIM"
check "vigia without it may not" sh -c "! setpriv --reuid vigia --regid vigia --init-groups --inh-caps -all kill -0 $VICTIM"
kill "$VICTIM"
trap 'rm -f "$LOG"' EXIT
purged() { apt_get purge vigia-agent && [ ! -e /var/lib/vigia ] && [ ! -e /usr/share/vigia-agent ]; }
check "purge removes the agent's state" purged

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
