#!/usr/bin/env python3
"""Host side of the kernel-module QEMU test: decode what the guest sent on
its second serial port and check it. Standard library only.

  check.py [--qemu-exit RC] [--console LOG] --schema-dir DIR SERIAL OUTDIR
  check.py --extract SERIAL OUTDIR        only decode the files

Checks: the guest's own pass/fail lines; every captured JSON is strict UTF-8,
parses, and matches schema/*.schema.json; the snapshots agree with what the
guest's /proc said at the same moment (pids, ppid, state, comm, uid, threads,
RSS, size, CPU time, start time, cgroup, counts by state, /proc/stat,
/proc/meminfo); chunked reads under churn lose no long-lived process; no
task_struct leak; dmesg and the console hold no WARNING, BUG, Oops or leak.
The last line is "N passed, M failed".
"""
import argparse
import base64
import json
import os
import re
import sys

USER_HZ = 100          # /proc/PID/stat and /proc/stat units
TICK_NS = 10**9 // USER_HZ
KTHREADD = 2

RESULTS = []


def check(name, ok, detail=""):
    RESULTS.append((name, bool(ok)))
    if not ok:
        print(f"FAIL {name}: {detail}")
    return bool(ok)


# ------------------------------------------------------------------ serial

def extract(serial_path, out_dir):
    """Files sent as ===BEGIN name=== base64 ===END name=== on ttyS1."""
    data = open(serial_path, "rb").read().replace(b"\r", b"")
    files, name, chunks = {}, None, []
    for line in data.split(b"\n"):
        if line.startswith(b"===BEGIN ") and line.endswith(b"==="):
            name, chunks = line[9:-3].decode(), []
        elif line.startswith(b"===END ") and name is not None:
            files[name] = base64.b64decode(b"".join(chunks))
            name = None
        elif name is not None:
            chunks.append(line.strip())
    for rel, body in files.items():
        path = os.path.join(out_dir, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(body)
    return files, b"===ALL SENT===" in data


# ------------------------------------------------------------------ schema

TYPES = {
    "object": dict, "array": list, "string": str, "null": type(None),
    "boolean": bool,
}


def schema_errors(value, schema, root, path="$"):
    """The subset of JSON Schema 2020-12 our schemas use."""
    if "$ref" in schema:
        ref = schema["$ref"]
        assert ref.startswith("#/$defs/"), ref
        yield from schema_errors(value, root["$defs"][ref[8:]], root, path)
    for sub in schema.get("allOf", []):
        yield from schema_errors(value, sub, root, path)
    if "const" in schema and value != schema["const"]:
        yield f"{path}: {value!r} is not {schema['const']!r}"
    if "enum" in schema and value not in schema["enum"]:
        yield f"{path}: {value!r} not in {schema['enum']}"
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]

        def is_type(t):
            if t == "integer":
                return isinstance(value, int) and not isinstance(value, bool)
            if t == "number":
                return isinstance(value, (int, float)) and not isinstance(value, bool)
            return isinstance(value, TYPES[t])
        if not any(is_type(t) for t in types):
            yield f"{path}: {value!r} is not {types}"
            return
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            yield f"{path}: {value} < {schema['minimum']}"
        if "maximum" in schema and value > schema["maximum"]:
            yield f"{path}: {value} > {schema['maximum']}"
    if isinstance(value, str) and "maxLength" in schema and len(value) > schema["maxLength"]:
        yield f"{path}: longer than {schema['maxLength']}"
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in value:
                yield f"{path}: missing {key}"
        for key, sub in value.items():
            if key in props:
                yield from schema_errors(sub, props[key], root, f"{path}.{key}")
            elif schema.get("additionalProperties") is False:
                yield f"{path}: unexpected {key}"
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            yield from schema_errors(item, schema["items"], root, f"{path}[{i}]")


def load_json(name, raw, schema):
    """Strict UTF-8, strict JSON, schema; None when any fails."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        check(f"{name}: UTF-8", False, str(e))
        return None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        check(f"{name}: JSON", False, f"{e}: ...{text[max(0, e.pos - 80):e.pos + 80]!r}...")
        return None
    errors = list(schema_errors(doc, schema, schema))
    check(f"{name}: valid JSON matching the schema", not errors, "; ".join(errors[:5]))
    return doc if not errors else None


def check_task_list(name, doc):
    pids = [t["pid"] for t in doc["tasks"]]
    check(f"{name}: pids strictly increasing (no duplicates)",
          all(a < b for a, b in zip(pids, pids[1:])), "")
    return set(pids)


# ------------------------------------------------------------------ /proc

def parse_procs(raw):
    """procs.bin: records 'PID FILE LEN\\n' + LEN bytes + '\\n'."""
    procs, i = {}, 0
    while i < len(raw):
        nl = raw.index(b"\n", i)
        pid, fname, size = raw[i:nl].split(b" ")
        body = raw[nl + 1:nl + 1 + int(size)]
        procs.setdefault(int(pid), {})[fname.decode()] = body
        i = nl + 1 + int(size) + 1
    return procs


def parse_stat(body):
    """/proc/PID/stat: comm is between the first '(' and the last ')'."""
    lp, rp = body.index(b"("), body.rindex(b")")
    rest = body[rp + 2:].split()
    f = lambda n: int(rest[n - 3])     # field n as numbered in proc(5)
    return {
        "comm": body[lp + 1:rp], "state": rest[0].decode(), "ppid": f(4),
        "utime": f(14), "stime": f(15), "threads": f(20), "starttime": f(22),
        "vsize": f(23), "rss": f(24),
    }


def status_field(body, key):
    for line in body.split(b"\n"):
        if line.startswith(key + b":"):
            return line.split()[1:]
    return None


def v2_cgroup(body):
    for line in body.split(b"\n"):
        if line.startswith(b"0::"):
            return line[3:]
    return None


STATE_KEYS = {"R": "running", "S": "sleeping", "D": "disk_sleep", "T": "stopped",
              "t": "tracing_stop", "X": "dead", "Z": "zombie", "P": "parked",
              "I": "idle"}
FLICKER = {"running", "sleeping", "idle"}   # kernel threads come and go


def compare_snapshot(label, snap_dir, schemas):
    """One process read /proc/vigia_cpu then every /proc/PID: compare."""
    rd = lambda n: open(os.path.join(snap_dir, n), "rb").read()
    ram = load_json(f"{label} vigia_ram", rd("vigia_ram.json"), schemas["ram"])
    cpu = load_json(f"{label} vigia_cpu", rd("vigia_cpu.json"), schemas["cpu"])
    procs = parse_procs(rd("procs.bin"))
    self_pid = int(rd("self.txt"))
    if ram:
        compare_meminfo(label, ram, rd("meminfo.txt"))
    if not cpu:
        return None
    compare_stat(label, cpu, rd("stat.txt"))
    check_task_list(f"{label} vigia_cpu", cpu)

    proc = {pid: parse_stat(files["stat"]) for pid, files in procs.items() if "stat" in files}
    mod = {t["pid"]: t for t in cpu["tasks"]}
    is_kthread = lambda pid, ppid: pid == KTHREADD or ppid == KTHREADD
    only_mod = [p for p in mod if p not in proc and not is_kthread(p, mod[p]["ppid"])]
    only_proc = [p for p in proc if p not in mod and not is_kthread(p, proc[p]["ppid"])]
    check(f"{label}: same processes as /proc ({len(mod)} vs {len(proc)})",
          not only_mod and not only_proc,
          f"only in module {only_mod[:10]}, only in /proc {only_proc[:10]}")

    bad = {k: [] for k in ("ppid", "state", "comm", "uid", "threads", "rss_kb",
                           "vsz_kb", "start_ns", "cpu_ns", "cgroup")}
    for pid, t in mod.items():
        if pid not in proc or pid == self_pid:
            continue
        p, files = proc[pid], procs[pid]
        kthread = is_kthread(pid, p["ppid"])
        want = {
            "ppid": p["ppid"],
            "comm": p["comm"].decode("utf-8", "replace"),
            "threads": p["threads"],
            "start_ns": p["starttime"],
        }
        got = dict(t, start_ns=t["start_ns"] // TICK_NS)
        if not kthread:
            want["state"] = p["state"]
            want["rss_kb"] = p["rss"] * 4
            want["vsz_kb"] = p["vsize"] // 1024
        uid = status_field(files.get("status", b""), b"Uid")
        if uid:
            want["uid"] = int(uid[1])        # effective
        cg = v2_cgroup(files.get("cgroup", b""))
        if cg is not None:
            want["cgroup"] = cg.decode("utf-8", "replace")
        if kthread and want["comm"].startswith(got["comm"]):
            # /proc adds the full kthread name and the workqueue ("-events")
            want["comm"] = got["comm"]
        for key, value in want.items():
            if got[key] != value:
                bad[key].append((pid, got[key], value))
        # utime + stime is sum_exec_runtime split and cut to ticks
        if p["state"] in "STZ" and not kthread:
            if abs(t["cpu_ns"] / TICK_NS - (p["utime"] + p["stime"])) > 3:
                bad["cpu_ns"].append((pid, t["cpu_ns"], p["utime"] + p["stime"]))
    for key, wrong in bad.items():
        check(f"{label}: {key} agrees with /proc", not wrong,
              f"{len(wrong)} differ (pid, module, /proc): {wrong[:5]}")

    counted = {k: 0 for k in STATE_KEYS.values()}
    for pid, p in proc.items():
        counted[STATE_KEYS[p["state"]]] += 1
    listed = {k: 0 for k in STATE_KEYS.values()}
    for t in cpu["tasks"]:
        listed[STATE_KEYS[t["state"]]] += 1
    states = cpu["states"]
    for key in STATE_KEYS.values():
        slack = 3 if key in FLICKER else 0
        check(f"{label}: states.{key} = {states[key]} agrees with /proc ({counted[key]})"
              f" and the list ({listed[key]})",
              abs(states[key] - counted[key]) <= slack and abs(states[key] - listed[key]) <= slack)
    check(f"{label}: states.total = {states['total']} agrees with /proc ({len(proc)})",
          abs(states["total"] - len(proc)) <= 2 and states["total"] == sum(
              states[k] for k in STATE_KEYS.values()))
    return cpu, procs


def compare_stat(label, cpu, stat):
    lines = {l.split()[0].decode(): [int(x) for x in l.split()[1:]]
             for l in stat.split(b"\n") if l.startswith(b"cpu")}
    fields = ["user", "nice", "system", "idle", "iowait", "irq", "softirq",
              "steal", "guest", "guest_nice"]
    check(f"{label}: cpus = {cpu['cpus']} = cpuN lines of /proc/stat = entries",
          cpu["cpus"] == len(lines) - 1 == len(cpu["cpu"]))
    pairs = [("cpu", cpu["cpu_total"])] + [(f"cpu{c['cpu']}", c) for c in cpu["cpu"]]
    wrong = []
    for line, times in pairs:
        for i, f in enumerate(fields):
            # the module was read a moment before /proc/stat
            diff = lines.get(line, [0] * 10)[i] - times[f] // TICK_NS
            if not -1 <= diff <= 50:
                wrong.append((line, f, times[f], lines.get(line, [None] * 10)[i]))
    check(f"{label}: CPU times agree with /proc/stat", not wrong, str(wrong[:5]))


def compare_meminfo(label, ram, meminfo):
    mi = {l.split(b":")[0].decode(): int(l.split()[1])
          for l in meminfo.split(b"\n") if b":" in l}
    exact = {"total_kb": "MemTotal", "swap_free_kb": "SwapFree"}
    near = {"free_kb": "MemFree", "available_kb": "MemAvailable",
            "buffers_kb": "Buffers", "cached_kb": "Cached", "shared_kb": "Shmem"}
    wrong = [(k, ram[k], mi[m]) for k, m in exact.items() if ram[k] != mi[m]]
    wrong += [(k, ram[k], mi[m]) for k, m in near.items() if abs(ram[k] - mi[m]) > 2048]
    check(f"{label}: vigia_ram agrees with /proc/meminfo", not wrong, str(wrong))
    used = ram["total_kb"] - ram["available_kb"]
    check(f"{label}: used_kb and used_pct follow total and available",
          ram["used_kb"] == used and abs(ram["used_pct"] - 100 * used / ram["total_kb"]) <= 0.01)


# ------------------------------------------------------------------ main

def odd_names_survive(label, cpu, procs):
    """Every odd name the guest set comes out exactly as /proc has it."""
    raw = [b'q"uo"te', b"back\\slash\\", b"tab\there", b"<script>x</scr",
           b"caf\303\251-\360\237\230\200", b"bad\377\376x\300\257", b"trunc\342\202",
           b"nl\nline", b"ctl\001\037\177end", b"sur\355\240\200x",
           b"cut-\342\202\254\342\202\254\342\202\254\342\202"]   # as guest.sh sets them
    # the kernel keeps 15 bytes; ill-formed UTF-8 becomes U+FFFD per maximal subpart
    expected = {name[:15].decode("utf-8", "replace") for name in raw}
    comms = {t["comm"] for t in cpu["tasks"]}
    check(f"{label}: odd names escaped and decoded as /proc has them",
          expected <= comms, f"missing {sorted(expected - comms)}")
    cgroups = {t["cgroup"] for t in cpu["tasks"]}
    want = {'/q"uo\\te\t<script>', "/caf\u00e9/bad\ufffd\ufffdx"}
    check(f"{label}: odd cgroup paths", want <= cgroups, f"missing {want - cgroups}")
    deep = "/" + "/".join(['"\\' * 125] * 16)
    check(f"{label}: a 4,000-byte cgroup path (8 KB escaped record)",
          sum(1 for t in cpu["tasks"] if t["cgroup"] == deep) == 3)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--extract", action="store_true")
    ap.add_argument("--qemu-exit", type=int, default=0)
    ap.add_argument("--console")
    ap.add_argument("--schema-dir")
    ap.add_argument("serial")
    ap.add_argument("out")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    files, complete = extract(args.serial, args.out)
    if args.extract:
        return 0 if complete else 1

    check("guest powered off cleanly", args.qemu_exit == 0, f"qemu exit {args.qemu_exit}")
    check("guest sent all its captures", complete, f"got {sorted(files)}")
    schemas = {k: json.load(open(os.path.join(args.schema_dir, f"vigia_{k}.schema.json")))
               for k in ("ram", "cpu")}

    for line in files.get("checks.txt", b"").decode("utf-8", "replace").splitlines():
        status, _, rest = line.partition(" ")
        check(f"guest: {rest}", status == "ok", rest)
    check("guest ran all its steps", b"no-entries-left" in files.get("checks.txt", b""))

    snaps = {}
    for label in ("normal", "busy"):
        if f"{label}/vigia_cpu.json" in files:
            snaps[label] = compare_snapshot(label, os.path.join(args.out, label), schemas)
        else:
            check(f"{label} snapshot captured", False)
    if snaps.get("busy"):
        cpu, procs = snaps["busy"]
        odd_names_survive("busy", cpu, procs)
        check(f"busy: thousands of processes ({len(cpu['tasks'])})", len(cpu["tasks"]) >= 3000)
        # sleepers alive all through the churn (as /proc listed them) must be
        # in every chunked read
        stats = {pid: parse_stat(f["stat"]) for pid, f in procs.items() if "stat" in f}
        spawners = {pid for pid, p in stats.items() if p["comm"] == b"vigia-probe"}
        sleepers = {pid for pid, p in stats.items() if p["ppid"] in spawners}
    else:
        sleepers = set()

    for name in sorted(files):
        if not (name.startswith("read-") and name.endswith(".json")):
            continue
        kind = "ram" if "ram" in name else "cpu"
        doc = load_json(name, files[name], schemas[kind])
        if doc and kind == "cpu":
            pids = check_task_list(name, doc)
            if name.startswith("read-bs") or name == "read-cat.json":
                lost = sleepers - pids
                check(f"{name}: no long-lived process lost across read() chunks",
                      sleepers and not lost, f"{len(lost)} lost, e.g. {sorted(lost)[:5]}")
    check("lseek into the file (dd skip=) read something", len(files.get("read-skip.bin", b"")) > 0)

    slab = [files.get(f"slab-{w}.txt", b"").split() for w in ("before", "after")]
    if all(len(s) > 2 for s in slab):
        grew = int(slab[1][1]) - int(slab[0][1])
        check(f"no task_struct leak after reads under churn (active {int(slab[0][1])} -> "
              f"{int(slab[1][1])})", grew < 50)
    else:
        check("task_struct counts captured", False)

    # case-sensitive on purpose: "loops_per_jiffy" is not an Oops
    bad = re.compile(r"WARNING:|BUG:|kernel BUG|Oops|[Ll]eak|Call Trace|general protection|"
                     r"RIP:|\bstalls?\b|refcount_t|use-after-free|buggy \.next|cut here|"
                     r"sleeping function called|scheduling while atomic|Kernel panic")
    dmesg = files.get("dmesg.txt", b"").decode("utf-8", "replace")
    hits = [l for l in dmesg.splitlines() if bad.search(l)]
    check("dmesg captured", "vigia" in dmesg)
    check("dmesg: no WARNING, BUG, Oops or leak", not hits, "\n".join(hits[:20]))
    if args.console:
        console = open(args.console, "rb").read().decode("utf-8", "replace")
        hits = [l for l in console.splitlines() if bad.search(l)]
        check("console: no WARNING, BUG, Oops or panic", not hits, "\n".join(hits[:20]))

    failed = sum(1 for _, ok in RESULTS if not ok)
    print(f"{len(RESULTS) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
