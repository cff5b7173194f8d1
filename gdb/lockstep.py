"""lockstep.py — gdb's side of `lockstep gdb`: stop at the first divergence and explain it.

Loaded by replayer/host/gdb.py into a gdb attached to QEMU's gdbstub. It adds:

  lockstep-setup TRACE ROOT DUMP PORT   remember the trace, its root tree and the dumper; connect
  lockstep-run                          hbreak at lockstep_diverged(), continue to it, print the report
  lockstep report                       the divergence report, read from kernel memory
  lockstep kbt                          the kernel backtrace (the checker's call chain)
  lockstep ubt                          the traced program's backtrace, with source lines
                                        (symbols from its ELF in the root tree)
  lockstep window [N]                   the trace around the divergent record (N records each side)
  lockstep all                          report, kbt, ubt and window: what --batch prints

and a pretty-printer for `struct divergence`, so `print *d` reads like the report.
"""
import json
import os
import subprocess

import gdb

STATE = {"trace": None, "root": None, "dump": None, "port": None, "symbols": None}
ET_DYN_BASE = 0x555555554000  # Linux's no-ASLR load address of a static-PIE program


def cstr(value):
    try:
        return value.string(errors="replace")
    except gdb.error:
        return "?"


class DivergencePrinter:
    def __init__(self, val):
        self.val = val

    def to_string(self):
        v = self.val
        lines = [f"divergence in {cstr(v['trace'])} at record #{int(v['record'])}, task {int(v['task'])} "
                 f"(tid {int(v['tid'])}), program {cstr(v['program'])}"]
        for i in range(int(v["nlast"])):
            lines.append(f"  matched:  {cstr(v['last'][i])}")
        lines += [f"  recorded: {cstr(v['recorded'])}",
                  f"  executed: {cstr(v['executed'])}",
                  f"  field:    {cstr(v['field'])}",
                  f"  expected: {cstr(v['expected'])}",
                  f"  actual:   {cstr(v['actual'])}",
                  f"  rule:     {cstr(v['why'])}",
                  f"  user rip: {int(v['user_rip']):#x}"]
        return "\n".join(lines)


def lookup_printer(val):
    t = val.type.strip_typedefs()
    if t.code == gdb.TYPE_CODE_STRUCT and t.tag == "divergence":
        return DivergencePrinter(val)
    return None


gdb.pretty_printers.append(lookup_printer)


def divergence():
    """The struct divergence being reported (lockstep_diverged's argument)."""
    try:
        frame = gdb.selected_frame()
        while frame is not None and frame.name() != "lockstep_diverged":
            frame = frame.older()
        if frame is not None:
            return frame.read_var("d").dereference()
    except (gdb.error, ValueError):
        pass
    ptr = gdb.parse_and_eval("(const struct divergence *)$rdi")
    return ptr.dereference()


class Setup(gdb.Command):
    """lockstep-setup TRACE ROOT DUMP PORT: remember the session's files and connect."""

    def __init__(self):
        super().__init__("lockstep-setup", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        trace, root, dump, port = gdb.string_to_argv(arg)
        STATE.update(trace=trace, root=root, dump=dump, port=port)
        gdb.execute(f"target remote localhost:{port}", to_string=True)


class Run(gdb.Command):
    """lockstep-run: break at lockstep_diverged() (a hardware breakpoint) and continue to it."""

    def __init__(self):
        super().__init__("lockstep-run", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        gdb.execute("hbreak lockstep_diverged", to_string=True)
        try:
            gdb.execute("continue")
        except gdb.error as e:
            print(f"lockstep: the machine stopped without a divergence ({e})")
            return
        try:
            if gdb.selected_frame().name() != "lockstep_diverged":
                print("lockstep: stopped, but not at lockstep_diverged")
                return
        except gdb.error:
            print("lockstep: no divergence (the check ran to its end)")
            return
        report()
        print("lockstep: commands: lockstep kbt | ubt | window [N] | report | all")


class Lockstep(gdb.Command):
    """lockstep report|kbt|ubt|window [N]|all — see gdb/lockstep.py."""

    def __init__(self):
        super().__init__("lockstep", gdb.COMMAND_USER, prefix=True)

    def invoke(self, arg, from_tty):
        argv = gdb.string_to_argv(arg)
        what = argv[0] if argv else "all"
        handlers = {"report": report, "kbt": kbt, "ubt": ubt, "window": window, "all": everything}
        if what not in handlers:
            raise gdb.GdbError("usage: lockstep report|kbt|ubt|window [N]|all")
        handlers[what](*argv[1:])


def report():
    print("=== lockstep: divergence report (from kernel memory) ===")
    print(DivergencePrinter(divergence()).to_string())


KERNEL_BASE = 0xffff800000000000


def kbt():
    """The kernel frames only: from lockstep_diverged down to the syscall entry."""
    print("=== lockstep: kernel backtrace ===")
    frame, i = gdb.newest_frame(), 0
    while frame is not None and frame.pc() >= KERNEL_BASE:
        sal = frame.find_sal()
        where = f" at {sal.symtab.filename}:{sal.line}" if sal.symtab else ""
        print(f"#{i:<2} {frame.pc():#018x} in {frame.name() or '??'}{where}")
        if frame.name() == "syscall_entry":
            break
        frame, i = frame.older(), i + 1


def program_elf(d):
    path = cstr(d["program"])
    if not STATE["root"] or not path.startswith("/"):
        return None
    full = os.path.join(STATE["root"], path.lstrip("/"))
    return full if os.path.isfile(full) else None


def load_symbols(elf):
    if STATE["symbols"] == elf:
        return
    with open(elf, "rb") as fh:
        head = fh.read(18)
    offset = ET_DYN_BASE if head[16] == 3 else 0  # e_type: 2 EXEC (at its link address), 3 DYN
    opt = f" -o {offset:#x}" if offset else ""
    gdb.execute(f"add-symbol-file {elf}{opt}", to_string=True)
    STATE["symbols"] = elf


def text_range(elf, offset):
    """[lo, hi) of the program's executable segments, at their load address."""
    import struct
    lo, hi = None, None
    with open(elf, "rb") as fh:
        data = fh.read(1 << 16)
    phoff, = struct.unpack_from("<Q", data, 32)
    phentsize, phnum = struct.unpack_from("<HH", data, 54)
    for k in range(phnum):
        at = phoff + k * phentsize
        if at + 56 > len(data):
            break
        ptype, flags, _, vaddr, _, _, memsz, _ = struct.unpack_from("<IIQQQQQQ", data, at)
        if ptype == 1 and flags & 1:
            lo = vaddr + offset if lo is None else min(lo, vaddr + offset)
            hi = vaddr + offset + memsz if hi is None else max(hi, vaddr + offset + memsz)
    return lo or 0, hi or 0


def describe(pc):
    sal = gdb.find_pc_line(pc)
    block_fn = None
    try:
        block_fn = gdb.block_for_pc(pc).function
    except (RuntimeError, AttributeError):
        pass
    if block_fn:
        name = block_fn.print_name
    else:
        sym = gdb.execute(f"info symbol {pc:#x}", to_string=True)
        name = "??" if sym.startswith("No symbol") else sym.split(" in ")[0].strip()
    where = f" at {sal.symtab.filename}:{sal.line}" if sal.symtab else ""
    return name, where, bool(sal.symtab)


def ubt():
    """The program's call chain at the divergent syscall. The kernel is stopped in the task's
    context, so its page tables map the program. gdb unwinds from the saved user registers
    where the program has unwind info; where it has none (libc's assembly), the stack is
    scanned for return addresses into code with line information."""
    print("=== lockstep: user-space backtrace ===")
    d = divergence()
    elf = program_elf(d)
    rip, rsp = int(d["user_rip"]), int(d["user_rsp"])
    if not elf:
        print(f"  (no program ELF under {STATE['root']}) pc {rip:#x}")
        return
    load_symbols(elf)
    with open(elf, "rb") as fh:
        offset = ET_DYN_BASE if fh.read(18)[16] == 3 else 0
    lo, hi = text_range(elf, offset)
    name, where, _ = describe(rip)
    print(f"#0  {rip:#018x} in {name}{where}   (the syscall)")
    inferior = gdb.selected_inferior()
    shown, i = set(), 1
    for k in range(2048):
        try:
            word = int.from_bytes(bytes(inferior.read_memory(rsp + 8 * k, 8)), "little")
        except gdb.MemoryError:
            break
        if not lo <= word < hi or word in shown:
            continue
        name, where, has_line = describe(word - 1)   # the call instruction before the return address
        if not has_line:
            continue
        shown.add(word)
        print(f"#{i:<2} {word:#018x} in {name}{where}   (return address at sp+{8 * k:#x})")
        i += 1
        if name == "main" or i > 12:
            break
    if i == 1:
        print("  (no return address with line information on the stack: is the program built with -g?)")


def window(n="5"):
    n = int(n)
    d = divergence()
    k = int(d["record"])
    print(f"=== lockstep: trace window around record #{k} ===")
    if not STATE["dump"] or not STATE["trace"]:
        print("  (no trace)")
        return
    out = subprocess.run([STATE["dump"], "--json", STATE["trace"]], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, text=True).stdout
    for line in out.splitlines():
        try:
            ev = json.loads(line)
        except ValueError:
            continue
        i = ev.get("index")
        if i is None or abs(i - k) > n:
            continue
        mark = ">>" if i == k else "  "
        task = ev.get("task")
        who = f"[t{task}]" if task is not None and task != 0xffffffff else "[out]"
        print(f"{mark} #{i:<5} {who} {ev.get('text', '')}")


def everything():
    report()
    kbt()
    ubt()
    window()


Setup()
Run()
Lockstep()
