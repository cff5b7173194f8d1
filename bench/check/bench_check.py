#!/usr/bin/env python3
"""bench_check.py — what check mode costs (`make bench-check`; never part of `make test`).

1. Slowdown: for a few programs, the wall time of `lockstep check TRACE` against `lockstep run
   -- PROG` on the same kernel, same root, same accelerator (median of --repeat runs each).
   Both include a boot; the boot alone (`lockstep run -- /bin/true`) is shown too, so that the
   per-call cost can be read off. Goal: check under 1.5x run.
2. Batch: the wall time to check 100 small traces (hello world) in one boot. Goal: under 5 s
   with KVM.
The programs live in a private root (build/replayer/bench-root); results are printed and
written to build/replayer/bench-check.txt.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LOCKSTEP = os.path.join(TOP, "lockstep")
OUT = os.path.join(TOP, "build", "replayer", "bench")
ROOT = os.path.join(TOP, "build", "replayer", "bench-root")
RESULTS = os.path.join(TOP, "build", "replayer", "bench-check.txt")


def sh(*cmd, **kw):
    return subprocess.run(list(cmd), stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def timed(cmd, repeat):
    times, last = [], None
    for _ in range(repeat):
        t = time.monotonic()
        last = sh(*cmd)
        times.append(time.monotonic() - t)
    return statistics.median(times), last


def setup():
    r = sh("make", "-s", "-C", TOP, "build/kernel/lockstep.elf", "recorder", "build/recorder/lockstep-record",
           "build/recorder/lockstep-roothash", "build/replayer/progs/hello", "build/replayer/progs/forkpipe")
    if r.returncode:
        sys.exit("bench-check: build failed:\n" + r.stderr.decode(errors="replace"))
    os.makedirs(OUT, exist_ok=True)
    prog = os.path.join(OUT, "syscalls")
    r = sh("musl-gcc", "-static", "-O1", "-g", "-o", prog, os.path.join(TOP, "bench", "check", "syscalls.c"))
    if r.returncode:
        sys.exit("bench-check: cannot build syscalls.c:\n" + r.stderr.decode(errors="replace"))
    shutil.rmtree(ROOT, ignore_errors=True)
    for d in ("bin", "tmp", "dev", "proc", "etc"):
        os.makedirs(os.path.join(ROOT, d))
    for p in (os.path.join(TOP, "build", "replayer", "progs", "hello"),
              os.path.join(TOP, "build", "replayer", "progs", "forkpipe"), prog):
        shutil.copy(p, os.path.join(ROOT, "bin"))
    shutil.copy("/bin/busybox", os.path.join(ROOT, "bin", "busybox"))
    os.symlink("busybox", os.path.join(ROOT, "bin", "true"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--accel", choices=["kvm", "tcg"])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--calls", type=int, default=20000, help="iterations of the syscall loop")
    args = ap.parse_args()
    setup()
    accel = ["--accel", args.accel] if args.accel else []
    lines = []

    def say(s):
        print(s, flush=True)
        lines.append(s)

    boot, _ = timed([LOCKSTEP, "run", "--root", ROOT, *accel, "--", "/bin/true"], args.repeat)
    say(f"boot alone (lockstep run -- /bin/true): {boot:.3f} s")
    say(f"{'program':<28} {'calls':>7} {'run s':>8} {'check s':>8} {'ratio':>6} {'per-call overhead':>18}  verdict")
    for name, argv in (("hello", ["/bin/hello"]), ("forkpipe", ["/bin/forkpipe"]),
                       (f"syscalls {args.calls}", ["/bin/syscalls", str(args.calls)])):
        trace = os.path.join(OUT, name.split()[0] + ".trace")
        r = sh(LOCKSTEP, "record", "--root", ROOT, "-o", trace, "--", *argv)
        if r.returncode:
            say(f"{name}: recording failed: {r.stderr.decode(errors='replace').strip()[-200:]}")
            continue
        t_run, _ = timed([LOCKSTEP, "run", "--root", ROOT, *accel, "--", *argv], args.repeat)
        t_chk, res = timed([LOCKSTEP, "check", "--root", ROOT, *accel, trace], args.repeat)
        verdict = res.stdout.decode(errors="replace").splitlines()[0] if res.stdout else "?"
        calls = verdict.split("(", 1)[1].split(" ", 1)[0] if verdict.startswith("MATCH") else "?"
        per = ""
        if calls != "?" and int(calls) > 0:
            per = f"{(t_chk - t_run) / int(calls) * 1e6:.1f} us"
        say(f"{name:<28} {calls:>7} {t_run:8.3f} {t_chk:8.3f} {t_chk / t_run:6.2f} {per:>18}  {verdict[:60]}")

    hello = os.path.join(OUT, "hello.trace")
    batch = os.path.join(OUT, "batch")
    shutil.rmtree(batch, ignore_errors=True)
    os.makedirs(batch)
    for i in range(100):
        shutil.copy(hello, os.path.join(batch, f"hello-{i:03d}.trace"))
    t, r = timed([LOCKSTEP, "check", "--root", ROOT, *accel, "--keep-going", batch], 1)
    summary = r.stdout.decode(errors="replace").strip().splitlines()[-1:] or ["?"]
    say(f"100 small traces in one boot: {t:.3f} s ({summary[0]})")
    with open(RESULTS, "w") as fh:
        fh.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
