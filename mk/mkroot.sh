#!/bin/bash
# mkroot.sh ROOT SRC:DEST... — (re)build the standard root in ROOT.
# Lays out the fixed skeleton (/bin with BusyBox applet links, /etc, /tmp, /dev,
# /proc), then copies each SRC to ROOT/DEST. Files no longer listed are removed,
# because the root is rebuilt from scratch into a temporary directory.
set -euo pipefail
root=$1; shift
mkdir -p "$(dirname "$root")"
tmp=$(mktemp -d "${root%/}.new.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp"/{bin,sbin,usr/bin,usr/sbin,etc,tmp,dev,proc,root,contracts}
chmod 755 "$tmp"   # mktemp made it 0700; "/" is 0755 on both systems
chmod 1777 "$tmp/tmp"
for spec in "$@"; do
  src=${spec%%:*}; dest=${spec#*:}
  [ -e "$src" ] || { echo "mkroot: missing $src" >&2; exit 1; }
  mkdir -p "$tmp$(dirname "$dest")"
  cp -p "$src" "$tmp$dest"
done
# BusyBox applets as symlinks to /bin/busybox, where the name is free.
if [ -x "$tmp/bin/busybox" ]; then
  for app in $("$tmp/bin/busybox" --list); do
    [ -e "$tmp/bin/$app" ] || ln -s busybox "$tmp/bin/$app"
  done
fi
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' > "$tmp/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$tmp/etc/group"
printf 'lockstep\n' > "$tmp/etc/hostname"
# Fixed timestamps so that the tree (and its hash) depends on content only.
find "$tmp" -exec touch -h -d '2024-01-01 00:00:00 UTC' {} +
# Swap the new tree in with two renames, so a reader never finds the root missing for long.
old=""
if [ -e "$root" ]; then old="${root%/}.old.$$"; mv "$root" "$old"; fi
mv "$tmp" "$root"; trap - EXIT
[ -z "$old" ] || rm -rf "$old"
echo "root: $root ($(find "$root" -type f | wc -l) files)"
