"""initramfs.py — pack a directory tree into a cpio "newc" archive, in Python.

The kernel unpacks this archive (the multiboot module named `root`) into its root file
system. Regular files, directories and symlinks keep their modes, owners and mtimes;
hard links are stored as separate files; device nodes, FIFOs and sockets are stored with
their mode and rdev. Entries are sorted, so the same tree gives the same archive.
"""
import os
import stat

TRAILER = "TRAILER!!!"
LAYOUT = "dfs"   # names the entry order; part of the cache key of packed archives (check.py)


def _header(ino, mode, uid, gid, nlink, mtime, size, rdev, namesize):
    fields = [ino, mode, uid, gid, nlink, mtime, size, 0, 0,
              os.major(rdev), os.minor(rdev), namesize, 0]
    return ("070701" + "".join("%08x" % (f & 0xffffffff) for f in fields)).encode()


def _pad(n):
    return b"\0" * ((4 - n % 4) % 4)


def _entry(out, name, st, data, ino):
    nameb = name.encode() + b"\0"
    hdr = _header(ino, st.st_mode, st.st_uid, st.st_gid,
                  2 if stat.S_ISDIR(st.st_mode) else 1, int(st.st_mtime), len(data),
                  st.st_rdev if (stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode)) else 0,
                  len(nameb))
    out.append(hdr + nameb + _pad(len(hdr) + len(nameb)))
    if data:
        out.append(data + _pad(len(data)))


def _walk(root, rel_dir):
    """The entries under rel_dir in the recorder's order (recorder/roottree.c): depth first,
    each directory's entries sorted by name, a directory before its contents. Linux's tmpfs
    numbers the recorder's copy in that order, and the kernel numbers the unpacked archive in
    archive order, so both give every file the same inode number."""
    for n in sorted(os.listdir(os.path.join(root, rel_dir))):
        rel = os.path.normpath(os.path.join(rel_dir, n))
        yield rel
        if stat.S_ISDIR(os.lstat(os.path.join(root, rel)).st_mode):
            yield from _walk(root, rel)


def pack(root):
    """Return the newc archive of the tree at root, as bytes."""
    out = []
    ino = 1
    for rel in _walk(root, "."):
        path = os.path.join(root, rel)
        st = os.lstat(path)
        if stat.S_ISLNK(st.st_mode):
            data = os.readlink(path).encode()
        elif stat.S_ISREG(st.st_mode):
            with open(path, "rb") as fh:
                data = fh.read()
        else:
            data = b""
        ino += 1
        _entry(out, rel, st, data, ino)
    trailer = TRAILER.encode() + b"\0"
    hdr = _header(0, 0, 0, 0, 1, 0, 0, 0, len(trailer))
    out.append(hdr + trailer + _pad(len(hdr) + len(trailer)))
    return b"".join(out)


def write(root, dest):
    data = pack(root)
    with open(dest, "wb") as fh:
        fh.write(data)
    return len(data)
