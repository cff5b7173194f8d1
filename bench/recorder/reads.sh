# Recorder bench workload: 100k one-byte reads (and as many one-byte writes).
dd if=/dev/zero of=/dev/null bs=1 count=100000 2>/dev/null
