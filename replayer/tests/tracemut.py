"""tracemut.py — make a recorded trace say something else, keeping it a valid trace: change the
result of one SYSCALL record and fix the CRCs (the record's and END's file CRC), so that the
kernel, running the same program, diverges exactly there. Also the damaged variants (cut,
flipped bit) the error tests need. The layout is traces/FORMAT.md's."""
import struct
import zlib

KIND_SYSCALL, KIND_END = 2, 8
RESULT_AT = 16 + 6 * 8  # nr, flags, entered_after, reserved, args (format 2)


def records(data):
    pos = 8
    while pos + 16 <= len(data):
        n, kind = struct.unpack_from("<IH", data, pos)
        yield pos, n, kind
        pos += 20 + n


def syscalls(data):
    """(record index, nr, result) of each SYSCALL record."""
    out = []
    for i, (pos, n, kind) in enumerate(records(data)):
        if kind == KIND_SYSCALL:
            nr = struct.unpack_from("<I", data, pos + 16)[0]
            result = struct.unpack_from("<q", data, pos + 16 + RESULT_AT)[0]
            out.append((i, nr, result))
    return out


def set_result(data, index, result):
    """A copy of data whose record `index` (a SYSCALL) returns result instead."""
    buf = bytearray(data)
    for i, (pos, n, kind) in enumerate(records(buf)):
        if i == index:
            if kind != KIND_SYSCALL:
                raise ValueError(f"record {index} is not a SYSCALL")
            struct.pack_into("<q", buf, pos + 16 + RESULT_AT, result)
            struct.pack_into("<I", buf, pos + 16 + n, zlib.crc32(bytes(buf[pos:pos + 16 + n])))
        if kind == KIND_END:
            struct.pack_into("<I", buf, pos + 16 + 8, zlib.crc32(bytes(buf[:pos])))
            head = bytes(buf[pos:pos + 16 + n])
            struct.pack_into("<I", buf, pos + 16 + n, zlib.crc32(head))
    return bytes(buf)


def cut(data, keep_fraction=0.6):
    return data[: int(len(data) * keep_fraction)]


def flip(data, at=None):
    buf = bytearray(data)
    buf[len(buf) // 2 if at is None else at] ^= 0x04
    return bytes(buf)
