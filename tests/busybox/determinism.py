#!/usr/bin/env python3
"""determinism.py — records every BusyBox case twice on Linux and compares the two traces, to
keep cases.txt free of cases whose recording depends on timing (a by-hand tool, not in make test).

usage: python3 tests/busybox/determinism.py [-k PATTERN] [--jobs N]

The comparison is recorder/tests/test_determinism's: each task's events in order, through
build/recorder/trace-lines --mask-world (world-input results and bytes, time/inode/device fields
masked), stdout and stderr concatenated per stream. A difference is reported as
  task T event I: <first run> vs <second run>
and classified: 'output' (the program printed something else), 'signal' (a signal arrived at
another point of a task's stream: SIGCHLD racing with wait4 and the like), 'events' (anything else).
"""
import argparse
import concurrent.futures
import fnmatch
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import run_suite  # noqa: E402

LINES = os.path.join(run_suite.TOP, "build", "recorder", "trace-lines")
DET = os.path.join(run_suite.OUT, "determinism")


def events(trace):
    """(per-task event tuples, {stream: bytes}) of a trace, world inputs masked."""
    p = subprocess.run([LINES, "--mask-world", trace], stdout=subprocess.PIPE, text=True)
    tasks, out = {}, {1: b"", 2: b""}
    for line in p.stdout.splitlines():
        w = line.split(" ")
        if w[0] == "O":
            out[int(w[1])] += b"" if w[2] == "-" else bytes.fromhex(w[2])
        elif w[0] == "M" and tasks.get("_last") is not None:
            tasks["_last"].append(line)
        elif w[0] in ("S", "B", "E", "G", "X"):
            ev = [line]
            tasks.setdefault(int(w[1]), []).append(ev)
            tasks["_last"] = ev
    tasks.pop("_last", None)
    return tasks, out


def without_sigchld(tasks):
    """The streams without what a SIGCHLD's timing moves: its deliveries, the rt_sigreturn after
    the shell's handler, the calls it cut short (-ERESTART*) and the shell's WNOHANG polls."""
    out = {}
    for task, evs in tasks.items():
        keep = []
        for ev in evs:
            w = ev[0].split(" ")
            if w[0] == "G" and w[2] == "17":
                continue
            if w[0] == "S" and (w[2] == "rt_sigreturn" or -516 <= int(w[5]) <= -512 or
                                (w[2] == "wait4" and int(w[8]) & 1)):
                continue
            keep.append(ev)
        out[task] = keep
    return out


def compare(a, b, strict=True):
    """(kind, why) of the first difference, (None, '') when the same. Not strict: SIGCHLD's
    timing (without_sigchld) is left out, and what differs then is classified 'events'."""
    if not strict:
        a, b = (without_sigchld(a[0]), a[1]), (without_sigchld(b[0]), b[1])
    (ta, oa), (tb, ob) = a, b
    if oa != ob:
        s = 1 if oa[1] != ob[1] else 2
        return "output", f"fd {s} differs: {oa[s][:120]!r} vs {ob[s][:120]!r}"
    if sorted(ta) != sorted(tb):
        return "events", f"tasks differ: {sorted(ta)} vs {sorted(tb)}"
    for task in sorted(ta):
        x, y = ta[task], tb[task]
        for i in range(max(len(x), len(y))):
            ex, ey = (x[i] if i < len(x) else ["none"]), (y[i] if i < len(y) else ["none"])
            if ex != ey:
                kind = "signal" if ex[0].startswith("G ") or ey[0].startswith("G ") else "events"
                return kind, f"task {task} event {i}: {' | '.join(ex)[:200]} vs {' | '.join(ey)[:200]}"
    return None, ""


def one(case):
    runs = []
    for k in (1, 2):
        trace = os.path.join(DET, f"{case.name}.{k}.trace")
        r = subprocess.run([run_suite.LOCKSTEP, "record", "-q", "--root", run_suite.ROOT, "-o", trace, "--"]
                           + case.argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120)
        if not os.path.exists(trace):
            return case.name, "error", f"record failed: {r.stderr.decode(errors='replace').strip()}"
        runs.append(events(trace))
    kind, why = compare(*runs)
    if kind in ("signal", "events"):
        k2, why2 = compare(*runs, strict=False)
        if k2:
            return case.name, k2, why2 + "  (apart from SIGCHLD timing)"
        return case.name, "signal", "only SIGCHLD timing: " + why
    return case.name, kind, why


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0], epilog=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-k", metavar="PATTERN")
    ap.add_argument("--jobs", "-j", type=int, default=2)
    args = ap.parse_args(argv)
    cases = [c for c in run_suite.load_cases()
             if not args.k or fnmatch.fnmatch(c.name, args.k) or args.k in c.name]
    run_suite.snapshot_root()
    os.makedirs(DET, exist_ok=True)
    bad = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for name, kind, why in pool.map(one, cases):
            if kind:
                bad += 1
                print(f"DIFFER {name} [{kind}] {why}", flush=True)
            else:
                print(f"SAME   {name}", flush=True)
    print(f"{len(cases) - bad} deterministic, {bad} differ")
    return 0 if not bad else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
