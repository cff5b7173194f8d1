"""runspec.py — write the run spec, the multiboot module named `run`.

Format (read by kernel/runspec.c): b"LOCKSTEP-RUN-1\\0", then pairs KEY\\0VALUE\\0:
  arg      one argv element, in order; the first is also the path executed
  env      one environment string, in order
  release  the uname release the kernel reports
  rlimit   "RESOURCE SOFT HARD" in decimal, -1 for infinity
  verbose  "1" to echo the kernel log on COM1
  strace   "1" to log every syscall and its result in the kernel log
  panic    "1" to make the kernel panic right after boot (tests the runner)
"""
import os

MAGIC = b"LOCKSTEP-RUN-1\0"
# The recorder's fixed environment (recorder/sandbox.c), so runs and recordings agree.
DEFAULT_ENV = ["PATH=/bin:/sbin:/usr/bin:/usr/sbin", "HOME=/root", "TERM=dumb", "LANG=C"]


def encode(argv, env=None, release=None, verbose=False, rlimits=(), strace=False, panic=False):
    def s(x):
        b = x.encode() if isinstance(x, str) else bytes(x)
        if b"\0" in b:
            raise ValueError("run spec strings cannot contain NUL")
        return b + b"\0"
    out = [MAGIC]
    for a in argv:
        out += [s("arg"), s(a)]
    for e in (DEFAULT_ENV if env is None else env):
        out += [s("env"), s(e)]
    out += [s("release"), s(release or os.uname().release)]
    for res, soft, hard in rlimits:
        out += [s("rlimit"), s(f"{res} {soft} {hard}")]
    if verbose:
        out += [s("verbose"), s("1")]
    if strace:
        out += [s("strace"), s("1")]
    if panic:
        out += [s("panic"), s("1")]
    return b"".join(out)
