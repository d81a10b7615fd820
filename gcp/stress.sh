#!/bin/bash
# Loads watched VMs' CPUs so the autoscaler can be seen at work (gcp/README.md, "Watch it scale").
#
#   gcp/stress.sh [--minutes N] [--zone Z] [INSTANCE...]
#       from your workstation: runs itself on each INSTANCE (default: every VM of the group
#       vigia-agents) over `gcloud compute ssh --tunnel-through-iap`, for N minutes (default 10)
#   gcp/stress.sh --local [--minutes N]
#       on a VM: one busy loop per CPU at low priority, stopped after N minutes or Ctrl-C
#
# Bounded in time and local to the VMs: it only burns CPU, it sends no traffic anywhere.
set -euo pipefail

MINUTES=10
ZONE=${CLOUDSDK_COMPUTE_ZONE:-}
GROUP=${VIGIA_GROUP:-vigia-agents}
LOCAL=no
INSTANCES=()
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) MINUTES=${2:?--minutes needs a number}; shift ;;
    --zone) ZONE=${2:?--zone needs a zone}; shift ;;
    --group) GROUP=${2:?--group needs a name}; shift ;;
    --local) LOCAL=yes ;;
    -h|--help) sed -n '2,/^set -euo/{/^#/p}' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "stress.sh: unknown option $1" >&2; exit 2 ;;
    *) INSTANCES+=("$1") ;;
  esac
  shift
done
case "$MINUTES" in ''|*[!0-9]*|0) echo "stress.sh: --minutes takes a whole number from 1" >&2; exit 2 ;; esac

if [ "$LOCAL" = yes ]; then
  pids=()
  trap 'kill "${pids[@]}" 2> /dev/null || true' EXIT INT TERM
  for _ in $(seq "$(nproc)"); do
    timeout "$((MINUTES * 60))" nice -n 10 sh -c 'while :; do :; done' &
    pids+=("$!")
  done
  echo "stress.sh: $(nproc) busy loops on $(hostname) for $MINUTES min"
  wait
  exit 0
fi

command -v gcloud > /dev/null || { echo "stress.sh: needs the gcloud CLI" >&2; exit 1; }
zone_args=()
[ -n "$ZONE" ] && zone_args=(--zone "$ZONE")
if [ ${#INSTANCES[@]} -eq 0 ]; then
  mapfile -t INSTANCES < <(gcloud compute instance-groups managed list-instances "$GROUP" \
    "${zone_args[@]}" --format='value(instance.basename())')
fi
[ ${#INSTANCES[@]} -gt 0 ] || { echo "stress.sh: no instance in $GROUP" >&2; exit 1; }
for vm in "${INSTANCES[@]}"; do
  echo "stress.sh: loading $vm for $MINUTES min"
  gcloud compute ssh "$vm" "${zone_args[@]}" --tunnel-through-iap \
    --command "bash -s -- --local --minutes $MINUTES" < "$0" &
done
wait
