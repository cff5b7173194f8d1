#!/usr/bin/env python3
"""run.py — the kernel microbenchmarks, Lockstep against Linux in the same emulator
(`make bench-kernel`, part of `make bench`; never part of `make test`).

usage: bench/kernel/run.py [--target-ms MS] [--repeats N] [--rounds N] [--boot-runs N] [--clock]
                           [--no-kvm] [--no-linux-kvm] [--no-mitigations-off] [NAME...]

1. Microbenchmarks: build/bench/kernel/microbench (bench/kernel/microbench.c) runs
   - on the Lockstep kernel under TCG, one boot per benchmark (`lockstep run`), so that a
     benchmark that crashes or hangs costs only its own row;
   - on Debian's linux-image-cloud-amd64 under TCG, as /init of an initramfs, all benchmarks in
     one boot; once as shipped and once with mitigations=off (Lockstep has no Spectre
     mitigations: the second column is the like-for-like one);
   - on the Lockstep kernel under KVM and on the host itself, for reference.
   Every benchmark is timed by the TSC at the host's frequency (microbench -k; under TCG the
   guest reads the host's TSC), so both kernels are timed by the same true clock; --clock times
   with each guest's CLOCK_MONOTONIC instead. Within a boot, a benchmark is --repeats runs of
   --target-ms each (default 200 of 2 ms), and the fastest run counts: short runs are often
   untouched by the host's other work, so the minimum is steadier (bench/kernel/README.md
   gives the spread measured both ways).
   The TCG runs alternate Lockstep and Linux for --rounds rounds (default 3) and keep each
   benchmark's best, so that both kernels see the same host load. The table gives ns/op and the
   ratio Lockstep/Linux (goal: at or under 1.0); a second table gives the spread over the
   rounds (min and median of each side, and the ratio of the medians).
2. Boot times (median of --boot-runs): `./lockstep run -- /bin/true` (the whole command, and
   QEMU start to exit alone) under TCG and KVM, and QEMU start to init's first output line and
   to exit for Lockstep and Linux booting the benchmark with nothing to do.
3. Linux under KVM: one boot attempt, to report whether it runs here.

Machines: Lockstep boots `-M microvm,pic=off,pit=off,rtc=on` (replayer/host/qemu.py). Linux
boots `-M microvm,acpi=off` with its PIC and PIT: with ACPI on it hangs now and then calibrating
the TSC (no HPET or PM timer on microvm), and without a PIT it cannot calibrate at all. Same
QEMU, CPU model, memory (512 MiB) and console (COM1 on stdio); isa-debug-exit on both.
Linux is given the host's TSC frequency (see linux_cmd). Every column's "clock check" divides
the time the benchmark measured by the true time (TSC cycles it counted, at the host's TSC
frequency): 1.000 when the guest's clock is right.

Results: printed, and written to build/bench/kernel/results.txt and results.json.
"""
import argparse
import glob
import json
import os
import re
import select
import shutil
import statistics
import subprocess
import sys
import time

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(TOP, "replayer", "host"))
import initramfs  # noqa: E402
import qemu  # noqa: E402
import runspec  # noqa: E402

OUT = os.path.join(TOP, "build", "bench", "kernel")
MICROBENCH = os.path.join(OUT, "microbench")
LOCKSTEP = os.path.join(TOP, "lockstep")
STD_ROOT = os.path.join(TOP, "build", "root")
MEMORY = "512M"
START_MARK = b"# microbench start"
DONE_MARK = "# microbench done"
ELAPSED = re.compile(r"# microbench done elapsed_ms=([0-9.]+)(?: tsc_cycles=([0-9]+))?")
RESULT = re.compile(r"^([a-z0-9_]+) (error .*|[0-9]+(?:\.[0-9]+)?)$")


# ---- running things -----------------------------------------------------------------------

class Run:
    """One process run to its end or its timeout: exit status (None on timeout), output, wall
    time, and when the start and done marks first appeared in the output (seconds, or None)."""

    def __init__(self, cmd, timeout, mark=START_MARK):
        self.cmd, self.rc, self.first, self.done = cmd, None, None, None
        out = bytearray()
        start = time.monotonic()
        try:
            p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT)
        except OSError as e:
            self.out, self.wall, self.rc = f"cannot start {cmd[0]}: {e}", 0.0, -1
            return
        fd = p.stdout.fileno()
        killed = False
        while True:
            left = timeout - (time.monotonic() - start)
            if left <= 0:
                p.kill()
                killed = True
                break
            ready, _, _ = select.select([fd], [], [], left)
            data = os.read(fd, 65536) if ready else b""
            if ready and not data:
                break
            out += data
            if self.first is None and mark and mark in out:
                self.first = time.monotonic() - start
            if self.done is None and mark and DONE_MARK.encode() in out:
                self.done = time.monotonic() - start
        rc = p.wait()
        p.stdout.close()
        self.wall = time.monotonic() - start
        self.rc = None if killed else rc
        self.out = out.decode(errors="replace").replace("\r", "")

    @property
    def timed_out(self):
        return self.rc is None

    def clock(self):
        """(guest seconds, true seconds, how) over the benchmark's run, or None. The true time is
        the TSC cycles the benchmark counted, at the host's TSC frequency (the guest reads the
        host's TSC); without those, the host's time between the start and done lines."""
        m = ELAPSED.search(self.out)
        if not m:
            return None
        if m.group(2) and TSC_KHZ:
            return float(m.group(1)) / 1000, int(m.group(2)) / (TSC_KHZ * 1000.0), "TSC"
        if self.first is None or self.done is None:
            return None
        return float(m.group(1)) / 1000, self.done - self.first, "lines"


class Clock:
    """Sums, over a column's runs, the benchmark's own elapsed time and the true one (Run.clock):
    their ratio is 1 when the guest's clock is right."""

    def __init__(self):
        self.guest = self.host = 0.0
        self.how = set()

    def add(self, run):
        c = run.clock()
        if c:
            self.guest += c[0]
            self.host += c[1]
            self.how.add(c[2])

    def __str__(self):
        if self.host < 0.5:
            return "-"
        how = "+".join(sorted(self.how))
        return f"{self.guest / self.host:.3f} ({self.guest:.1f}/{self.host:.1f} s, {how})"


def parse(text):
    """{name: ns_per_op (float) or 'error ...'} from microbench output; and whether it finished."""
    found = {}
    for line in text.splitlines():
        m = RESULT.match(line.strip())
        if m:
            v = m.group(2)
            found[m.group(1)] = v if v.startswith("error") else float(v)
    return found, DONE_MARK in text


def last_line(text):
    lines = [ln for ln in text.strip().splitlines() if ln.strip() and not ln.startswith("#")]
    return lines[-1][:100] if lines else ""


def bench_args(args, names, repeats=None):
    timing = ["-k", str(TSC_KHZ)] if TSC_KHZ and not args.clock else []
    return ["-t", str(args.target_ms), "-r", str(repeats or args.repeats)] + timing + list(names)


# ---- the Lockstep kernel ------------------------------------------------------------------

def make_root(path, init_name):
    """A root holding only the benchmark (as init_name) and the directories it uses."""
    shutil.rmtree(path, ignore_errors=True)
    for d in ("dev", "proc", "tmp", "bin"):
        os.makedirs(os.path.join(path, d))
    shutil.copy2(MICROBENCH, os.path.join(path, init_name.lstrip("/")))


def lockstep_verdict(run, name):
    """The table cell for one benchmark run with `lockstep run`."""
    found, _ = parse(run.out)
    if isinstance(found.get(name), float):
        return found[name]
    if name in found:
        return found[name]
    if run.timed_out or run.rc == 124:
        return "timeout"
    if run.rc == 125:
        return "kernel panic"
    if run.rc is not None and 128 < run.rc < 160:
        return f"crashed (signal {run.rc - 128})"
    return f"failed (exit {run.rc}: {last_line(run.out)})"


def lockstep_bench(args, root, names, accel, clock, repeats=None):
    cells = {}
    for name in names:
        a = bench_args(args, [name], repeats)
        run = Run([LOCKSTEP, "run", "--root", root, "--accel", accel, "--timeout", str(args.timeout),
                   "--memory", MEMORY, "--", "/bin/microbench"] + a, args.timeout + 30)
        cells[name] = lockstep_verdict(run, name)
        clock.add(run)
        print(f"  lockstep {accel} {name}: {fmt(cells[name])}", flush=True)
    return cells


def merge(cols, key, cells, notes, rnd, rounds=None):
    """Keep the best number of each benchmark over the rounds; note a round that failed. Every
    round's number is also appended to rounds[key][name], for the spread."""
    best = cols.setdefault(key, {})
    for name, v in cells.items():
        if rounds is not None:
            rounds.setdefault(key, {}).setdefault(name, []).append(v)
        old = best.get(name)
        if isinstance(v, float):
            if not isinstance(old, float) or v < old:
                best[name] = v
            if old is not None and not isinstance(old, float):
                notes.append(f"  {key} {name}: round(s) before {rnd}: {old}")
        elif name not in best:
            best[name] = v
        elif isinstance(old, float):
            notes.append(f"  {key} {name}: round {rnd}: {v}")


def lockstep_qemu_cmd(root_dir, cpio, argv, accel):
    """QEMU's argv for the Lockstep kernel running argv from root_dir, as `lockstep run` builds
    it (replayer/host: initramfs, runspec, qemu); the archive is packed once, here."""
    initramfs.write(root_dir, cpio)
    spec = cpio + ".run"
    with open(spec, "wb") as fh:
        fh.write(runspec.encode(argv))
    return qemu.command([(cpio, "root"), (spec, "run")], accel=accel, memory=MEMORY)


# ---- Linux --------------------------------------------------------------------------------

def linux_kernel():
    found = sorted(glob.glob("/boot/vmlinuz-*-cloud-amd64"))
    return found[-1] if found else None


TSC_KHZ = None  # set by main(); None: Linux calibrates its TSC itself, no TSC clock check


def host_tsc_khz():
    """The host's TSC frequency, which a TCG guest's TSC runs at (microbench -T measures it)."""
    try:
        p = subprocess.run([MICROBENCH, "-T"], stdout=subprocess.PIPE, text=True, timeout=30)
        return int(p.stdout.strip())
    except (OSError, ValueError, subprocess.SubprocessError):
        return None


def linux_cmd(kernel, cpio, init_args, accel="tcg", extra_append=""):
    # Linux's TSC calibration against the PIT fails on a loaded host (microvm has no HPET or
    # ACPI PM timer to refine it) and it falls back to jiffies, a clock that loses ticks under
    # TCG: so it is told the frequency, and that the TSC needs no watchdog.
    if TSC_KHZ and accel == "tcg":
        extra_append = f"tsc_early_khz={TSC_KHZ} tsc=reliable {extra_append}"
    append = f"console=ttyS0 quiet panic=-1 {extra_append} -- {' '.join(init_args)}"
    return [qemu.QEMU, "-M", "microvm,acpi=off,isa-serial=on,rtc=on", "-accel", accel, "-m", MEMORY,
            "-nodefaults", "-no-user-config", "-display", "none",
            "-chardev", "stdio,id=com1,signal=off", "-serial", "chardev:com1",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
            "-kernel", kernel, "-initrd", cpio, "-append", append, "-no-reboot"]


def linux_bench(args, kernel, cpio, names, clock, extra_append="", label="linux"):
    """All benchmarks in one boot; a hang or a failed boot is tried once more."""
    for attempt in (1, 2):
        run = Run(linux_cmd(kernel, cpio, bench_args(args, names), extra_append=extra_append),
                  args.linux_timeout)
        found, done = parse(run.out)
        if done:
            clock.add(run)
            break
        print(f"  {label}: attempt {attempt} ended without finishing "
              f"({'timeout' if run.timed_out else f'QEMU status {run.rc}'}): {last_line(run.out)}",
              flush=True)
    why = "timeout" if run.timed_out else "not reached" if run.first is not None else "boot failed"
    cells = {n: found.get(n, why) for n in names}
    for n in names:
        print(f"  {label} {n}: {fmt(cells[n])}", flush=True)
    return cells


# ---- boot times ---------------------------------------------------------------------------

def median_of(runs, key, ok):
    vals = [key(r) for r in runs if ok(r) and key(r) is not None]
    if not vals:
        return None
    return {"median": statistics.median(vals), "min": min(vals), "max": max(vals),
            "n": len(vals), "failed": len(runs) - len(vals)}


def boot_times(args, kernel, linux_cpio, accels):
    res = {}
    n = args.boot_runs
    for accel in accels:
        t = args.timeout
        runs = [Run([LOCKSTEP, "run", "--accel", accel, "--timeout", str(t), "--", "/bin/true"], t + 30,
                    mark=None) for _ in range(n)]
        res[f"lockstep_run_true_cmd_{accel}"] = median_of(runs, lambda r: r.wall, lambda r: r.rc == 0)
        cmd = lockstep_qemu_cmd(STD_ROOT, os.path.join(OUT, "true-root.cpio"), ["/bin/true"], accel)
        runs = [Run(cmd, t, mark=None) for _ in range(n)]
        res[f"lockstep_true_qemu_{accel}"] = median_of(runs, lambda r: r.wall,
                                                       lambda r: r.rc == qemu.STATUS_DONE)
        cmd = lockstep_qemu_cmd(os.path.join(OUT, "root"), os.path.join(OUT, "bench-root.cpio"),
                                ["/bin/microbench", "none"], accel)
        runs = [Run(cmd, t) for _ in range(n)]
        ok = lambda r: r.rc == qemu.STATUS_DONE  # noqa: E731
        res[f"lockstep_none_first_{accel}"] = median_of(runs, lambda r: r.first, ok)
        res[f"lockstep_none_exit_{accel}"] = median_of(runs, lambda r: r.wall, ok)
        print(f"  lockstep {accel} boots measured", flush=True)
    if kernel:
        runs = [Run(linux_cmd(kernel, linux_cpio, ["none"]), args.linux_timeout) for _ in range(n)]
        ok = lambda r: DONE_MARK in r.out and not r.timed_out  # noqa: E731
        res["linux_none_first_tcg"] = median_of(runs, lambda r: r.first, ok)
        res["linux_none_exit_tcg"] = median_of(runs, lambda r: r.wall, ok)
        print("  linux tcg boots measured", flush=True)
    return res


def linux_kvm_attempt(kernel, cpio, timeout):
    run = Run(linux_cmd(kernel, cpio, ["none"], accel="kvm"), timeout)
    if DONE_MARK in run.out:
        return f"boots: init's first output after {run.first:.2f} s, exit after {run.wall:.2f} s"
    if run.timed_out:
        return f"no init output within {timeout:g} s (last console line: {last_line(run.out)!r})"
    return f"QEMU stopped with status {run.rc}: {last_line(run.out)!r}"


# ---- the report ---------------------------------------------------------------------------

def fmt(v):
    if isinstance(v, float):
        return f"{v:,.0f}" if v >= 100 else f"{v:.1f}"
    return "n/a" if v is None else str(v)


def ratio(a, b):
    return f"{a / b:.2f}" if isinstance(a, float) and isinstance(b, float) and b > 0 else "-"


def fmt_time(m):
    if not m:
        return "failed"
    s = f"{m['median']:.3f} s"
    if m["n"] > 1:
        s += f" ({m['min']:.3f}-{m['max']:.3f})"
    if m["failed"]:
        s += f" [{m['failed']} failed]"
    return s


def table(rows):
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for k, r in enumerate(rows):
        cells = [c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))]
        lines.append("  ".join(cells))
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def loadavg():
    try:
        with open("/proc/loadavg") as fh:
            return " ".join(fh.read().split()[:3])
    except OSError:
        return "?"


def spread_table(names, rounds):
    """Each side's min and median over the rounds (each round's best), and the ratio of medians
    with its range over rounds (Lockstep's round k against Linux's round k)."""
    keys = [k for k in ("lockstep_tcg", "linux", "linux_nomit") if k in rounds]
    label = {"lockstep_tcg": "Lockstep", "linux": "Linux", "linux_nomit": "Linux mitig=off"}
    head = ["spread over rounds (ns/op)"] + [f"{label[k]} min / median" for k in keys]
    head += [f"ratio vs {label[k]}: median (range)" for k in keys[1:]]
    rows = [head]

    def nums(k, n):
        return [v for v in rounds.get(k, {}).get(n, []) if isinstance(v, float)]
    for n in names:
        r = [n]
        for k in keys:
            v = nums(k, n)
            r.append(f"{fmt(min(v))} / {fmt(statistics.median(v))}" if v else "-")
        ls = rounds.get("lockstep_tcg", {}).get(n, [])
        for k in keys[1:]:
            lx = rounds.get(k, {}).get(n, [])
            pairs = [a / b for a, b in zip(ls, lx) if isinstance(a, float) and isinstance(b, float) and b > 0]
            a, b = nums("lockstep_tcg", n), nums(k, n)
            med = ratio(statistics.median(a), statistics.median(b)) if a and b else "-"
            r.append(f"{med} ({min(pairs):.2f}-{max(pairs):.2f})" if pairs else med)
        rows.append(r)
    return table(rows)


def report(names, cols, clocks, boots, linux_kvm, kernel, args, rounds):
    head = ["benchmark (ns/op)", "Lockstep TCG", "Linux TCG", "ratio"]
    if "linux_nomit" in cols:
        head += ["Linux TCG mitig=off", "ratio"]
    if "lockstep_kvm" in cols:
        head += ["Lockstep KVM"]
    head += ["host native"]
    rows = [head]
    for n in names:
        ls, lx = cols["lockstep_tcg"].get(n), cols["linux"].get(n)
        r = [n, fmt(ls), fmt(lx), ratio(ls, lx)]
        if "linux_nomit" in cols:
            r += [fmt(cols["linux_nomit"].get(n)), ratio(ls, cols["linux_nomit"].get(n))]
        if "lockstep_kvm" in cols:
            r += [fmt(cols["lockstep_kvm"].get(n))]
        r += [fmt(cols["host"].get(n))]
        rows.append(r)
    r = ["clock check: guest/true", str(clocks["lockstep_tcg"]), str(clocks["linux"]), ""]
    if "linux_nomit" in cols:
        r += [str(clocks["linux_nomit"]), ""]
    if "lockstep_kvm" in cols:
        r += [str(clocks["lockstep_kvm"])]
    rows.append(r + [str(clocks["host"])])
    timing = "TSC at the host's frequency" if TSC_KHZ and not args.clock else "each guest's CLOCK_MONOTONIC"
    out = [f"Kernel microbenchmarks (target {args.target_ms} ms per timed run, best of {args.repeats}, "
           f"best of {args.rounds} rounds; timed by the {timing}; ratio = Lockstep/Linux, goal <= 1.00)",
           "Linux: " + (os.path.basename(kernel) if kernel else
                        "not installed (apt-get install linux-image-cloud-amd64)")
           + (f", told tsc_early_khz={TSC_KHZ} tsc=reliable" if TSC_KHZ else ", TSC calibrated by itself"),
           f"Host: {os.cpu_count()} CPUs, load average {args.load_start} at the start, "
           f"{loadavg()} at the end",
           "", table(rows), "", spread_table(names, rounds), ""]
    brow = [["boot (QEMU wall time, median)", "TCG", "KVM"]]

    def b(key):
        return [fmt_time(boots.get(f"{key}_tcg")), fmt_time(boots.get(f"{key}_kvm")) if f"{key}_kvm" in boots
                else "-"]
    brow.append(["lockstep run -- /bin/true (whole command)"] + b("lockstep_run_true_cmd"))
    brow.append(["Lockstep /bin/true: QEMU start to exit"] + b("lockstep_true_qemu"))
    brow.append(["Lockstep: QEMU start to init's first line"] + b("lockstep_none_first"))
    brow.append(["Lockstep: QEMU start to exit (init does nothing)"] + b("lockstep_none_exit"))
    kvm_cell = "see below" if linux_kvm else "-"
    for what, key in (("init's first line", "linux_none_first_tcg"),
                      ("exit (init does nothing)", "linux_none_exit_tcg")):
        brow.append([f"Linux: QEMU start to {what}", fmt_time(boots.get(key)) if kernel else "n/a", kvm_cell])
    out += [table(brow), ""]
    if linux_kvm:
        out.append(f"Linux under KVM: {linux_kvm}")
    return "\n".join(out)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0], epilog=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--target-ms", type=int, default=2, help="length of one timed run")
    ap.add_argument("--repeats", type=int, default=200, help="timed runs per benchmark and boot (best kept)")
    ap.add_argument("--rounds", type=int, default=3, help="TCG rounds of Lockstep then Linux (best kept)")
    ap.add_argument("--clock", action="store_true",
                    help="time with each guest's CLOCK_MONOTONIC, not the TSC at the host's frequency")
    ap.add_argument("--boot-runs", type=int, default=5)
    ap.add_argument("--timeout", type=float, default=120, help="per Lockstep boot (s)")
    ap.add_argument("--linux-timeout", type=float, default=180, help="per Linux boot (s)")
    ap.add_argument("--no-kvm", action="store_true", help="skip every KVM measurement")
    ap.add_argument("--no-linux-kvm", action="store_true", help="skip the Linux-under-KVM attempt")
    ap.add_argument("--no-mitigations-off", action="store_true", help="skip Linux with mitigations=off")
    ap.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    args = ap.parse_args(argv)

    if not os.path.exists(MICROBENCH):
        sys.exit(f"bench-kernel: {MICROBENCH} is missing (make bench-kernel builds it)")
    names = subprocess.run([MICROBENCH, "-l"], stdout=subprocess.PIPE, text=True, check=True).stdout.split()
    if args.names:
        unknown = [n for n in args.names if n not in names]
        if unknown:
            sys.exit(f"bench-kernel: no benchmark {', '.join(unknown)} (there are: {' '.join(names)})")
        names = args.names
    args.load_start = loadavg()
    os.makedirs(OUT, exist_ok=True)
    bench_root = os.path.join(OUT, "root")
    make_root(bench_root, "/bin/microbench")
    kernel = linux_kernel()
    linux_cpio = os.path.join(OUT, "linux-init.cpio")
    if kernel:
        stage = os.path.join(OUT, "linux-root")
        make_root(stage, "/init")
        initramfs.write(stage, linux_cpio)
    else:
        print("bench-kernel: no /boot/vmlinuz-*-cloud-amd64 (apt-get install linux-image-cloud-amd64): "
              "the Linux columns stay empty", file=sys.stderr)
    accels = ["tcg"] if args.no_kvm else ["tcg", "kvm"]
    global TSC_KHZ
    TSC_KHZ = host_tsc_khz()

    cols, notes, rounds = {}, [], {}
    clocks = {k: Clock() for k in ("lockstep_tcg", "linux", "linux_nomit", "lockstep_kvm", "host")}
    none = {n: None for n in names}
    for rnd in range(1, args.rounds + 1):
        # Rounds alternate the kernels, so that both see the same changes in the host's load.
        print(f"microbenchmarks, round {rnd} of {args.rounds}:", flush=True)
        merge(cols, "lockstep_tcg", lockstep_bench(args, bench_root, names, "tcg", clocks["lockstep_tcg"]),
              notes, rnd, rounds)
        linux = linux_bench(args, kernel, linux_cpio, names, clocks["linux"]) if kernel else none
        merge(cols, "linux", linux, notes, rnd, rounds)
        if not args.no_mitigations_off:
            merge(cols, "linux_nomit", linux_bench(args, kernel, linux_cpio, names, clocks["linux_nomit"],
                                                   "mitigations=off", "linux mitigations=off")
                  if kernel else none, notes, rnd, rounds)
    if "kvm" in accels:
        cols["lockstep_kvm"] = lockstep_bench(args, bench_root, names, "kvm", clocks["lockstep_kvm"],
                                              repeats=1)
    host = Run([MICROBENCH] + bench_args(args, names), 600)
    cols["host"], _ = parse(host.out)
    clocks["host"].add(host)
    print("boot times:", flush=True)
    boots = boot_times(args, kernel, linux_cpio, accels)
    linux_kvm = None
    if kernel and "kvm" in accels and not args.no_linux_kvm:
        linux_kvm = linux_kvm_attempt(kernel, linux_cpio, 60)

    text = report(names, cols, clocks, boots, linux_kvm, kernel, args, rounds)
    if notes:
        text += "\nRounds that did not give a number where another round did:\n" + "\n".join(notes)
    print()
    print(text)
    with open(os.path.join(OUT, "results.txt"), "w") as fh:
        fh.write(text + "\n")
    with open(os.path.join(OUT, "results.json"), "w") as fh:
        json.dump({"benchmarks": cols, "rounds": rounds, "clock_check": {k: str(v) for k, v in clocks.items()}, "boot": boots,
                   "linux_kvm": linux_kvm, "linux_kernel": kernel,
                   "target_ms": args.target_ms, "repeats": args.repeats, "rounds_run": args.rounds,
                   "timing": "clock" if args.clock or not TSC_KHZ else f"tsc {TSC_KHZ} kHz"}, fh, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
