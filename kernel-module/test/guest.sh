#!/bin/sh
# Runs inside the QEMU guest (child of vigia-probe init, PID 1). Loads the
# modules, captures their output next to what /proc says, stresses them, and
# sends every capture to the host over the second serial port (ttyS1),
# base64-encoded between ===BEGIN name=== / ===END name=== markers.
# Guest-side checks are lines "ok NAME" / "fail NAME: why" in checks.txt.
export PATH=/usr/bin:/usr/sbin:/bin:/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /out /tmp
mount -t tmpfs tmpfs /out
mount -t cgroup2 cgroup2 /sys/fs/cgroup
OUT=/out
MODE=$(sed -n 's/.*vigia_mode=\([a-z]*\).*/\1/p' /proc/cmdline)

check() { # NAME command...: record whether the command succeeded
	name=$1; shift
	if "$@" >/dev/null 2>>$OUT/errors.txt; then echo "ok $name"
	else echo "fail $name: $*"; fi >>$OUT/checks.txt
}
fails() { ! "$@"; }
say() { echo "vigia-guest: $*"; }

send() { # ship /out to the host and power off (by returning to PID 1)
	stty -F /dev/ttyS1 raw -echo 2>/dev/null
	for f in $(find $OUT -type f | sort); do
		echo "===BEGIN ${f#$OUT/}==="
		base64 "$f"
		echo "===END ${f#$OUT/}==="
	done >/dev/ttyS1
	echo "===ALL SENT===" >/dev/ttyS1
}

if [ "$MODE" = bench ]; then
	insmod /vigia_cpu.ko
	vigia-probe spawn 1000 bench-sleeper &
	# wait until the 1,000 sleepers exist
	while [ "$(ls -d /proc/[0-9]* | wc -l)" -lt 1000 ]; do sleep 1; done
	sleep 1
	vigia-probe bench vigia_cpu "${BENCH_REPS:-50}" >$OUT/bench.txt 2>&1
	uname -r >$OUT/uname.txt
	nproc >$OUT/nproc.txt
	send
	exit 0
fi

say "loading"; date
check insmod-ram insmod /vigia_ram.ko
check insmod-cpu insmod /vigia_cpu.ko
check proc-ram test -r /proc/vigia_ram
check proc-cpu test -r /proc/vigia_cpu

# A zombie, a stopped process, one with another uid, threads burning CPU
vigia-probe zombie &
KEEP="$!"
sleep 1000 &
STOPPED=$!
kill -STOP $STOPPED
vigia-probe spawn 2 -u 1234 -t 4 -b 150 worker &
KEEP="$KEEP $!"
sleep 2
mkdir -p $OUT/normal
check snap-normal vigia-probe snap $OUT/normal vigia_cpu vigia_ram

# Odd names: comm is at most 15 bytes; the kernel cuts the rest.
N1=$(printf 'q"uo"te')
N2=$(printf 'back\\slash\\')
N3=$(printf 'tab\there')
N4=$(printf '<script>x</scr')
N5=$(printf 'caf\303\251-\360\237\230\200')
N6=$(printf 'bad\377\376x\300\257')
N7=$(printf 'trunc\342\202')
N8=$(printf 'nl\nline')
N9=$(printf 'ctl\001\037\177end')
N10=$(printf 'sur\355\240\200x')
N11=$(printf 'cut-\342\202\254\342\202\254\342\202\254\342\202')
CGA=$(printf '/sys/fs/cgroup/q"uo\\te\t<script>')
CGB=$(printf '/sys/fs/cgroup/caf\303\251/bad\377\300x')
# 16 levels of 250 quote-and-backslash characters: a path of ~4,000 bytes
# whose escaped record (~8 KB) overflows seq_file's first buffer
SEG=$(printf '"\\%.0s' $(seq 125))
CGC=/sys/fs/cgroup
for i in $(seq 16); do CGC="$CGC/$SEG"; done
mkdir -p "$CGA" "$CGB" "$CGC"
vigia-probe spawn 3 -c "$CGC" deep-cgroup &
KEEP="$KEEP $!"
vigia-probe spawn 40 -c "$CGA" "$N1" "$N2" "$N3" "$N4" &
KEEP="$KEEP $!"
vigia-probe spawn 40 -c "$CGB" "$N5" "$N6" "$N7" "$N8" &
KEEP="$KEEP $!"
vigia-probe spawn 40 "$N9" "$N10" "$N11" &
KEEP="$KEEP $!"
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	vigia-probe spawn 150 sleeper &
	KEEP="$KEEP $!"
done
# wait until the sleepers exist
i=0
while [ "$(ls -d /proc/[0-9]* | wc -l)" -lt 3150 ] && [ $i -lt 60 ]; do
	sleep 1; i=$((i + 1))
done
sleep 1
grep '^task_struct ' /proc/slabinfo >$OUT/slab-before.txt
mkdir -p $OUT/busy
check snap-busy vigia-probe snap $OUT/busy vigia_cpu vigia_ram

say "reading while processes come and go"; date +%T
vigia-probe churn 6 "$N1" "$N4" "$N6" "$N8" &
CHURN1=$!
vigia-probe churn 6 short-lived &
CHURN2=$!
check read-cat cp /proc/vigia_cpu $OUT/read-cat.json
check read-bs4096 dd if=/proc/vigia_cpu of=$OUT/read-bs4096.json bs=4096
check read-bs100 dd if=/proc/vigia_cpu of=$OUT/read-bs100.json bs=100
check read-bs7 dd if=/proc/vigia_cpu of=$OUT/read-bs7.json bs=7
check read-bs1 dd if=/proc/vigia_cpu of=$OUT/read-bs1.json bs=1
check read-ram-bs1 dd if=/proc/vigia_ram of=$OUT/read-ram-bs1.json bs=1
# lseek back to the start and into the middle (seq_file traverse())
check read-skip dd if=/proc/vigia_cpu of=$OUT/read-skip.bin bs=1000 skip=3
i=0
while [ $i -lt 20 ]; do cat /proc/vigia_cpu >/dev/null; i=$((i + 1)); done
wait $CHURN1 $CHURN2
sleep 2
grep '^task_struct ' /proc/slabinfo >$OUT/slab-after.txt

say "stopping the sleepers"; date +%T
kill $KEEP 2>/dev/null
kill -CONT $STOPPED 2>/dev/null
kill $STOPPED 2>/dev/null
wait 2>/dev/null
sleep 1
check read-after-exit cp /proc/vigia_cpu $OUT/read-after-exit.json

say "proc_name"; date +%T
check rmmod-cpu rmmod vigia_cpu
check rmmod-ram rmmod vigia_ram
check insmod-ram-renamed insmod /vigia_ram.ko proc_name=ram_202004725
check insmod-cpu-renamed insmod /vigia_cpu.ko proc_name=cpu_202004725
check renamed-ram-exists test -r /proc/ram_202004725
check renamed-cpu-exists test -r /proc/cpu_202004725
check default-ram-absent fails test -e /proc/vigia_ram
check renamed-cpu-read cp /proc/cpu_202004725 $OUT/read-renamed-cpu.json
check renamed-ram-read cp /proc/ram_202004725 $OUT/read-renamed-ram.json
check rmmod-cpu-renamed rmmod vigia_cpu
check rmmod-ram-renamed rmmod vigia_ram
check rejects-slash fails insmod /vigia_cpu.ko proc_name=a/b
check rejects-empty fails insmod /vigia_cpu.ko proc_name=
check rejects-taken fails insmod /vigia_cpu.ko proc_name=meminfo
check rejects-pid fails insmod /vigia_cpu.ko proc_name=1
check rejects-dotdot fails insmod /vigia_ram.ko proc_name=..
check nothing-left fails grep -q vigia /proc/modules

say "unload with the file open"; date +%T
check insmod-open insmod /vigia_cpu.ko
exec 3</proc/vigia_cpu
check read-partial-open dd bs=100 count=1 <&3
check rmmod-while-open rmmod vigia_cpu
check read-after-rmmod-fails fails dd bs=100 count=1 <&3
exec 3<&-

say "load and unload 100 times"; date +%T
i=0; bad=0
while [ $i -lt 100 ]; do
	insmod /vigia_ram.ko && insmod /vigia_cpu.ko proc_name=cpu_$i || bad=$((bad + 1))
	head -c 300 /proc/cpu_$i >/dev/null && head -c 100 /proc/vigia_ram >/dev/null || bad=$((bad + 1))
	rmmod vigia_cpu && rmmod vigia_ram || bad=$((bad + 1))
	i=$((i + 1))
done
check load-unload-100 test $bad -eq 0
check no-entries-left fails test -e /proc/cpu_99

dmesg >$OUT/dmesg.txt
say "done"; date +%T
send
