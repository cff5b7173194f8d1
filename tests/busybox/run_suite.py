#!/usr/bin/env python3
"""run_suite.py — the BusyBox suite: record every case of tests/busybox/cases.txt on Linux, check
them all on the Lockstep kernel, and print one table.

usage: python3 tests/busybox/run_suite.py [-k PATTERN] [--jobs N] [--accel kvm|tcg] [--json FILE]

1. Snapshots the standard root (build/root) into build/busybox/root, so that a rebuild of the
   root meanwhile cannot split the run, and records each case there with `lockstep record`
   into build/busybox/traces/NAME.trace (N recorders side by side).
2. Checks all the traces with one `lockstep check --keep-going --json` call.
3. The output verdict: does the kernel print what Linux printed and exit with the same status?
   For a MATCH the check's own output is used (a match compares every write and the exit);
   otherwise the case runs again with `lockstep run` (the check stops a trace at its first
   divergence, so its output is cut short there).
4. Prints per case the trace verdict (MATCH, DIVERGE at #k with the call and the field, ERROR,
   TIMEOUT) and the output verdict (PASS, or what differs first: stdout line, stderr, exit status).

Cases listed in tests/busybox/known-failures ("NAME reason") are expected to fail (XFAIL); one
that passes fails the run until its line is removed. Exit status 0 when every other case passes.

As a library: run(cases=None, jobs=1, accel=None) -> list of dict rows (see Row below).
"""
import argparse
import concurrent.futures
import fnmatch
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(TOP, "replayer", "host"))
import tracefile  # noqa: E402  (the host's reader of trace headers and OUTPUT records)

CASES = os.path.join(HERE, "cases.txt")
KNOWN = os.path.join(HERE, "known-failures")
STANDARD_ROOT = os.path.join(TOP, "build", "root")
OUT = os.path.join(TOP, "build", "busybox")
ROOT = os.path.join(OUT, "root")
TRACES = os.path.join(OUT, "traces")
LOCKSTEP = os.path.join(TOP, "lockstep")
DUMP = os.path.join(TOP, "build", "traces", "lockstep-dump")
HEADER = re.compile(r"^=== (sh|exec) ([a-z0-9_-]+)\s*$")
RECORD_TIMEOUT = 120
RUN_TIMEOUT = 20      # seconds for a `lockstep run` of one case (they take 1-2 s under TCG)
CHECK_TIMEOUT = 30


class Case:
    def __init__(self, name, kind, body):
        self.name, self.kind, self.body = name, kind, body

    @property
    def argv(self):
        """The program's argv; argv[0] is the path run (a BusyBox applet link under /bin)."""
        if self.kind == "sh":
            return ["/bin/sh", "-c", self.body]
        words = shlex.split(self.body)
        return ["/bin/" + words[0]] + words[1:]


def load_cases(path=CASES):
    """Parses cases.txt (format in its opening comment); raises ValueError on a bad file."""
    cases, cur = [], None
    with open(path) as fh:
        for n, line in enumerate(fh, 1):
            m = HEADER.match(line)
            if m:
                cur = Case(m.group(2), m.group(1), [])
                if any(c.name == cur.name for c in cases):
                    raise ValueError(f"{path}:{n}: case {cur.name} defined twice")
                cases.append(cur)
            elif line.startswith("==="):
                raise ValueError(f"{path}:{n}: bad header (want '=== sh|exec NAME')")
            elif cur:
                cur.body.append(line.rstrip("\n"))
    for c in cases:
        c.body = "\n".join(c.body).strip("\n")
        if not c.body:
            raise ValueError(f"{path}: case {c.name} is empty")
        if c.kind == "exec" and "\n" in c.body:
            raise ValueError(f"{path}: exec case {c.name} must be one line")
    return cases


def load_known(path=KNOWN):
    known = {}
    if os.path.exists(path):
        for line in open(path):
            line = line.strip()
            if line and not line.startswith("#"):
                name, _, reason = line.partition(" ")
                known[name] = reason.strip() or "(no reason given)"
    return known


def snapshot_root():
    """build/root copied to build/busybox/root (the check's initramfs cache is keyed by content)."""
    if not os.path.isdir(STANDARD_ROOT):
        raise RuntimeError("no standard root build/root (run 'make root')")
    os.makedirs(OUT, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="root.new.", dir=OUT)
    subprocess.run(["cp", "-a", STANDARD_ROOT + "/.", tmp], check=True)
    old = None
    if os.path.exists(ROOT):
        old = tempfile.mkdtemp(prefix="root.old.", dir=OUT)
        os.rename(ROOT, os.path.join(old, "r"))
    os.rename(tmp, ROOT)
    if old:
        subprocess.run(["rm", "-rf", old], check=True)


def recorded_exit(path):
    """The shell-style exit status of task 0 in the trace, or None (from `lockstep dump --json`)."""
    r = subprocess.run([DUMP, "--json", path], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    status = None
    for line in r.stdout.splitlines():
        if '"kind": "exit"' not in line:
            continue
        ev = json.loads(line)
        if ev.get("task") == 0:
            status = ev["status"]
    if status is None:
        return None
    return (status >> 8) & 0xff if status & 0x7f == 0 else 128 + (status & 0x7f)


def record(case):
    """Records one case; returns (trace path or None, error text)."""
    trace = os.path.join(TRACES, case.name + ".trace")
    if os.path.exists(trace):
        os.remove(trace)
    try:
        r = subprocess.run([LOCKSTEP, "record", "-q", "--root", ROOT, "-o", trace, "--"] + case.argv,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=RECORD_TIMEOUT)
    except subprocess.TimeoutExpired:
        return None, f"recording timed out after {RECORD_TIMEOUT} s"
    if not os.path.exists(trace):
        err = r.stderr.decode(errors="replace").strip().splitlines()
        return None, "recording failed: " + (err[-1] if err else f"status {r.returncode}")
    return trace, ""


def check_all(traces, jobs, accel):
    """One `lockstep check` over all traces; returns {trace path: verdict dict from its JSON}."""
    with tempfile.TemporaryDirectory(prefix="busybox-check-") as tmp:
        js = os.path.join(tmp, "check.json")
        cmd = [LOCKSTEP, "check", "--keep-going", "-q", "--root", ROOT, "--jobs", str(jobs),
               "--timeout", str(CHECK_TIMEOUT), "--json", js] + (["--accel", accel] if accel else []) + traces
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if not os.path.exists(js):
            why = (r.stderr.strip() or r.stdout.strip() or f"status {r.returncode}").splitlines()[-1]
            return {t: {"verdict": "ERROR", "line": f"ERROR: lockstep check failed: {why}"} for t in traces}
        with open(js) as fh:
            got = json.load(fh)
    return {os.path.abspath(t["path"]): t for t in got.get("traces", [])}


def run_on_kernel(case, accel):
    """`lockstep run` of the case: (stdout, stderr, exit status), or None when it timed out."""
    cmd = [LOCKSTEP, "run", "--root", ROOT, "--timeout", str(RUN_TIMEOUT)] + \
        (["--accel", accel] if accel else []) + ["--"] + case.argv
    try:
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=RUN_TIMEOUT + 30)
    except subprocess.TimeoutExpired:
        return None
    if r.returncode == 124 and b"lockstep run: timed out" in r.stderr:
        return None
    return r.stdout, r.stderr, r.returncode


def first_difference(want, got):
    """Where two outputs first differ, by line; newlines are shown only when they are the difference."""
    a = want.decode(errors="replace").splitlines(keepends=True)
    b = got.decode(errors="replace").splitlines(keepends=True)
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            if x.rstrip("\n") != y.rstrip("\n"):
                x, y = x.rstrip("\n"), y.rstrip("\n")
            return f"line {i + 1}: {y!r}, expected {x!r}"
    i = min(len(a), len(b))
    if len(a) > len(b):
        return f"line {i + 1}: missing, expected {a[i].rstrip(chr(10))!r}"
    return f"line {i + 1}: extra {b[i].rstrip(chr(10))!r}"


def output_verdict(linux, kernel):
    """linux, kernel: (stdout, stderr, status). Returns (PASS|DIFF, detail)."""
    if linux[0] != kernel[0]:
        return "DIFF", "stdout " + first_difference(linux[0], kernel[0])
    if linux[2] != kernel[2]:
        return "DIFF", f"exit status {kernel[2]}, expected {linux[2]}"
    if linux[1] != kernel[1]:
        return "DIFF", "stderr " + first_difference(linux[1], kernel[1])
    return "PASS", ""


def short_trace(v):
    """The trace verdict for the table: MATCH (N calls), DIVERGE at #k: call -> field ..., ERROR: why."""
    verdict, line = v.get("verdict", "ERROR"), v.get("line", "")
    if verdict == "MATCH":
        return f"MATCH ({v['calls']} calls)" if "calls" in v else "MATCH"
    name = v.get("name", "")
    if name and f" {name}" in line:
        return line.replace(f" {name}", "", 1)
    return line or verdict


def run(cases=None, jobs=1, accel=None, progress=None):
    """Records, checks and compares; returns one dict per case:
       case, kind, argv, trace (path or None), trace_verdict (MATCH/DIVERGE/ERROR/TIMEOUT/NOTRUN),
       trace_line (short text), divergence (the check JSON's, for DIVERGE), output_verdict
       (PASS/DIFF/TIMEOUT/ERROR), output_detail, linux_exit, kernel_exit, output_source
       ('check' or 'run'), known_failure (reason or None), passed (both verdicts good)."""
    say = progress or (lambda msg: None)
    allc = load_cases()
    if cases:
        pats = [cases] if isinstance(cases, str) else list(cases)
        allc = [c for c in allc if any(c.name == p or fnmatch.fnmatch(c.name, p) or
                                       fnmatch.fnmatch(c.name, f"*{p}*") for p in pats)]
    known = load_known()
    snapshot_root()
    os.makedirs(TRACES, exist_ok=True)
    say(f"busybox: recording {len(allc)} cases on Linux ({jobs} at a time) ...")
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        recs = list(pool.map(record, allc))
    traces = [t for t, _ in recs if t]
    say(f"busybox: checking {len(traces)} traces on the kernel ...")
    verdicts = check_all(traces, jobs, accel) if traces else {}

    rows = []
    for c, (trace, err) in zip(allc, recs):
        row = {"case": c.name, "kind": c.kind, "argv": c.argv, "trace": trace,
               "known_failure": known.get(c.name), "output_source": None,
               "linux_exit": None, "kernel_exit": None, "divergence": None}
        if not trace:
            row.update(trace_verdict="ERROR", trace_line=f"ERROR: {err}", output_verdict="-", output_detail="")
            rows.append(row)
            continue
        v = verdicts.get(os.path.abspath(trace), {"verdict": "ERROR", "line": "ERROR: no verdict from the check"})
        row.update(trace_verdict=v.get("verdict", "ERROR"), trace_line=short_trace(v),
                   divergence=v.get("divergence"))
        info = tracefile.read(trace)
        row["linux_exit"] = recorded_exit(trace)
        row["_linux"] = (info.stdout, info.stderr, row["linux_exit"])
        if row["trace_verdict"] == "MATCH":
            row["output_source"] = "check"
            row["_kernel"] = (v.get("stdout", "").encode(), v.get("stderr", "").encode(), row["linux_exit"])
        rows.append(row)

    todo = [r for r in rows if r["trace"] and "_kernel" not in r]
    if todo:
        say(f"busybox: running {len(todo)} cases that did not match with `lockstep run` ...")
        byname = {c.name: c for c in allc}
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            outs = list(pool.map(lambda r: run_on_kernel(byname[r["case"]], accel), todo))
        for r, out in zip(todo, outs):
            r["output_source"] = "run"
            r["_kernel"] = out
    for r in rows:
        lin, ker = r.pop("_linux", None), r.pop("_kernel", None)
        if lin is None:
            continue
        if ker is None:
            r.update(output_verdict="TIMEOUT", output_detail=f"lockstep run timed out after {RUN_TIMEOUT} s")
            continue
        r["kernel_exit"] = ker[2]
        ov, detail = output_verdict(lin, ker)
        if ker[2] == 125 and b"kernel panic" in ker[1]:
            ov, detail = "ERROR", "kernel panic in `lockstep run`"
        r.update(output_verdict=ov, output_detail=detail)
    for r in rows:
        r["passed"] = r["trace_verdict"] == "MATCH" and r["output_verdict"] == "PASS"
    return rows


def failure_reason(row):
    """One line for a known-failures file: the first divergence (record, call, field, values)
    and, when the output differs too, how."""
    d = row.get("divergence") or {}
    if row["trace_verdict"] == "DIVERGE" and d and d.get("recorded", "").startswith("---"):
        sig = d["recorded"].split()[1]
        why = f"DIVERGE at #{d.get('record', '?')}: {sig} delivery expected, the kernel executed {d.get('actual', '?')}"
    elif row["trace_verdict"] == "DIVERGE" and d:
        call = d.get("recorded") or d.get("executed") or "?"
        call = call if len(call) <= 60 else call[:57] + "..."
        why = (f"DIVERGE at #{d.get('record', '?')} {call}: {d.get('field', '?')} "
               f"{d.get('actual', '?')}, expected {d.get('expected', '?')}")
    elif row["trace_verdict"] == "MATCH":
        why = "trace MATCH"
    else:
        why = row["trace_line"]
    if row["output_verdict"] not in ("PASS", "-"):
        why += f"; output {row['output_verdict']} {row['output_detail']}"[:160]
    return " ".join(why.split())


def update_known(rows):
    """Rewrites tests/busybox/known-failures with the failing cases of rows (cases not in rows keep
    their lines) and the matching tests/busybox/test_busybox:CASE lines of tests/known-failures."""
    ran = {r["case"] for r in rows}
    known = {k: v for k, v in load_known().items() if k not in ran}
    known.update({r["case"]: failure_reason(r) for r in rows if not r["passed"]})
    order = [c.name for c in load_cases() if c.name in known]
    head = ["# BusyBox cases known to fail today: NAME, then the first divergence (and the output",
            "# difference, if any). Written by `run_suite.py --update-known`; a listed case that passes",
            "# fails the run until its line is removed. Mirrored in tests/known-failures as",
            "# tests/busybox/test_busybox:NAME for `make test`."]
    with open(KNOWN, "w") as fh:
        fh.write("\n".join(head + [f"{n} {known[n]}" for n in order]) + "\n")
    top = os.path.join(TOP, "tests", "known-failures")
    prefix = "tests/busybox/test_busybox:"
    lines = [ln for ln in open(top).read().splitlines() if not ln.startswith(prefix)]
    lines += [f"{prefix}{n} {known[n]}" for n in order]
    with open(top, "w") as fh:
        fh.write("\n".join(lines) + "\n")
    return len(order)


def divergence_groups(rows):
    """The first divergences grouped by what differs: [(key, [case, ...])], largest group first.
    The key is the recorded call's name (or the event) and the field, e.g. 'readlink: result'."""
    groups = {}
    for r in rows:
        d = r.get("divergence")
        if r["trace_verdict"] != "DIVERGE" or not d:
            continue
        rec = d.get("recorded", "?")
        what = "signal " + rec.split()[1] if rec.startswith("---") else rec.split("(", 1)[0]
        if d.get("field") == "event" and what.startswith("signal"):
            key = f"{what} expected, the kernel went on without it"
        elif d.get("field") == "event":
            key = f"{what} expected, {d.get('actual', '?').split('(', 1)[0]} executed"
        else:
            key = f"{what}: {d.get('field', '?')}"
        groups.setdefault(key, []).append(r["case"])
    return sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))


def table(rows, known=None):
    """The printed table and summary; returns (lines, failures): failures name what fails the run."""
    known = load_known() if known is None else known
    width = max([len(r["case"]) for r in rows] + [4]) + 2
    lines = [f"{'case':<{width}} {'trace':<70} output"]
    bad = []
    for r in rows:
        t = r["trace_line"]
        t = t if len(t) <= 70 else t[:67] + "..."
        o = r["output_verdict"] + (f" {r['output_detail']}" if r["output_detail"] else "")
        o = o if len(o) <= 90 else o[:87] + "..."
        tag = ""
        if r["case"] in known:
            tag = "  [XPASS: remove from known-failures]" if r["passed"] else "  [XFAIL]"
            if r["passed"]:
                bad.append(f"{r['case']}: passes now; remove it from tests/busybox/known-failures")
        elif not r["passed"]:
            bad.append(r["case"])
        lines.append(f"{r['case']:<{width}} {t:<70} {o}{tag}")
    count = lambda key: ", ".join(f"{n} {v}" for v, n in sorted(  # noqa: E731
        {v: sum(1 for r in rows if r[key] == v) for v in {r[key] for r in rows}}.items()))
    xfail = sum(1 for r in rows if r["case"] in known and not r["passed"])
    groups = divergence_groups(rows)
    if groups:
        lines += ["", "first divergences by call and field:"]
        lines += [f"  {len(cs):3d}  {key}: {' '.join(cs)}"[:200] for key, cs in groups]
    lines += ["", f"trace verdicts:  {count('trace_verdict')}",
              f"output verdicts: {count('output_verdict')}",
              f"{len(rows) - len(bad) - xfail} passed, {xfail} known failures, {len(bad)} failed "
              f"({len(rows)} cases)"]
    return lines, bad


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0], epilog=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-k", metavar="PATTERN", action="append",
                    help="only cases whose name matches (glob or substring; repeatable)")
    ap.add_argument("--jobs", "-j", type=int, default=2)
    ap.add_argument("--accel", choices=["kvm", "tcg"])
    ap.add_argument("--json", metavar="FILE", help="write the rows as JSON")
    ap.add_argument("--list", action="store_true", help="list the cases and exit")
    ap.add_argument("--update-known", action="store_true",
                    help="rewrite tests/busybox/known-failures (and this suite's lines in tests/known-failures) "
                         "from this run's failures")
    args = ap.parse_args(argv)
    if args.list:
        for c in load_cases():
            print(f"{c.name:<20} {shlex.join(c.argv)[:100]!s}".replace("\n", "; "))
        return 0
    try:
        rows = run(args.k, args.jobs, args.accel, progress=lambda m: print(m, flush=True))
    except (RuntimeError, ValueError) as e:
        print(f"busybox: {e}", file=sys.stderr)
        return 2
    if not rows:
        print("busybox: no case matches")
        return 2
    if args.update_known:
        n = update_known(rows)
        print(f"busybox: {n} known failures written to tests/busybox/known-failures and tests/known-failures")
    lines, bad = table(rows)
    print("\n" + "\n".join(lines))
    for b in bad:
        if ":" in b:
            print(b)
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(rows, fh, indent=1)
    return 0 if not bad else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
