#!/bin/sh
# Benchmark (not part of CI): in one QEMU boot with 1,000 extra sleeping
# processes, time reading /proc/vigia_cpu against reading /proc/[pid]/stat of
# every process the way the agent does without the module (readdir /proc,
# open/read/close each stat) — and against stat+status+cgroup, the files
# needed for the same data (uid, cgroup). The timing loop is vigia-probe's
# "bench" command (C, gcc -static -O2), 50 repetitions, medians reported.
# Writes bench/kernel-module.md at the repository root.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(dirname "$(dirname "$HERE")")
OUT=$(mktemp /tmp/vigia-bench.XXXXXX)
trap 'rm -f "$OUT"' EXIT

VIGIA_MODE=bench VIGIA_BENCH_OUT="$OUT" VIGIA_QEMU_TIMEOUT=300 "$HERE/../test/run.sh"

val() { sed -n "s/.*\b$1=\([0-9.]*\).*/\1/p" "$OUT" | head -n 1; }
procs=$(val procs)
bytes=$(val module_bytes)
reps=$(val reps)
mod=$(val module_median_ms)
stat=$(val stat_median_ms)
full=$(val stat_status_cgroup_median_ms)
ratio=$(awk -v a="$stat" -v b="$mod" 'BEGIN { printf "%.1f", a / b }')
ratio_full=$(awk -v a="$full" -v b="$mod" 'BEGIN { printf "%.1f", a / b }')
kernel=$(ls /boot/vmlinuz-*-amd64 | sort -V | tail -n 1)

mkdir -p "$REPO/bench"
cat >"$REPO/bench/kernel-module.md" <<MD
# Kernel module: reading /proc/vigia_cpu vs /proc/[pid]/stat

Measured $(date -u +%Y-%m-%d) by \`kernel-module/bench/bench.sh\` (not part of CI): one boot of
Debian's \`${kernel#/boot/}\` in \`qemu-system-x86_64\` **without KVM** (software emulation,
2 vCPUs, 512 MB) on a 2-core build machine, $procs processes in the guest (1,000 sleeping
\`bench-sleeper\`s plus init and kernel threads). Each repetition, in one static C process
(\`kernel-module/test/vigia-probe.c\`, \`bench\`): read all of \`/proc/vigia_cpu\` with 64 KiB
\`read()\`s ($bytes bytes); then \`readdir(/proc)\` and open/read/close every \`/proc/[pid]/stat\`
(what the agent does without the module); then the same for \`stat\`, \`status\` and \`cgroup\`
(the files that hold what the module reports: CPU time, uid, cgroup). $reps repetitions, medians.

| read | median |
|---|---|
| \`/proc/vigia_cpu\` (everything, one file) | $mod ms |
| every \`/proc/[pid]/stat\` | $stat ms |
| every \`/proc/[pid]/{stat,status,cgroup}\` | $full ms |

**Ratio: reading every \`/proc/[pid]/stat\` takes ${ratio}× as long as \`/proc/vigia_cpu\`;
the same data from \`stat\`+\`status\`+\`cgroup\` takes ${ratio_full}× as long.**

Absolute times are inflated by software emulation (every syscall and page fault is emulated),
so compare the ratio, not the milliseconds; on real hardware the ratio will differ too, since
emulation does not slow syscalls and in-kernel work equally. What the module saves is per-process
work: a readdir entry, three path lookups and open/read/close per file.

Raw output:

\`\`\`
$(cat "$OUT")
\`\`\`

Command: \`kernel-module/bench/bench.sh\` (as root; installs the Debian packages it needs).
MD
cat "$REPO/bench/kernel-module.md"
