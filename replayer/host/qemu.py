"""qemu.py — how Lockstep boots its kernel: the QEMU command line, in one place.

`lockstep run` (run.py) and check mode use the same builder, adding modules (each a file
and the name the kernel looks it up by) and extra arguments such as a gdbstub.

The machine: `-M microvm` (no firmware delay, ~0.1 s to boot), no PIC or PIT (the kernel
uses the local APIC timer), the CMOS RTC for the wall clock, COM1 on QEMU's stdout (the
kernel log and the framed program output, see kernel/console.c), isa-debug-exit at 0xf4
for the kernel to stop the machine.

Accelerator: TCG by default, KVM on request (--accel kvm or LOCKSTEP_ACCEL=kvm), with the
default CPU model (`-cpu host`/`max` abort on these machines). Measured here, the nested KVM
runs guest code about 1000 times slower than TCG (a 10^8-iteration register loop: 327 s
under KVM, 0.37 s under TCG; `lockstep run -- /bin/true`: ~14 s against ~0.1 s), and it
half-executes SYSCALL (see arch/x86_64/traps.c). Results are the same under both; set
DEFAULT_ACCEL to "kvm" on a machine where KVM is sound.
"""
import functools
import os
import struct
import subprocess

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
KERNEL = os.path.join(TOP, "build", "kernel", "lockstep.elf")
QEMU = "qemu-system-x86_64"
SIGFRAME_PROBE = os.path.join(TOP, "build", "recorder", "lockstep-sigframe")


@functools.lru_cache(maxsize=None)
def host_sigframe():
    """This host's signal frame layout as a kernel command-line word (recorder/sigframe_probe.c):
    the kernel reserves the XSAVE area Linux reserves here. '' when the probe is not built."""
    try:
        out = subprocess.run([SIGFRAME_PROBE], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return ""
    return out.stdout.strip() if out.returncode == 0 else ""

def host_hwcap():
    """This host's AT_HWCAP and AT_HWCAP2 (from our own auxiliary vector) as a kernel command-line
    word, so that programs find the recording host's values in theirs (arch/x86_64/cpuid.c)."""
    values = {}
    try:
        data = open("/proc/self/auxv", "rb").read()
    except OSError:
        return ""
    for at in range(0, len(data) - 15, 16):
        key, val = struct.unpack_from("<QQ", data, at)
        values[key] = val
    if 16 not in values:   # AT_HWCAP
        return ""
    return f"hwcap={values[16]:#x},{values.get(26, 0):#x}"   # AT_HWCAP2


# QEMU's exit status for the kernel's isa-debug-exit codes: (code << 1) | 1.
STATUS_DONE = 33     # kernel EXIT_DONE (0x10): the run ended, result sent on the console
STATUS_PANIC = 35    # kernel EXIT_PANIC (0x11)


def kvm_usable():
    try:
        fd = os.open("/dev/kvm", os.O_RDWR)
    except OSError:
        return False
    os.close(fd)
    return True


DEFAULT_ACCEL = "tcg"


def pick_accel(requested=None):
    """'kvm' or 'tcg': the request, else LOCKSTEP_ACCEL, else DEFAULT_ACCEL (KVM only when
    /dev/kvm can be opened)."""
    accel = requested or os.environ.get("LOCKSTEP_ACCEL") or DEFAULT_ACCEL
    if accel == "kvm" and not kvm_usable():
        return "tcg"
    return accel if accel in ("kvm", "tcg") else "tcg"


def command(modules, accel="kvm", memory="512M", kernel=KERNEL, extra=()):
    """The argv that boots the kernel with modules = [(file, name), ...]."""
    for path, name in modules:
        if "," in path or " " in path:
            raise ValueError(f"QEMU cannot take a module path with ',' or ' ': {path}")
    initrd = ",".join(f"{path} {name}" for path, name in modules)
    argv = [QEMU, "-M", "microvm,pic=off,pit=off,rtc=on,isa-serial=on",
            "-accel", accel, "-m", memory, "-nodefaults", "-no-user-config", "-display", "none",
            "-chardev", "stdio,id=com1,signal=off", "-serial", "chardev:com1",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
            "-kernel", kernel, "-no-reboot"]
    if initrd:
        argv += ["-initrd", initrd]
    cmdline = " ".join(w for w in (host_sigframe(), host_hwcap()) if w)
    if cmdline:
        argv += ["-append", cmdline]
    return argv + list(extra)
