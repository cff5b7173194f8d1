#!/usr/bin/env python3
"""A broader strace oracle, run by hand (not part of `make test`: the contracts belong to
another part and change): every contract in the standard root, recorded and run under
strace in the same sandbox, compared as test_strace_oracle does. Contracts that read the
clock are recorded with --keep-vdso, as strace sees them. World inputs (times()) differ.

usage: recorder/tests/oracle_contracts.py [-j JOBS] [GLOB]
"""
import argparse
import concurrent.futures
import fnmatch
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import recorder_common as rc  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-j", type=int, default=3)
    ap.add_argument("glob", nargs="?", default="*")
    args = ap.parse_args()
    base = os.path.join(rc.ROOT, "contracts")
    progs = sorted(os.path.relpath(os.path.join(d, f), rc.ROOT) for d, _, fs in os.walk(base) for f in fs)
    progs = [p for p in progs if fnmatch.fnmatch(p, f"*{args.glob}*")]
    tmp = rc.tmpdir()

    def one(p):
        return rc.oracle(["/" + p], tmp, p.replace("/", "."), ["--keep-vdso"])

    bad = 0
    with concurrent.futures.ThreadPoolExecutor(args.j) as ex:
        for p, (total, why) in zip(progs, ex.map(one, progs)):
            print(f"ok {p} ({total} events)" if why is None else f"not ok {p}: {why[:300]}", flush=True)
            bad += why is not None
    print(f"{len(progs) - bad} of {len(progs)} equal to strace")
    return 0


if __name__ == "__main__":
    sys.exit(main())
