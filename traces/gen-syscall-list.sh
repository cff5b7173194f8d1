#!/bin/sh
# Turns Linux's asm/unistd_64.h into an X-macro list: SYSCALL(number, name).
# Every table of syscalls in Lockstep (kernel dispatch, names, descriptions) is
# built from this list, so a number is never typed by hand.
set -eu
hdr=${1:-/usr/include/x86_64-linux-gnu/asm/unistd_64.h}
[ -r "$hdr" ] || { echo "gen-syscall-list: cannot read $hdr" >&2; exit 1; }
echo "/* Generated from $hdr by traces/gen-syscall-list.sh. Do not edit. */"
awk '$1 == "#define" && $2 ~ /^__NR_/ && $3 ~ /^[0-9]+$/ {
        name = substr($2, 6); printf "SYSCALL(%d, %s)\n", $3, name; n++ }
     END { if (n < 300) { print "gen-syscall-list: only " n " syscalls found" > "/dev/stderr"; exit 1 } }' "$hdr"
