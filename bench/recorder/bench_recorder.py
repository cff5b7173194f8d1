#!/usr/bin/env python3
"""Recorder overhead: the same BusyBox workload run in the sandbox untraced (plain),
under `strace -f -o /dev/null`, and under the recorder; wall time, median of N runs,
all measured in this one run. Prints ratios, the added time per syscall (us/sc: traced
minus plain, over the syscalls recorded) and trace bytes per syscall.

usage: bench_recorder.py [-n RUNS]
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RECORD = os.path.join(TOP, "build", "recorder", "lockstep-record")
HERE = os.path.join(TOP, "bench", "recorder")


def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run(args):
    """(wall seconds, CPU seconds of the whole process tree, stderr)."""
    c0, start = cpu(), time.perf_counter()
    p = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    took = time.perf_counter() - start
    if p.returncode != 0:
        sys.exit(f"bench: {' '.join(args[:6])} ... failed ({p.returncode}): {p.stderr.strip()}")
    return took, cpu() - c0, p.stderr


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=5, help="runs per configuration (median)")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="lockstep-bench-")
    trace = os.path.join(tmp, "w.trace")
    print(f"recorder bench: medians of {args.n} runs each, in the sandbox; wall time, and CPU time\n"
          f"(user+sys of the whole process tree, less sensitive to other load on the machine)")
    print(f"{'workload':8} {'':4} {'syscalls':>8} {'plain':>9} {'strace':>9} {'record':>9} "
          f"{'rec/plain':>9} {'strace/plain':>12} {'rec/strace':>10} {'us/sc rec':>9} "
          f"{'us/sc strace':>12} {'B/syscall':>9}")
    for name in ("mixed", "reads"):
        with open(os.path.join(HERE, f"{name}.sh")) as fh:
            script = fh.read()
        prog = ["--", "/bin/busybox", "sh", "-c", script]
        configs = {
            "plain": [RECORD, "--no-trace"] + prog,
            "strace": [RECORD, "--strace", "/dev/null"] + prog,
            "record": [RECORD, "--stats", "-o", trace] + prog,
        }
        walls = {k: [] for k in configs}
        cpus = {k: [] for k in configs}
        stats = ""
        for _ in range(args.n):          # interleaved, so drift hits all three alike
            for k, cmd in configs.items():
                t, c, err = run(cmd)
                walls[k].append(t)
                cpus[k].append(c)
                if k == "record":
                    stats = err
        # "lockstep record: FILE: N syscalls, N signals, N tasks, N bytes"
        words = stats.replace(",", "").split()
        nsys = int(words[words.index("syscalls") - 1])
        nbytes = int(words[words.index("bytes") - 1])
        for kind, series in (("wall", walls), ("cpu", cpus)):
            med = {k: statistics.median(v) for k, v in series.items()}
            print(f"{name:8} {kind:4} {nsys:8d} {med['plain']*1000:7.1f}ms {med['strace']*1000:7.1f}ms "
                  f"{med['record']*1000:7.1f}ms {med['record']/med['plain']:9.2f} "
                  f"{med['strace']/med['plain']:12.2f} {med['record']/med['strace']:10.2f} "
                  f"{(med['record']-med['plain'])/nsys*1e6:9.1f} "
                  f"{(med['strace']-med['plain'])/nsys*1e6:12.1f} {nbytes/nsys:9.1f}")
    os.unlink(trace)
    os.rmdir(tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
