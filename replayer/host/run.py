#!/usr/bin/env python3
"""lockstep run — boot the Lockstep kernel in QEMU with PROG as the first process.

usage: lockstep run [--root DIR] [--accel kvm|tcg] [--timeout S] [--release R]
                    [--env NAME=VALUE]... [-v] [--strace] -- PROG [ARGS...]

Packs DIR (default build/root, the standard root: `make root`) into a cpio archive
(module `root`), writes the run spec (module `run`: argv, the recorder's default
environment, the uname release), boots the kernel, passes the program's stdout and
stderr on as they come, and exits with the program's status (128+N when killed by
signal N, as a shell reports it).

The environment variable LOCKSTEP_ACCEL=kvm|tcg picks the accelerator when --accel
is not given; without either, qemu.DEFAULT_ACCEL (TCG: the nested KVM here is ~1000x
slower, see qemu.py). KVM falls back to TCG when /dev/kvm cannot be opened.

Exit statuses of its own:
  124  the run timed out (QEMU killed)
  125  kernel panic or unexpected kernel fault (the kernel log is printed)
  126  PROG exists but could not be executed (e.g. not an ELF: ENOEXEC)
  127  PROG not found
  122  QEMU stopped without a result (triple fault, reset)
  121  QEMU could not be started
"""
import argparse
import os
import select
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import initramfs  # noqa: E402
import qemu  # noqa: E402
import runspec  # noqa: E402

EXIT_TIMEOUT, EXIT_PANIC, EXIT_NOEXEC, EXIT_NOTFOUND, EXIT_NORESULT, EXIT_NOQEMU = 124, 125, 126, 127, 122, 121
ERRNO_NAMES = {2: "ENOENT", 8: "ENOEXEC", 13: "EACCES", 12: "ENOMEM", 20: "ENOTDIR", 21: "EISDIR", 5: "EIO"}


class Console:
    """Decodes COM1: plain bytes are the kernel log; NUL TYPE LEN DATA are frames."""

    def __init__(self, out, err, log):
        self.buf = b""
        self.out, self.err, self.log = out, err, log
        self.logtext = bytearray()
        self.result = None      # the program's wait status ('x')
        self.exec_error = None  # errno of a failed exec of the program ('X')

    def feed(self, data):
        self.buf += data
        while self.buf:
            nul = self.buf.find(b"\0")
            if nul != 0:
                text = self.buf if nul < 0 else self.buf[:nul]
                self.logtext += text
                if self.log:
                    self.log.write(text)
                    self.log.flush()
                self.buf = b"" if nul < 0 else self.buf[nul:]
                continue
            if len(self.buf) < 3 or len(self.buf) < 3 + self.buf[2]:
                return
            kind, n = chr(self.buf[1]), self.buf[2]
            payload, self.buf = self.buf[3:3 + n], self.buf[3 + n:]
            if kind == "o":
                self.out.write(payload)
                self.out.flush()
            elif kind == "e":
                self.err.write(payload)
                self.err.flush()
            elif kind == "x":
                self.result = int(payload.decode() or "0")
            elif kind == "X":
                self.exec_error = int(payload.decode() or "0")


def shell_status(wait_status):
    if wait_status & 0x7f == 0:
        return (wait_status >> 8) & 0xff
    return 128 + (wait_status & 0x7f)


def main(argv):
    ap = argparse.ArgumentParser(prog="lockstep run", description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--root", default=os.path.join(qemu.TOP, "build", "root"))
    ap.add_argument("--accel", choices=["kvm", "tcg"])
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--release", help="uname release to report (default: this host's)")
    ap.add_argument("--env", action="append", default=None, metavar="NAME=VALUE",
                    help="environment string (replaces the default environment when given)")
    ap.add_argument("--memory", default="512M")
    ap.add_argument("-v", "--verbose", action="store_true", help="show the kernel log on stderr")
    ap.add_argument("--strace", action="store_true", help="log every syscall in the kernel log (implies -v)")
    ap.add_argument("--debug-panic", action="store_true", help=argparse.SUPPRESS)   # tests the panic path
    ap.add_argument("prog", nargs=argparse.REMAINDER)
    args = ap.parse_args(argv)
    args.verbose = args.verbose or args.strace
    prog = args.prog[1:] if args.prog[:1] == ["--"] else args.prog
    if not prog:
        ap.error("no program given (lockstep run -- PROG [ARGS...])")
    if not os.path.isdir(args.root):
        sys.exit(f"lockstep run: no root directory {args.root} (build the standard root with 'make root')")
    if not os.path.exists(qemu.KERNEL):
        sys.exit(f"lockstep run: no kernel at {qemu.KERNEL} (run 'make')")

    accel = qemu.pick_accel(args.accel)
    wanted = args.accel or os.environ.get("LOCKSTEP_ACCEL")
    if args.verbose and accel == "tcg" and wanted == "kvm":
        print("lockstep run: KVM not usable, using TCG", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="lockstep-run-") as tmp:
        root_cpio = os.path.join(tmp, "root.cpio")
        run_bin = os.path.join(tmp, "run.bin")
        initramfs.write(args.root, root_cpio)
        with open(run_bin, "wb") as fh:
            fh.write(runspec.encode(prog, env=args.env, release=args.release, verbose=args.verbose,
                                     strace=args.strace, panic=args.debug_panic))
        cmd = qemu.command([(root_cpio, "root"), (run_bin, "run")], accel=accel, memory=args.memory)
        return boot(cmd, args)


def boot(cmd, args):
    out, err = sys.stdout.buffer, sys.stderr.buffer
    console = Console(out, err, err if args.verbose else None)
    start = time.monotonic()
    try:
        p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except OSError as e:
        print(f"lockstep run: cannot start QEMU: {e}", file=sys.stderr)
        return EXIT_NOQEMU
    qemu_err = bytearray()
    streams = {p.stdout.fileno(): "out", p.stderr.fileno(): "err"}
    timed_out = False
    while streams:
        left = args.timeout - (time.monotonic() - start)
        if left <= 0:
            timed_out = True
            p.kill()
            break
        ready, _, _ = select.select(list(streams), [], [], left)
        for fd in ready:
            data = os.read(fd, 65536)
            if not data:
                del streams[fd]
            elif streams[fd] == "out":
                console.feed(data)
            else:
                qemu_err += data
    rc = p.wait()
    if args.verbose:
        print(f"lockstep run: QEMU ({cmd[cmd.index('-accel') + 1]}) ran {time.monotonic() - start:.3f} s",
              file=sys.stderr)
    if timed_out:
        print(f"lockstep run: timed out after {args.timeout:g} s", file=sys.stderr)
        return EXIT_TIMEOUT
    if rc == qemu.STATUS_PANIC:
        if not args.verbose:
            err.write(bytes(console.logtext))
        err.write(symbolize(bytes(console.logtext)).encode())
        print("lockstep run: kernel panic (log above)", file=sys.stderr)
        return EXIT_PANIC
    if console.exec_error is not None and rc == qemu.STATUS_DONE:
        e = console.exec_error
        print(f"lockstep run: cannot execute {cmd_prog(args)}: {os.strerror(e)} ({ERRNO_NAMES.get(e, e)})",
              file=sys.stderr)
        return EXIT_NOTFOUND if e == 2 else EXIT_NOEXEC
    if console.result is not None and rc == qemu.STATUS_DONE:
        return shell_status(console.result)
    if qemu_err:
        err.write(bytes(qemu_err))
    if rc == 0 or rc == qemu.STATUS_DONE:      # 0: a triple fault under -no-reboot
        if not args.verbose:
            err.write(bytes(console.logtext))
        print("lockstep run: the machine stopped without a result (triple fault or reset?)", file=sys.stderr)
        return EXIT_NORESULT
    print(f"lockstep run: QEMU failed (status {rc})", file=sys.stderr)
    return EXIT_NOQEMU


def symbolize(log):
    """The kernel backtrace's addresses as function and source line (addr2line), if available."""
    import re
    addrs = re.findall(rb"\[<(ffffffff[0-9a-f]{8})>\]", log)
    if not addrs:
        return ""
    try:
        r = subprocess.run(["addr2line", "-f", "-s", "-e", qemu.KERNEL] + [a.decode() for a in addrs],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    lines = r.stdout.splitlines()
    out = ["  backtrace, symbolized:"]
    for i, a in enumerate(addrs):
        fn, loc = (lines[2 * i:2 * i + 2] + ["?", "?"])[:2]
        out.append(f"    {a.decode()}  {fn}  {loc}")
    return "\n".join(out) + "\n"


def cmd_prog(args):
    prog = args.prog[1:] if args.prog[:1] == ["--"] else args.prog
    return prog[0]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
