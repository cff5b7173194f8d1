#!/usr/bin/env python3
"""The test runner behind `make test`.

A test is an executable file named test_* under tests/ or under any <part>/tests/
folder (traces/tests/, recorder/tests/, ...). It runs from the repository's top
directory. It either
  - prints TAP-like lines, "ok NAME" or "not ok NAME: why", each one a test of
    its own (NAME is prefixed with the file's stem), or
  - prints no such line, and then its exit status is the verdict (0 passes).

Known failures are listed in tests/known-failures, one per line: the test's name,
then the reason. A listed test that fails is counted as an expected failure; one
that passes fails the run until it is removed from the list, so the list only
shrinks. The last line is always "N passed, N failed".
"""
import argparse
import fnmatch
import os
import re
import signal
import subprocess
import sys
import time

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KNOWN = os.path.join(TOP, "tests", "known-failures")
LINE = re.compile(r"^(not ok|ok)\s+(\S+)(?:\s*[:-]\s*(.*))?$")
SKIP_DIRS = {"build", ".git", "node_modules"}



def default_signals():
    """Tests start with every signal at its default action, whatever the launcher ignored (a
    `&` job without job control ignores SIGINT and SIGQUIT; native comparisons and programs that
    kill their children with them would differ or hang)."""
    for sig in range(1, signal.NSIG):
        if sig not in (signal.SIGKILL, signal.SIGSTOP):
            try:
                signal.signal(sig, signal.SIG_DFL)
            except (OSError, ValueError):
                pass

def discover():
    found = []
    for dirpath, dirnames, filenames in os.walk(TOP):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith("."))
        rel = os.path.relpath(dirpath, TOP)
        parts = rel.split(os.sep)
        if "tests" not in parts:
            continue
        for f in sorted(filenames):
            path = os.path.join(dirpath, f)
            if f.startswith("test_") and os.access(path, os.X_OK):
                found.append(os.path.relpath(path, TOP))
    return found


def load_known():
    known = {}
    if not os.path.exists(KNOWN):
        return known
    with open(KNOWN) as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            name, _, reason = line.partition(" ")
            if not reason.strip():
                sys.exit(f"tests/known-failures:{n}: '{name}' has no reason")
            known[name] = reason.strip()
    return known


def test_name(path):
    stem = os.path.splitext(os.path.basename(path))[0]
    return f"{os.path.dirname(path)}/{stem}"


def run_one(path, timeout):
    start = time.time()
    try:
        p = subprocess.run([os.path.join(TOP, path)], cwd=TOP, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=timeout, text=True, errors="replace",
                           preexec_fn=default_signals)
        out, rc = p.stdout, p.returncode
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode(errors="replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
        out += f"\n[timed out after {timeout} s]"
        rc = -1
    results = []
    for line in out.splitlines():
        m = LINE.match(line.strip())
        if m:
            results.append((f"{test_name(path)}:{m.group(2)}", m.group(1) == "ok", m.group(3) or ""))
    if not results:
        results.append((test_name(path), rc == 0, f"exit status {rc}"))
    elif rc != 0 and all(ok for _, ok, _ in results):
        results.append((test_name(path), False, f"exit status {rc} after all its checks passed"))
    return results, out, time.time() - start


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-k", metavar="GLOB", help="only test files whose name matches GLOB")
    ap.add_argument("-v", action="store_true", help="show every test's output")
    ap.add_argument("--timeout", type=int, default=int(os.environ.get("LOCKSTEP_TEST_TIMEOUT", 900)),
                    help="seconds allowed per test file (default 900)")
    ap.add_argument("--list", action="store_true", help="list the test files and exit")
    args = ap.parse_args()

    files = discover()
    if args.k:
        files = [f for f in files if fnmatch.fnmatch(f, f"*{args.k}*")]
    if args.list:
        print("\n".join(files))
        return 0
    known = load_known()
    seen = set()
    passed = failed = xfailed = 0
    for path in files:
        results, out, secs = run_one(path, args.timeout)
        shown = False
        for name, ok, why in results:
            seen.add(name)
            if name in known:
                if ok:
                    failed += 1
                    print(f"XPASS {name}: passes now; remove it from tests/known-failures")
                else:
                    xfailed += 1
                    print(f"XFAIL {name} ({known[name]})")
                continue
            if ok:
                passed += 1
                print(f"PASS  {name}")
            else:
                failed += 1
                print(f"FAIL  {name}: {why}")
                if not shown:
                    print("      | " + "\n      | ".join(out.rstrip().splitlines()[-40:]))
                    shown = True
        if args.v and not shown:
            print("      | " + "\n      | ".join(out.rstrip().splitlines()))
        print(f"      ({path}: {secs:.1f} s)", flush=True)
    if not args.k:
        for name in sorted(set(known) - seen):
            failed += 1
            print(f"STALE {name}: listed in tests/known-failures but no such test ran")
    if xfailed:
        print(f"{xfailed} known failures (tests/known-failures)")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
