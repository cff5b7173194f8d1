#!/usr/bin/env python3
"""lockstep check — replay-check traces on the Lockstep kernel, one boot per batch.

usage: lockstep check [--accel kvm|tcg] [--jobs N] [--shard K/N] [--json FILE] [--keep-going]
                      [--root DIR] [--timeout S] [-v] TRACE...

Each TRACE (a file, or a directory of *.trace files) was recorded by `lockstep record` against a
root tree; its root hash must be the hash of --root (default build/root), which is packed into
the kernel's initramfs. The traces go to the kernel as the multiboot module `traces`; the kernel
runs them one after another (a fresh file tree each), and prints a verdict per trace:

  MATCH name (N calls; compared C, mapped M, injected I)
  DIVERGE name at #k: <call as executed> -> <field> <actual>, expected <recorded>
  ERROR name: why            (a damaged trace, a different root tree, a kernel crash)
  TIMEOUT name               (the trace hung: QEMU is killed and rebooted for the rest)

then "N passed, N failed". Exit status 0 only if every trace matched. Without --keep-going
the run stops at the first trace that does not match. --jobs N boots N QEMUs side by side;
--shard K/N checks only the K-th of N slices of the traces (for splitting across machines).
--json FILE writes every verdict, with the divergence report and the program's output.
"""
import argparse
import ctypes
import glob
import json
import os
import select
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import initramfs  # noqa: E402
import qemu  # noqa: E402
import tracefile  # noqa: E402

ROOTHASH = os.path.join(qemu.TOP, "build", "recorder", "lockstep-roothash")
DEFAULT_ROOT = os.path.join(qemu.TOP, "build", "root")
CACHE = os.path.join(qemu.TOP, "build", "replayer", "cache")
REPORT_KEYS = {"matched": "matched", "recorded": "recorded", "executed": "executed", "field": "field",
               "expected": "expected", "actual": "actual", "rule": "rule", "user rip": "user_rip"}


class Result:
    def __init__(self, name, path):
        self.name, self.path = name, path
        self.verdict = "NOTRUN"
        self.line = ""
        self.report = []          # the divergence report lines, as the kernel printed them
        self.rules = {}           # how often each comparison rule was applied
        self.stdout = bytearray()
        self.stderr = bytearray()
        self.seconds = 0.0

    @property
    def passed(self):
        return self.verdict == "MATCH"

    def divergence(self):
        d = {"matched": []}
        for line in self.report:
            key, sep, value = line.strip().partition(": ")
            key = key.strip()
            if sep and key in REPORT_KEYS:
                if key == "matched":
                    d["matched"].append(value.strip())
                else:
                    d[REPORT_KEYS[key]] = value.strip()
            elif line.startswith("=== DIVERGENCE"):
                d["where"] = line[4:].strip()
        if self.line.startswith("DIVERGE") and " at #" in self.line:
            d["record"] = int(self.line.split(" at #", 1)[1].split(":", 1)[0])
        return d

    def as_json(self):
        j = {"name": self.name, "path": self.path, "verdict": self.verdict, "line": self.line,
             "seconds": round(self.seconds, 3),
             "stdout": self.stdout.decode(errors="replace"), "stderr": self.stderr.decode(errors="replace")}
        if self.verdict == "MATCH" and "(" in self.line:
            j["calls"] = int(self.line.split("(", 1)[1].split(" ", 1)[0])
        if self.rules:
            j["rules"] = self.rules
        if self.verdict == "DIVERGE":
            j["divergence"] = self.divergence()
        return j


def trace_name(path):
    base = os.path.basename(path)
    return base[:-6] if base.endswith(".trace") else base


def expand(paths):
    out = []
    for p in paths:
        if os.path.isdir(p):
            out += sorted(glob.glob(os.path.join(p, "**", "*.trace"), recursive=True))
        else:
            out.append(p)
    return out


def root_hash(root):
    r = subprocess.run([ROOTHASH, root], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if r.returncode:
        sys.exit(f"lockstep check: cannot hash {root}: {r.stderr.strip()}")
    return r.stdout.split()[0]


def root_cpio(root, digest):
    """The root tree packed as the kernel's initramfs, cached by its content hash."""
    os.makedirs(CACHE, exist_ok=True)
    path = os.path.join(CACHE, f"root-{digest[:16]}-{initramfs.LAYOUT}.cpio")
    if not os.path.exists(path):
        tmp = path + f".{os.getpid()}.tmp"
        with open(tmp, "wb") as fh:
            fh.write(initramfs.pack(root))
        os.replace(tmp, path)
        old = sorted(glob.glob(os.path.join(CACHE, "root-*.cpio")), key=os.path.getmtime)[:-6]
        for stale in old:   # keep the few newest trees
            try:
                os.remove(stale)
            except OSError:
                pass
    return path


def pack_traces(items, path):
    """The `traces` module (format in replayer/kernel/kglue.c)."""
    def pad(b):
        return b + b"\0" * (-len(b) % 8)
    parts = [b"LSTRACES", struct.pack("<II", len(items), 0)]
    for name, data in items:
        nb = name.encode()[:200]
        parts += [struct.pack("<IIQ", len(nb), 0, len(data)), pad(nb), pad(data)]
    with open(path, "wb") as fh:
        fh.write(b"".join(parts))


class Console:
    """COM1: plain bytes are the kernel log; NUL TYPE LEN DATA frames (kernel/console.c).
    'c' frames are check mode's lines (replayer/kernel/kglue.c)."""

    def __init__(self):
        self.buf = b""
        self.log = bytearray()
        self.line = b""

    def feed(self, data):
        """Yields ('line', text) for each complete check line, ('o'|'e', bytes) for output."""
        self.buf += data
        while self.buf:
            nul = self.buf.find(b"\0")
            if nul != 0:
                self.log += self.buf if nul < 0 else self.buf[:nul]
                self.buf = b"" if nul < 0 else self.buf[nul:]
                continue
            if len(self.buf) < 3 or len(self.buf) < 3 + self.buf[2]:
                return
            kind, n = chr(self.buf[1]), self.buf[2]
            payload, self.buf = self.buf[3:3 + n], self.buf[3 + n:]
            if kind == "c":
                self.line += payload
                while b"\n" in self.line:
                    text, self.line = self.line.split(b"\n", 1)
                    yield "line", text.decode(errors="replace")
            elif kind in "oe":
                yield kind, payload

    def log_tail(self, n=6):
        lines = self.log.decode(errors="replace").strip().splitlines()
        return " | ".join(lines[-n:])


def boot_command(root_cpio_path, traces_path, accel, extra=(), memory="512M", kernel=qemu.KERNEL):
    return qemu.command([(root_cpio_path, "root"), (traces_path, "traces")], accel=accel,
                        memory=memory, kernel=kernel, extra=extra)


def per_boot(args, cpio):
    """--per-boot, or as many traces as half the guest's memory holds copies of the root."""
    if args.per_boot > 0:
        return args.per_boot
    mem = args.memory.upper()
    mib = int(mem[:-1]) * (1024 if mem.endswith("G") else 1) if mem[-1] in "MG" else int(mem) >> 20
    tree = os.path.getsize(cpio) / (1 << 20) + 1
    return max(1, min(200, int(mib * 0.5 / tree)))


def run_batch(results, data, cpio, args, emit):
    """Checks results (in order) in as few boots as it takes; emit(result) as each finishes."""
    pending = list(results)
    while pending:
        # The kernel rebuilds the file tree for every trace and does not yet give the old one
        # back, so a boot takes at most per_boot() traces.
        chunk = pending[:per_boot(args, cpio)]
        with tempfile.TemporaryDirectory(prefix="lockstep-check-") as tmp:
            bundle = os.path.join(tmp, "traces.bin")
            pack_traces([(r.name, data[r.path]) for r in chunk], bundle)
            cmd = boot_command(cpio, bundle, args.accel, memory=args.memory, kernel=args.kernel)
            stop = boot_once(cmd, chunk, args, emit)
        pending = [r for r in pending if r.verdict == "NOTRUN"]
        if stop:
            for r in pending:
                r.verdict, r.line = "NOTRUN", f"NOTRUN {r.name}"
            return


def die_with_parent():
    """QEMU gets SIGKILL if we die (PR_SET_PDEATHSIG), so a killed check leaves no VM behind."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, 9, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def boot_once(cmd, pending, args, emit):
    """One boot over pending (which it shrinks). Returns True when the run must stop."""
    qemu_err = tempfile.TemporaryFile()
    try:
        p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=qemu_err, preexec_fn=die_with_parent)
    except OSError as e:
        sys.exit(f"lockstep check: cannot start QEMU: {e}")
    con = Console()
    current = None
    started = time.monotonic()
    deadline = started + max(60.0, args.timeout)  # the boot itself: slow under KVM on a busy host
    fd = p.stdout.fileno()
    stop = False
    try:
        while pending:
            left = deadline - time.monotonic()
            if left <= 0:
                victim = current or pending[0]
                victim.verdict, victim.line = "TIMEOUT", f"TIMEOUT {victim.name}"
                d = victim.divergence()
                if "field" in d and "where" in d:
                    # it diverged, but some of its tasks stayed blocked: the divergence is the news
                    rec = d["where"].split("record #", 1)[-1].split(",", 1)[0]
                    victim.verdict = "DIVERGE"
                    victim.line = (f"DIVERGE {victim.name} at #{rec}: {d.get('executed', '?')} -> {d['field']} "
                                   f"{d.get('actual', '?')}, expected {d.get('expected', '?')} "
                                   f"(then timed out: tasks left blocked)")
                victim.seconds = time.monotonic() - started
                pending.remove(victim)
                emit(victim)
                return stop_after(victim, args)
            ready, _, _ = select.select([fd], [], [], min(left, 1.0))
            if not ready:
                continue
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            if args.verbose:
                sys.stderr.buffer.write(chunk.replace(b"\0", b""))
            for kind, value in con.feed(chunk):
                if kind in "oe" and current:
                    (current.stdout if kind == "o" else current.stderr).extend(value)
                    continue
                if kind != "line":
                    continue
                if value.startswith("BEGIN "):
                    name = value[6:]
                    current = next((r for r in pending if r.name == name), None)
                    started = time.monotonic()
                    deadline = started + args.timeout
                elif value.startswith("RULES") and current:
                    current.rules = {k: int(v) for k, _, v in (w.partition("=") for w in value[5:].split()) if v}
                elif value.startswith("VERDICT ") and current:
                    current.line = value[8:]
                    current.verdict = current.line.split(" ", 1)[0]
                    current.seconds = time.monotonic() - started
                    pending.remove(current)
                    emit(current)
                    if stop_after(current, args):
                        stop = True
                        return True
                    current = None
                elif current:
                    current.report.append(value)
        # QEMU ended (or closed its output) with traces left: the kernel crashed on one
        if pending:
            victim = current or pending[0]
            victim.verdict = "ERROR"
            qemu_err.seek(0)
            why = con.log_tail() or qemu_err.read().decode(errors="replace").strip()[-300:] or "no log"
            victim.line = f"ERROR {victim.name}: the kernel stopped ({why})"
            pending.remove(victim)
            emit(victim)
            return stop_after(victim, args)
        return False
    finally:
        if p.poll() is None:
            p.kill()
        p.wait()
        qemu_err.close()


def stop_after(result, args):
    return not args.keep_going and result.verdict != "MATCH"


def prepare(paths, root, digest):
    """Reads each trace; those recorded against another root get ERROR here."""
    data, early, results, seen = {}, [], [], {}
    for path in paths:
        name = trace_name(path)
        seen[name] = seen.get(name, 0) + 1
        r = Result(name if seen[name] == 1 else f"{name}#{seen[name]}", path)  # names tell traces apart
        try:
            with open(path, "rb") as fh:
                data[path] = fh.read()
        except OSError as e:
            r.verdict, r.line = "ERROR", f"ERROR {r.name}: cannot read {path}: {e.strerror}"
            early.append(r)
            continue
        info = tracefile.read(path)
        if info.ok and info.root_hash != digest:
            r.verdict = "ERROR"
            r.line = (f"ERROR {r.name}: recorded against a different root tree (trace {info.root_hash[:12]}, "
                      f"{root} {digest[:12]}); record it again or pass --root")
            early.append(r)
            continue
        results.append(r)
    return data, early, results


def parse_args(argv):
    ap = argparse.ArgumentParser(prog="lockstep check", description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("traces", nargs="+", metavar="TRACE")
    ap.add_argument("--accel", choices=["kvm", "tcg"])
    ap.add_argument("--jobs", "-j", type=int, default=1)
    ap.add_argument("--shard", metavar="K/N")
    ap.add_argument("--json", metavar="FILE")
    ap.add_argument("--keep-going", "-k", action="store_true")
    ap.add_argument("--root", default=DEFAULT_ROOT)
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds per trace (default 30)")
    ap.add_argument("--memory", default="512M", help="guest RAM (default 512M)")
    ap.add_argument("--kernel", default=qemu.KERNEL, help="kernel ELF (default build/kernel/lockstep.elf)")
    ap.add_argument("--per-boot", type=int, default=0,
                    help="traces per boot (default: as many as half the guest memory holds root trees)")
    ap.add_argument("-q", "--quiet", action="store_true", help="print only failures and the summary")
    ap.add_argument("-v", "--verbose", action="store_true", help="show the kernel's console on stderr")
    args = ap.parse_args(argv)
    args.accel = qemu.pick_accel(args.accel)
    return args


def check(args, emit=None):
    """Runs the check; returns the list of Results in the traces' order."""
    paths = expand(args.traces)
    if args.shard:
        k, n = (int(x) for x in args.shard.split("/"))
        if not 1 <= k <= n:
            sys.exit("lockstep check: --shard K/N needs 1 <= K <= N")
        paths = [p for i, p in enumerate(paths) if i % n == k - 1]
    if not os.path.isdir(args.root):
        sys.exit(f"lockstep check: no root directory {args.root} (make root)")
    if not os.path.exists(args.kernel):
        sys.exit(f"lockstep check: no kernel at {args.kernel} (run 'make')")
    digest = root_hash(args.root)
    data, early, results = prepare(paths, args.root, digest)
    lock = threading.Lock()

    def report(r):
        with lock:
            if emit:
                emit(r)
            elif not (args.quiet and r.passed):
                print(r.line, flush=True)

    for r in early:
        report(r)
    if early and not args.keep_going:
        return early + results
    if results:
        cpio = root_cpio(args.root, digest)
        jobs = max(1, min(args.jobs, len(results)))
        slices = [results[i::jobs] for i in range(jobs)]
        threads = [threading.Thread(target=run_batch, args=(s, data, cpio, args, report)) for s in slices]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    return early + results


def main(argv):
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)   # `lockstep check ... | head` ends quietly
    args = parse_args(argv)
    results = check(args)
    passed = sum(r.passed for r in results)
    notrun = sum(r.verdict == "NOTRUN" for r in results)
    failed = len(results) - passed - notrun
    tail = f", {notrun} not run (stopped at the first failure; --keep-going checks them all)" if notrun else ""
    print(f"{passed} passed, {failed} failed{tail}")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump({"accel": args.accel, "root": args.root,
                       "passed": passed, "failed": failed, "notrun": notrun,
                       "traces": [r.as_json() for r in results]}, fh, indent=1)
    return 0 if failed == 0 and notrun == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
