"""tracefile.py — what the host side of check mode reads from a trace file itself: the header
(program, argv, root hash) and the OUTPUT records (what the program printed on Linux).

The layout is traces/FORMAT.md's. This reader checks the CRCs of the records it uses and stops
quietly at anything it cannot read: the kernel's decoder (traces/codec.c) is the strict one and
gives the verdict on a damaged trace; here a damaged header only means "cannot verify".
"""
import struct
import zlib

MAGIC = b"LOCKSTEP"
KIND_HEADER, KIND_OUTPUT, KIND_END = 1, 7, 8


class TraceInfo:
    def __init__(self):
        self.ok = False          # the header was read and its CRCs hold
        self.program = ""
        self.argv = []
        self.root_hash = ""
        self.stdout = b""
        self.stderr = b""
        self.complete = False    # an END record was seen


def _records(data):
    pos = len(MAGIC)
    while pos + 16 <= len(data):
        n, kind, zero, task, hcrc = struct.unpack_from("<IHHII", data, pos)
        if zlib.crc32(data[pos:pos + 12]) != hcrc or zero or pos + 20 + n > len(data):
            return
        payload = data[pos + 16:pos + 16 + n]
        (rcrc,) = struct.unpack_from("<I", data, pos + 16 + n)
        if zlib.crc32(data[pos:pos + 16 + n]) != rcrc:
            return
        yield kind, task, payload
        pos += 20 + n


def _str(p, at):
    (n,) = struct.unpack_from("<I", p, at)
    return p[at + 4:at + 4 + n].decode(errors="replace"), at + 5 + n


def _header(info, p):
    at = 8
    _, at = _str(p, at)                     # recorder_version
    for _ in range(6):                      # uname
        _, at = _str(p, at)
    for which in ("argv", "envp"):
        (count,) = struct.unpack_from("<I", p, at)
        at += 4
        items = []
        for _ in range(count):
            s, at = _str(p, at)
            items.append(s)
        if which == "argv":
            info.argv = items
    _, at = _str(p, at)                     # cwd
    at += 4 + 16 * 16 + 3 * 4 + 4           # umask, rlimits, fd kinds, sandbox flags
    _, at = _str(p, at)                     # sandbox hostname
    _, at = _str(p, at)                     # sandbox domainname
    info.root_hash = p[at:at + 32].hex()
    info.program, at = _str(p, at + 32)


def read(path):
    info = TraceInfo()
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return info
    if not data.startswith(MAGIC):
        return info
    out, err = [], []
    try:
        for kind, task, payload in _records(data):
            if kind == KIND_HEADER:
                _header(info, payload)
                info.ok = True
            elif kind == KIND_OUTPUT:
                (stream, n) = struct.unpack_from("<II", payload, 0)
                (out if stream == 1 else err).append(payload[8:8 + n])
            elif kind == KIND_END:
                info.complete = True
    except (struct.error, IndexError):
        pass
    info.stdout, info.stderr = b"".join(out), b"".join(err)
    return info
