# bench/: benchmarks, run by `make bench` and never by `make test`. Each part adds its
# bench target to BENCH_TARGETS (a list: add yours on its own line). -k: one failing
# bench does not hide the others.

BENCH_TARGETS += bench-recorder

.PHONY: bench bench-recorder
bench-recorder: $(BUILD)/recorder/lockstep-record $(ROOT_STAMP)
	python3 bench/recorder/bench_recorder.py

bench:
	@$(MAKE) -k --no-print-directory $(BENCH_TARGETS)

# bench/kernel: microbenchmarks, Lockstep against Linux in the same QEMU (bench/kernel/README.md).
# Linux is Debian's linux-image-cloud-amd64, installed here (not in DEPS: make test needs none of it).
BENCH_TARGETS += bench-kernel
BENCH_KERNEL_BIN := $(BUILD)/bench/kernel/microbench
ALL_TARGETS += $(BENCH_KERNEL_BIN)
$(BENCH_KERNEL_BIN): bench/kernel/microbench.c
	@mkdir -p $(@D)
	$(MUSLCC) -static -O2 -std=c11 -Wall -Wextra -Werror -o $@ $<

.PHONY: bench-kernel
bench-kernel: $(BENCH_KERNEL_BIN)
	@$(MAKE) --no-print-directory $(KERNEL_ELF) $(ROOT_STAMP) || \
	  echo "bench-kernel: the kernel or the root did not build: measuring what is in build/" >&2
	@ls /boot/vmlinuz-*-cloud-amd64 >/dev/null 2>&1 || { \
	  echo "bench-kernel: installing linux-image-cloud-amd64 (the Linux baseline)"; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends linux-image-cloud-amd64 \
	    >/dev/null 2>&1 || echo "bench-kernel: could not install linux-image-cloud-amd64: the Linux columns will be empty" >&2; }
	python3 bench/kernel/run.py $(BENCH_KERNEL_ARGS)
