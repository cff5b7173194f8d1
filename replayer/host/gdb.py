#!/usr/bin/env python3
"""lockstep gdb — check one trace under gdb, halted at the first divergent syscall.

usage: lockstep gdb [--batch] [--accel kvm|tcg] [--root DIR] [--port N] TRACE

TRACE is a trace file, or a name looked up as NAME.trace in build/traces/suite/ and
build/replayer/tests/traces/ (suite traces are named CAT.NAME). The root tree is --root, or else
the first of build/traces/suite/root, build/root and build/replayer/e2e-root with the trace's hash. QEMU starts halted with its gdbstub; gdb
loads gdb/lockstep.py, breaks at lockstep_diverged() and shows the report. Commands there:
`lockstep report`, `lockstep kbt`, `lockstep ubt` (the program's stack, with source lines),
`lockstep window [N]`, `lockstep all`. --batch prints all of them and exits.
"""
import argparse
import os
import socket
import subprocess
import sys
import tempfile
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import check  # noqa: E402
import qemu  # noqa: E402
import tracefile  # noqa: E402

TOP = qemu.TOP
DUMP = os.path.join(TOP, "build", "traces", "lockstep-dump")
EXTENSION = os.path.join(TOP, "gdb", "lockstep.py")
SEARCH = [os.path.join(TOP, "build", "traces", "suite"), os.path.join(TOP, "build", "replayer", "tests", "traces")]
ROOTS = [os.path.join(TOP, "build", "traces", "suite", "root"), os.path.join(TOP, "build", "root"),
         os.path.join(TOP, "build", "replayer", "e2e-root")]


def find_trace(name):
    if os.path.isfile(name):
        return name
    for d in SEARCH:
        p = os.path.join(d, name if name.endswith(".trace") else name + ".trace")
        if os.path.isfile(p):
            return p
    sys.exit(f"lockstep gdb: no trace {name} (a file, or a name in {', '.join(SEARCH)})")


def find_root(trace, given):
    want = tracefile.read(trace).root_hash
    for root in ([given] if given else ROOTS):
        if os.path.isdir(root) and (not want or check.root_hash(root) == want):
            return root
    sys.exit(f"lockstep gdb: no root tree with the trace's hash {want[:12]} (pass --root DIR)")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pump(stream, sink):
    """QEMU's console: check lines and program output to sink, as they come."""
    con = check.Console()
    for chunk in iter(lambda: os.read(stream.fileno(), 65536), b""):
        for kind, value in con.feed(chunk):
            if kind == "line":
                sink.write(f"[kernel] {value}\n")
            else:
                sink.write(f"[{'stdout' if kind == 'o' else 'stderr'}] {value.decode(errors='replace')}")
            sink.flush()


def main(argv):
    ap = argparse.ArgumentParser(prog="lockstep gdb", description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("trace", metavar="TRACE")
    ap.add_argument("--batch", action="store_true", help="print the report, backtraces and window; exit")
    ap.add_argument("--accel", choices=["kvm", "tcg"])
    ap.add_argument("--root")
    ap.add_argument("--port", type=int)
    ap.add_argument("--memory", default="512M")
    ap.add_argument("--kernel", default=qemu.KERNEL, help="kernel ELF (default build/kernel/lockstep.elf)")
    args = ap.parse_args(argv)
    trace = find_trace(args.trace)
    root = find_root(trace, args.root)
    accel = qemu.pick_accel(args.accel)
    port = args.port or free_port()
    cpio = check.root_cpio(root, check.root_hash(root))
    with tempfile.TemporaryDirectory(prefix="lockstep-gdb-") as tmp:
        bundle = os.path.join(tmp, "traces.bin")
        with open(trace, "rb") as fh:
            check.pack_traces([(check.trace_name(trace), fh.read())], bundle)
        cmd = check.boot_command(cpio, bundle, accel, extra=["-gdb", f"tcp:127.0.0.1:{port}", "-S"],
                                 memory=args.memory, kernel=args.kernel)
        vm = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        threading.Thread(target=pump, args=(vm.stdout, sys.stdout), daemon=True).start()
        gdbcmd = ["gdb", "-q", "-nx", "-ex", "set pagination off", "-ex", "set confirm off",
                  "-ex", f"source {EXTENSION}",
                  "-ex", f"lockstep-setup {trace} {root} {DUMP} {port}", "-ex", "lockstep-run"]
        if args.batch:
            gdbcmd = gdbcmd[:1] + ["-batch"] + gdbcmd[1:] + ["-ex", "lockstep kbt", "-ex", "lockstep ubt",
                                                             "-ex", "lockstep window", "-ex", "kill"]
        gdbcmd.append(args.kernel)
        try:
            rc = subprocess.run(gdbcmd).returncode
        finally:
            if vm.poll() is None:
                vm.kill()
            vm.wait()
    return rc


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
