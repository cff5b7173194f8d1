#!/usr/bin/env python3
"""ab.py — two or more builds of the Lockstep kernel against each other on the same
microbenchmarks, under TCG, alternating boots so that every build sees the same host load.
For judging a kernel change before and after; run.py compares against Linux.

usage: bench/kernel/ab.py [--rounds N] [--target-ms MS] [--repeats N] ELF... -- NAME...

Each round boots every ELF once with `microbench -k <host TSC kHz> -t MS -r N NAME...` (timed
by the TSC, fastest of N runs of MS ms: see run.py). Printed per ELF and benchmark: the min and
the median over the rounds, in ns/op, and the min relative to the first ELF's.
Example: save build/kernel/lockstep.elf as /tmp/before.elf, rebuild, then
  bench/kernel/ab.py /tmp/before.elf build/kernel/lockstep.elf -- getpid pipe_4k_write_read
"""
import argparse
import importlib.util
import io
import os
import statistics
import subprocess
import sys

import run as bench  # bench/kernel/run.py: the root, the parser, the host's TSC frequency

# replayer/host/run.py's Console decodes the serial frames (the program's stdout is framed).
_spec = importlib.util.spec_from_file_location("lockstep_run", os.path.join(bench.TOP, "replayer", "host", "run.py"))
lockstep_run = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(lockstep_run)


def program_output(cmd):
    """The program's stdout from one boot of cmd (QEMU's raw COM1 output decoded)."""
    out = io.BytesIO()
    console = lockstep_run.Console(out, io.BytesIO(), None)
    raw = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         timeout=300).stdout
    console.feed(raw)
    return out.getvalue().decode(errors="replace")


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0], epilog=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--target-ms", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=200)
    ap.add_argument("elfs", nargs="+", help="kernel ELFs (then -- and benchmark names)")
    cut = argv.index("--") if "--" in argv else len(argv)
    args, names = ap.parse_args(argv[:cut]), argv[cut + 1:]
    if not names:
        sys.exit("ab.py: name the benchmarks after -- (microbench -l lists them)")
    khz = bench.host_tsc_khz()
    if not khz:
        sys.exit("ab.py: could not measure the host's TSC frequency")
    os.makedirs(bench.OUT, exist_ok=True)
    root = os.path.join(bench.OUT, "ab-root")
    bench.make_root(root, "/bin/microbench")
    cpio = os.path.join(bench.OUT, "ab-root.cpio")
    mb = ["/bin/microbench", "-k", str(khz), "-t", str(args.target_ms), "-r", str(args.repeats)] + names
    cmd = bench.lockstep_qemu_cmd(root, cpio, mb, "tcg")
    kernel_at = cmd.index("-kernel") + 1
    got = {elf: {n: [] for n in names} for elf in args.elfs}
    for r in range(args.rounds):
        for elf in args.elfs:
            cmd[kernel_at] = elf
            found, _ = bench.parse(program_output(cmd))
            for n in names:
                if isinstance(found.get(n), float):
                    got[elf][n].append(found[n])
        print(f"round {r + 1} of {args.rounds} done", flush=True)
    first = args.elfs[0]
    for n in names:
        print(f"{n}:")
        for elf in args.elfs:
            v = got[elf][n]
            base = got[first][n]
            rel = f"  x{min(v) / min(base):.3f}" if v and base else ""
            cell = f"min {bench.fmt(min(v))}  median {bench.fmt(statistics.median(v))}" if v else "no result"
            print(f"  {elf}: {cell}{rel}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
