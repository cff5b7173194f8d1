# Recorder bench workload: a few hundred syscalls of mixed kinds (files, directories,
# pipes, fork/exec of applets). Runs as `busybox sh -c "$(cat mixed.sh)"` in the sandbox.
cd /tmp
for i in 1 2 3 4 5 6 7 8; do
  mkdir d$i
  echo "line $i" > d$i/f
  cat d$i/f > /dev/null
  ls -l d$i > /dev/null
  mv d$i/f d$i/g
  stat d$i/g > /dev/null
  rm -r d$i
done
echo a b c | tr a-z A-Z | wc -c > /dev/null
