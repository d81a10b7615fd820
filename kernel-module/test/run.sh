#!/bin/sh
# The kernel-module test: build vigia_ram.ko and vigia_cpu.ko with W=1 (any
# warning fails), boot Debian's packaged kernel in QEMU (software emulation)
# with them in an initramfs, run test/guest.sh inside, and check what comes
# back with test/check.py. Prints "N passed, M failed" last; exit 0 only when
# M is 0.
#
#   kernel-module/test/run.sh                      the CI test
#   VIGIA_UPDATE_FIXTURES=1 kernel-module/test/run.sh
#                                                  also refresh the agent's
#                                                  fixtures in agent-jar/src/
#                                                  test/resources/kernel-module
#   VIGIA_KERNEL=/boot/vmlinuz-X                   boot another kernel (the
#                                                  modules are built against
#                                                  the matching headers)
# Internal: VIGIA_MODE=bench is how bench/bench.sh reuses the boot.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
MODDIR=$(dirname "$HERE")
REPO=$(dirname "$MODDIR")
MODE=${VIGIA_MODE:-test}
PACKAGES="linux-headers-amd64 linux-image-amd64 qemu-system-x86 busybox-static cpio make gcc libc6-dev python3"

missing=""
for p in $PACKAGES; do
	dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "installing:$missing"
	apt-get update -q >/dev/null
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >/dev/null
fi

# The kernel to boot, and the headers that match it.
KERNEL=${VIGIA_KERNEL:-$(ls /boot/vmlinuz-*-amd64 | sort -V | tail -n 1)}
KVER=${KERNEL#/boot/vmlinuz-}
KDIR=/usr/src/linux-headers-$KVER
[ -d "$KDIR" ] || { echo "no headers for $KVER in $KDIR" >&2; exit 1; }

WORK=$(mktemp -d /tmp/vigia-kmod.XXXXXX)
QEMU_PID=""
cleanup() {
	[ -n "$QEMU_PID" ] && kill "$QEMU_PID" 2>/dev/null || true
	if [ -n "${VIGIA_KEEP:-}" ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT INT TERM

# Build out of tree, in a copy, so the source directory stays clean.
mkdir -p "$WORK/build"
cp "$MODDIR"/Makefile "$MODDIR"/*.c "$MODDIR"/*.h "$WORK/build/"
if ! make -s -C "$WORK/build" KDIR="$KDIR" W=1 >"$WORK/build.log" 2>&1; then
	cat "$WORK/build.log"
	echo "module build failed"
	echo "0 passed, 1 failed"
	exit 1
fi
echo "built against $KVER"
gcc -static -O2 -Wall -Wextra -Werror -pthread -o "$WORK/vigia-probe" "$HERE/vigia-probe.c"

# The initramfs: busybox (links made here, as --install -s would), the
# probe, the modules, /init.
ROOT=$WORK/root
mkdir -p "$ROOT/bin" "$ROOT/sbin" "$ROOT/usr/bin" "$ROOT/usr/sbin" "$ROOT/proc" "$ROOT/sys" "$ROOT/dev" "$ROOT/tmp" "$ROOT/out"
cp /bin/busybox "$ROOT/bin/busybox"
for applet in $(busybox --list-full); do
	[ -e "$ROOT/$applet" ] || ln -s /bin/busybox "$ROOT/$applet"
done
cp "$WORK/vigia-probe" "$ROOT/bin/vigia-probe"
cp "$WORK/build/vigia_ram.ko" "$WORK/build/vigia_cpu.ko" "$ROOT/"
cp "$HERE/guest.sh" "$ROOT/guest.sh"
printf '#!/bin/sh\nexec /bin/vigia-probe init /guest.sh\n' >"$ROOT/init"
chmod 755 "$ROOT/init" "$ROOT/guest.sh"
(cd "$ROOT" && find . | cpio -o -H newc --quiet) >"$WORK/initrd.cpio"

START=$(date +%s)
# No -enable-kvm: nested KVM on our machines hangs the guest.
timeout --kill-after=5 "${VIGIA_QEMU_TIMEOUT:-150}" qemu-system-x86_64 \
	-m 512 -smp 2 -nographic -no-reboot -monitor none \
	-kernel "$KERNEL" -initrd "$WORK/initrd.cpio" \
	-append "console=ttyS0 panic=-1 quiet loglevel=0 slab_nomerge vigia_mode=$MODE" \
	-serial "file:$WORK/console.log" -serial "file:$WORK/ttyS1.out" \
	</dev/null >"$WORK/qemu.log" 2>&1 &
QEMU_PID=$!
rc=0
wait "$QEMU_PID" || rc=$?
QEMU_PID=""
echo "guest ran $(($(date +%s) - START)) s (qemu exit $rc)"

if [ "$MODE" = bench ]; then
	python3 "$HERE/check.py" --extract "$WORK/ttyS1.out" "$WORK/out"
	cat "$WORK/out/bench.txt"
	cp "$WORK/out/bench.txt" "${VIGIA_BENCH_OUT:-/dev/null}"
	exit 0
fi

set +e
python3 "$HERE/check.py" --qemu-exit "$rc" --console "$WORK/console.log" \
	--schema-dir "$MODDIR/schema" "$WORK/ttyS1.out" "$WORK/out"
status=$?
set -e
if [ "$status" -eq 0 ] && [ "${VIGIA_UPDATE_FIXTURES:-}" = 1 ]; then
	FIX=$REPO/agent-jar/src/test/resources/kernel-module
	mkdir -p "$FIX"
	cp "$WORK/out/normal/vigia_ram.json" "$FIX/vigia_ram.json"
	cp "$WORK/out/normal/vigia_cpu.json" "$FIX/vigia_cpu.json"
	cp "$WORK/out/normal/meminfo.txt" "$FIX/meminfo.txt"
	cp "$WORK/out/normal/stat.txt" "$FIX/stat.txt"
	cp "$WORK/out/busy/vigia_cpu.json" "$FIX/vigia_cpu-busy.json"
	cp "$WORK/out/busy/vigia_ram.json" "$FIX/vigia_ram-busy.json"
	cp "$WORK/out/busy/meminfo.txt" "$FIX/meminfo-busy.txt"
	cp "$WORK/out/busy/stat.txt" "$FIX/stat-busy.txt"
	echo "fixtures refreshed in $FIX"
fi
exit "$status"
