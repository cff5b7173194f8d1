"""Shared helpers for the recorder's tests: run the recorder, read traces through
build/recorder/trace-lines (the codec), parse strace's raw output."""
import atexit
import errno
import os
import re
import shutil
import signal
import subprocess
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RECORD = os.path.join(TOP, "build", "recorder", "lockstep-record")
LINES = os.path.join(TOP, "build", "recorder", "trace-lines")
ROOTHASH = os.path.join(TOP, "build", "recorder", "lockstep-roothash")
ROOT = os.path.join(TOP, "build", "root")


def tmpdir():
    """A scratch directory, removed when the test exits (set KEEP=1 to keep it)."""
    d = tempfile.mkdtemp(prefix="lockstep-rectest-")
    if not os.environ.get("KEEP"):
        atexit.register(shutil.rmtree, d, True)
    return d


def record(argv, trace, extra=(), quiet=True):
    """Records argv into trace; returns the CompletedProcess (stdout/stderr text)."""
    return subprocess.run([RECORD, *(["-q"] if quiet else []), *extra, "-o", trace, "--", *argv],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=300)


def run_strace(argv, out):
    return subprocess.run([RECORD, "-q", "--strace-raw", "--strace", out, "--", *argv],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=300)


def read_trace(trace, mask=False):
    """The trace as a list of events: dicts with 'kind' (S B E G X O H END) and fields."""
    p = subprocess.run([LINES] + (["--mask-world"] if mask else []) + [trace],
                       stdout=subprocess.PIPE, text=True)
    events = []
    for line in p.stdout.splitlines():
        w = line.split(" ")
        k = w[0]
        if k == "S":
            events.append({"kind": "S", "task": int(w[1]), "name": w[2], "nr": int(w[3]),
                           "flags": int(w[4]), "result": int(w[5]),
                           "args": [int(x) for x in w[6:12]], "world": w[12] == "1", "mem": []})
        elif k == "M":
            events[-1]["mem"].append({"dir": int(w[1]), "arg": int(w[2]), "elem": int(w[3]),
                                      "offset": int(w[4]), "addr": int(w[5]),
                                      "data": "" if w[6] == "-" else w[6]})
        elif k == "B":
            events.append({"kind": "B", "task": int(w[1]), "child": int(w[2]), "index": int(w[3]),
                           "how": int(w[4]), "flags": int(w[5])})
        elif k == "E":
            events.append({"kind": "E", "task": int(w[1]), "path": w[2], "argc": int(w[3])})
        elif k == "G":
            events.append({"kind": "G", "task": int(w[1]), "signo": int(w[2]), "code": int(w[3])})
        elif k == "X":
            events.append({"kind": "X", "task": int(w[1]), "status": int(w[2]), "flags": int(w[3])})
        elif k == "O":
            events.append({"kind": "O", "stream": int(w[1]),
                           "data": b"" if w[2] == "-" else bytes.fromhex(w[2])})
        elif k == "H":
            events.append({"kind": "H", "program": w[1], "hash": w[2]})
        elif k == "END":
            events.append({"kind": "END", "ok": w[1] == "ok", "why": " ".join(w[1:])})
    return events, p.returncode


def by_task(events):
    tasks = {}
    for e in events:
        if "task" in e:
            tasks.setdefault(e["task"], []).append(e)
    return tasks


# ---- strace ----

RESTART = {"ERESTARTSYS": 512, "ERESTARTNOINTR": 513, "ERESTARTNOHAND": 514,
           "ERESTART_RESTARTBLOCK": 516}
CALL = re.compile(r"^(\w+)\((.*)\)\s+=\s+(.*)$")
SIG = re.compile(r"^--- (SIG\w+) \{(.*)\} ---$")


def _result(text):
    w = text.split()
    if w[0] == "?":
        if len(w) > 1 and w[1] in RESTART:
            return -RESTART[w[1]]
        return None
    v = int(w[0], 0)
    if v == -1 and len(w) > 1 and w[1] in RESTART:   # "-1 ERESTARTNOHAND (Unknown error 514)"
        return -RESTART[w[1]]
    if v == -1 and len(w) > 1 and hasattr(errno, w[1]):
        return -getattr(errno, w[1])
    return v


def parse_strace(path):
    """{pid: [("S", name, [args], result) | ("G", signo)]}, from the program's first execve
    on (that execve itself left out), pids in order of first appearance."""
    seqs, pending, started = {}, {}, False
    with open(path) as fh:
        for raw in fh:
            m = re.match(r"^(\d+)\s+(.*)$", raw.rstrip("\n"))
            if not m:
                continue
            pid, text = int(m.group(1)), m.group(2).strip()
            if text.endswith("<unfinished ...>"):
                pending[pid] = text[: -len("<unfinished ...>")].rstrip()
                continue
            r = re.match(r"^<\.\.\. \w+ resumed>(.*)$", text)
            if r:
                text = pending.pop(pid, "") + r.group(1)
            sup = re.match(r"^\+\+\+ superseded by execve in pid (\d+) \+\+\+$", text)
            if sup:
                # Thread X exec'd and now has pid P: P's old stream ends, X's goes on as P.
                old = int(sup.group(1))
                seqs[f"{pid}-before-exec"] = seqs.pop(pid, [])
                seqs[pid] = seqs.pop(old, [])
                if old in pending:
                    pending[pid] = pending.pop(old)
                continue
            if not started:
                if text.startswith("execve(") and _result(text.rsplit("=", 1)[1]) == 0:
                    started = True
                continue
            s = SIG.match(text)
            if s:
                seqs.setdefault(pid, []).append(("G", signal.Signals[s.group(1)].value))
                continue
            c = CALL.match(text)
            if not c:
                continue   # "+++ exited +++" and the like
            args = [int(a, 0) for a in c.group(2).split(", ") if a]
            seqs.setdefault(pid, []).append(("S", c.group(1), args, _result(c.group(3))))
    return seqs


def our_sequences(events):
    """{task: [...]} in parse_strace's shape, from our trace's events."""
    seqs = {}
    for e in events:
        if e["kind"] == "S":
            if e["flags"] & 1:   # TRACE_SC_NORETURN
                res = 0 if e["name"] in ("execve", "execveat") else None
            else:
                res = e["result"]
            seqs.setdefault(e["task"], []).append(("S", e["name"], e["args"], res))
        elif e["kind"] == "G":
            seqs.setdefault(e["task"], []).append(("G", e["signo"]))
    return seqs


class AddressMap:
    """A consistent bijection between address-like values (>= 64 KiB) of two runs."""

    def __init__(self, fwd=None, back=None):
        self.fwd, self.back = dict(fwd or {}), dict(back or {})

    def copy(self):
        return AddressMap(self.fwd, self.back)

    def same(self, a, b):
        if a is None or b is None:
            return a is b
        if a < 0x10000 or b < 0x10000:
            return a == b
        if a in self.fwd:
            return self.fwd[a] == b
        if b in self.back:
            return False
        self.fwd[a], self.back[b] = b, a
        return True


def _same_value(amap, theirs, ours):
    """strace prints int-typed arguments in 32 bits; our registers hold 64."""
    if theirs is not None and ours is not None and theirs <= 0xffffffff < ours:
        ours &= 0xffffffff
    return amap.same(theirs, ours)


RESTARTS = {-512, -513, -514, -516}


def split_signals(seq):
    """(syscalls, signal summary). Where a signal is delivered depends on timing, so
    signal deliveries, the rt_sigreturn ending each handler and the calls they cut short
    (ERESTART* results, then restarted) are taken out of the sequence and summarised."""
    calls, sigs = [], set()
    for item in seq:
        if item[0] == "G":
            sigs.add(item[1])   # a set: a second SIGCHLD may merge into a pending one
        elif item[1] == "rt_sigreturn" or item[1] == "restart_syscall" or item[3] in RESTARTS:
            continue
        else:
            calls.append(item)
    return calls, sorted(sigs)


def compare_seq(amap, theirs, ours):
    """None when equal (amap extended), else a description of the first difference."""
    theirs, tsig = split_signals(theirs)
    ours, osig = split_signals(ours)
    if tsig != osig:
        return f"signals delivered: strace {tsig}, trace {osig}"
    for i in range(max(len(theirs), len(ours))):
        if i >= len(theirs) or i >= len(ours):
            return f"item {i}: strace has {theirs[i] if i < len(theirs) else 'nothing'}, " \
                   f"trace has {ours[i] if i < len(ours) else 'nothing'}"
        t, o = theirs[i], ours[i]
        ok = t[0] == o[0] and t[1] == o[1]
        if ok and t[0] == "S":
            ok = all(_same_value(amap, a, b) for a, b in zip(t[2], o[2])) and \
                _same_value(amap, t[3], o[3])
        if not ok:
            return f"item {i}: strace {t} vs trace {o}"
    return None


def match_tasks(ours, theirs):
    """Pairs each strace pid with a task whose sequence equals it, under one address
    mapping. Returns (events compared, None) or (0, why)."""
    if len(ours) != len(theirs):
        return 0, f"{len(theirs)} pids under strace, {len(ours)} tasks in the trace"
    amap, free, total = AddressMap(), sorted(ours), 0
    for pid, seq in theirs.items():
        why = None
        for task in free:
            trial = amap.copy()
            why_t = compare_seq(trial, seq, ours[task])
            if why_t is None:
                amap = trial
                free.remove(task)
                total += len(seq)
                break
            why = why or f"strace pid {pid} vs task {task}: {why_t}"
        else:
            return 0, f"no task matches strace pid {pid}; first try: {why}"
    return total, None


def oracle(argv, tmp, name, extra=()):
    """Records argv and runs it under strace, both in the sandbox; compares. Returns
    (events compared, None) or (0, why)."""
    trace, st = os.path.join(tmp, name + ".trace"), os.path.join(tmp, name + ".strace")
    p = record(argv, trace, extra)
    if p.returncode != run_strace(argv, st).returncode:
        return 0, f"exit statuses differ (record: {p.returncode}: {p.stderr.strip()})"
    events, status = read_trace(trace)
    if status != 0:
        return 0, f"trace unreadable: {events[-1] if events else '?'}"
    return match_tasks(our_sequences(events), parse_strace(st))
