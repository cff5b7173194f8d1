#!/usr/bin/env python3
"""suite.py — what `make check` runs: record every contract on Linux, check them all on the
kernel, and print one table.

usage: python3 replayer/host/suite.py [--jobs N] [--accel kvm|tcg] [--only GLOB] [--json FILE]

1. Snapshots the standard root (build/root) into build/traces/suite/root, and records each
   contract program /contracts/CAT/NAME, and each BusyBox script of SCRIPTS (busybox/NAME), in it with `lockstep record` into
   build/traces/suite/CAT.NAME.trace (kept while the root tree and the program are unchanged).
2. Checks them all with `lockstep check` (one boot per job, --keep-going).
3. Prints per contract: the trace verdict (MATCH, or DIVERGE at #k with the call, ERROR,
   TIMEOUT) and the output verdict, the kernel's stdout+stderr against Linux's line by line:
   PASS (the same), FAIL (the contract itself reported a failed check on the kernel), DIVERGE
   (first differing line). Contracts listed in contracts/known-failures ("CAT/NAME reason")
   show XFAIL; one of them that passes fails the run until its line is removed.
4. Writes build/coverage.txt: the syscalls the traces make and the flag values they use,
   against the kernel's syscall table (implemented calls no contract touches are named).

Exit status 0 when every contract not listed as a known failure matches on both counts.
"""
import argparse
import concurrent.futures
import fnmatch
import glob
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import check  # noqa: E402
import qemu  # noqa: E402
import tracefile  # noqa: E402

TOP = qemu.TOP
STANDARD_ROOT = os.path.join(TOP, "build", "root")
SUITE = os.path.join(TOP, "build", "traces", "suite")
ROOT = os.path.join(SUITE, "root")   # a snapshot of the standard root: recorded and checked alike
KNOWN = os.path.join(TOP, "contracts", "known-failures")
COVERAGE = os.path.join(TOP, "build", "coverage.txt")
LOCKSTEP = os.path.join(TOP, "lockstep")
DUMP = os.path.join(TOP, "build", "traces", "lockstep-dump")


# BusyBox scripts, recorded and checked like the contracts (name: the shell command).
SCRIPTS = {
    "busybox/pipeline": "echo one two three | tr a-z A-Z | wc -c",
    "busybox/files": "cd /tmp && echo hello > a && cp a b && cat a b | sort | uniq -c && rm a b && ls -a",
    "busybox/text": "printf 'b 2\\na 1\\nc 3\\n' | sort -k2 -n | cut -d' ' -f1 | tr -d '\\n'; echo",
    "busybox/loop": "i=0; while [ $i -lt 5 ]; do i=$((i+1)); echo line $i; done | tail -n 2",
}


def snapshot_root():
    """Copies the standard root, so that rebuilding it meanwhile cannot split the suite."""
    tmp = ROOT + ".new"
    subprocess.run(["rm", "-rf", tmp], check=True)
    os.makedirs(SUITE, exist_ok=True)
    subprocess.run(["cp", "-a", STANDARD_ROOT, tmp], check=True)
    subprocess.run(["rm", "-rf", ROOT], check=True)
    os.rename(tmp, ROOT)


def contracts(only):
    found = []
    for path in sorted(glob.glob(os.path.join(ROOT, "contracts", "*", "*"))):
        if os.path.isfile(path) and os.access(path, os.X_OK):
            cat, name = path.split(os.sep)[-2:]
            ident = f"{cat}/{name}"
            if not only or fnmatch.fnmatch(ident, only):
                found.append(ident)
    found += [s for s in SCRIPTS if not only or fnmatch.fnmatch(s, only)]
    return found


def known_failures():
    known = {}
    if os.path.exists(KNOWN):
        for line in open(KNOWN):
            line = line.strip()
            if line and not line.startswith("#"):
                name, _, reason = line.partition(" ")
                known[name] = reason.strip() or "(no reason given)"
    return known


def record_all(idents, digest, jobs):
    """Records what is missing or stale; returns {ident: trace path or None}, {ident: error}."""
    os.makedirs(SUITE, exist_ok=True)
    stamp = os.path.join(SUITE, ".roothash")
    if not os.path.exists(stamp) or open(stamp).read().strip() != digest:
        for old in glob.glob(os.path.join(SUITE, "*.trace")):
            os.remove(old)
        with open(stamp, "w") as fh:
            fh.write(digest + "\n")
    paths, errors = {}, {}

    def one(ident):
        trace = os.path.join(SUITE, ident.replace("/", ".") + ".trace")
        if ident in SCRIPTS:
            prog, argv = os.path.join(ROOT, "bin", "busybox"), ["/bin/sh", "-c", SCRIPTS[ident]]
        else:
            prog, argv = os.path.join(ROOT, "contracts", ident), [f"/contracts/{ident}"]
        if os.path.exists(trace) and os.path.getmtime(trace) >= os.path.getmtime(prog):
            return ident, trace, None
        r = subprocess.run([LOCKSTEP, "record", "--root", ROOT, "-o", trace, "--", *argv],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120)
        if not os.path.exists(trace):
            return ident, None, r.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["no trace"]
        return ident, trace, None

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for ident, trace, err in pool.map(one, idents):
            paths[ident] = trace
            if err:
                errors[ident] = err[0]
    return paths, errors


def output_verdict(linux, ours, trace_verdict):
    if trace_verdict in ("ERROR", "TIMEOUT", "NOTRUN") and not ours:
        return "-", ""
    a, b = linux.splitlines(), ours.splitlines()
    for line in b:
        if ": FAIL" in line:
            return "FAIL", line.strip()
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return "DIVERGE", f"line {i + 1}: {y!r}, expected {x!r}"
    if len(a) != len(b):
        i = min(len(a), len(b))
        return "DIVERGE", (f"line {i + 1}: missing, expected {a[i]!r}" if len(a) > len(b)
                           else f"line {i + 1}: extra {b[i]!r}")
    return "PASS", ""


def short_trace(r):
    if r.verdict == "MATCH":
        m = re.search(r"\((\d+) calls", r.line)
        return f"MATCH ({m.group(1)} calls)" if m else "MATCH"
    if r.verdict == "DIVERGE":
        return "DIVERGE" + r.line.split(r.name, 1)[1] if r.name in r.line else r.line
    return r.line.replace(f" {r.name}", "", 1)


def coverage(traces, kernel_elf):
    """Syscalls and flag values used by the traces, against the kernel's sys_* symbols."""
    used = {}
    for path in traces:
        out = subprocess.run([DUMP, "--json", path], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             text=True).stdout
        for line in out.splitlines():
            try:
                ev = json.loads(line)
            except ValueError:
                continue
            if ev.get("kind") != "syscall":
                continue
            name = ev.get("name") or f"syscall_{ev.get('nr')}"
            entry = used.setdefault(name, {"calls": 0, "traces": set(), "flags": set(), "errors": set()})
            entry["calls"] += 1
            entry["traces"].add(os.path.basename(path))
            text = re.sub(r'"(?:[^"\\]|\\.)*"', '""', ev.get("text", ""))
            args, _, result = text.partition(") = ")
            entry["flags"].update(t for t in re.findall(r"\b[A-Z][A-Z0-9_]{2,}\b", args) if t != "NULL")
            entry["errors"].update(re.findall(r"\bE[A-Z0-9]{2,}\b", result))
    implemented = set()
    nm = subprocess.run(["nm", kernel_elf], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout
    for line in nm.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "Tt" and parts[2].startswith("sys_"):
            implemented.add(parts[2][4:])
    lines = [f"# Syscall coverage of {len(traces)} traces (build/traces/suite) against the kernel's table",
             f"# {len(used)} syscalls used, {len(implemented)} implemented by the kernel", ""]
    for name in sorted(used):
        e = used[name]
        mark = "" if name in implemented else "   [NOT IMPLEMENTED]"
        lines.append(f"{name}: {e['calls']} calls in {len(e['traces'])} traces{mark}")
        if e["flags"]:
            lines.append(f"    flags/values: {' '.join(sorted(e['flags']))}")
        if e["errors"]:
            lines.append(f"    errors seen:  {' '.join(sorted(e['errors']))}")
    untouched = sorted(implemented - set(used) - {"ni"})
    lines += ["", f"# implemented but not exercised by any trace ({len(untouched)}):",
              " ".join(untouched) or "(none)"]
    missing = sorted(n for n in used if n not in implemented)
    lines += ["", f"# used by the traces but not implemented ({len(missing)}):", " ".join(missing) or "(none)"]
    with open(COVERAGE, "w") as fh:
        fh.write("\n".join(lines) + "\n")
    return len(used), len(untouched), len(missing)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0], epilog=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jobs", "-j", type=int, default=2)
    ap.add_argument("--accel", choices=["kvm", "tcg"])
    ap.add_argument("--only", metavar="GLOB", help="only contracts CAT/NAME matching GLOB")
    ap.add_argument("--timeout", type=float, default=15.0, help="seconds per trace (default 15)")
    ap.add_argument("--json", metavar="FILE")
    args = ap.parse_args(argv)

    if not os.path.isdir(STANDARD_ROOT):
        print("suite: no standard root (make root)")
        return 1
    snapshot_root()
    idents = contracts(args.only)
    if not idents:
        print("suite: no contracts under build/root/contracts (make contracts root)")
        return 1
    digest = check.root_hash(ROOT)
    print(f"suite: recording {len(idents)} contracts on Linux ...", flush=True)
    paths, rec_errors = record_all(idents, digest, args.jobs)
    traces = [paths[i] for i in idents if paths.get(i)]
    print(f"suite: checking {len(traces)} traces on the kernel ({args.jobs} QEMU) ...", flush=True)
    cargs = check.parse_args(["--keep-going", "--jobs", str(args.jobs), "--timeout", str(args.timeout),
                              "--root", ROOT, "-q"] + (["--accel", args.accel] if args.accel else []) +
                             (traces or ["-"]))
    done = [0]

    def progress(r):
        done[0] += 1
        if r.verdict != "MATCH":
            print(f"  [{done[0]}/{len(traces)}] {r.line[:150]}", flush=True)

    results = {r.path: r for r in check.check(cargs, emit=progress)} if traces else {}
    known = known_failures()

    width = max(len(i) for i in idents) + 2
    print(f"\n{'contract':<{width}} {'trace':<58} output")
    counts = {}
    bad = []
    rows = []
    for ident in idents:
        path = paths.get(ident)
        if not path:
            tv, ov, detail, r = "ERROR", "-", f"recording failed: {rec_errors.get(ident, '?')}", None
            tshort = f"ERROR: {detail}"
        else:
            r = results[path]
            info = tracefile.read(path)
            linux = (info.stdout + info.stderr).decode(errors="replace")
            ours = (bytes(r.stdout) + bytes(r.stderr)).decode(errors="replace")
            tv = r.verdict
            ov, detail = output_verdict(linux, ours, tv)
            tshort = short_trace(r)
        ok = tv == "MATCH" and ov == "PASS"
        tag = ""
        if ident in known:
            tag = "XPASS" if ok else "XFAIL"
            if ok:
                bad.append(f"{ident}: passes now; remove it from contracts/known-failures")
        elif not ok:
            bad.append(ident)
        counts[("trace", "XFAIL" if tag == "XFAIL" else tv)] = counts.get(("trace", "XFAIL" if tag == "XFAIL" else tv), 0) + 1
        counts[("output", ov)] = counts.get(("output", ov), 0) + 1
        shown_t = tshort if len(tshort) <= 58 else tshort[:55] + "..."
        extra = f" {detail}" if detail and ov != "PASS" else ""
        suffix = f"  [{tag}: {known[ident]}]" if tag else ""
        print(f"{ident:<{width}} {shown_t:<58} {ov}{extra[:80]}{suffix}")
        rows.append({"contract": ident, "trace": tv, "trace_line": r.line if r else tshort, "output": ov,
                     "output_detail": detail, "known_failure": known.get(ident)})
    tsum = ", ".join(f"{n} {k[1].lower()}" for k, n in sorted(counts.items()) if k[0] == "trace")
    osum = ", ".join(f"{n} {k[1].lower()}" for k, n in sorted(counts.items()) if k[0] == "output")
    print(f"\ntrace verdicts: {tsum}\noutput verdicts: {osum}")
    nused, nuntouched, nmissing = coverage([p for p in traces], qemu.KERNEL)
    print(f"coverage: {nused} syscalls used, {nmissing} of them not implemented, "
          f"{nuntouched} implemented but unexercised (build/coverage.txt)")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(rows, fh, indent=1)
    passed = len(idents) - len(bad)
    print(f"{passed} passed, {len(bad)} failed")
    return 0 if not bad else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
