# traces/: the trace codec, the syscall and struct description tables, the printers, and the
# dumper (`lockstep dump`). The codec sources build twice: for the host (build/traces/host/,
# archived into libtraces.a for the recorder and the dumper) and freestanding for the kernel
# (build/traces/kernel/, which proves they need no libc).
#
# For other parts:
#   TRACES_KERNEL_SRCS   freestanding sources the kernel links (built here as TRACES_KERNEL_OBJS
#                        with TRACES_KERNEL_CFLAGS; or compile them yourself with your flags
#                        plus TRACES_INCLUDES, after depending on TRACES_DEPS)
#   TRACES_HOST_LIB      host archive: codec, encoder, tables, printers
#   TRACES_INCLUDES      -I flags to include "trace.h", "sysdesc.h", "print.h" (and the uapi
#                        headers they use) from anywhere
#   TRACES_DEPS          generated files those sources need (order them before compiling)
#   UAPI                 the Linux uapi headers, $(UAPI)/.stamp the rule that makes them: the one
#                        copy every freestanding build uses (these sources, the kernel, the checker)

TRACES_OUT := $(BUILD)/traces
TRACES_KERNEL_SRCS := traces/codec.c traces/crc32.c traces/fmt.c traces/sysdesc.c traces/sysdesc_structs.c \
    traces/sysdesc_flags.c traces/capture.c traces/print.c \
    traces/print_values.c traces/print_json.c
TRACES_HOST_ONLY_SRCS := traces/encode.c
TRACES_HEADERS := $(wildcard traces/*.h)

# Linux uapi headers only (linux/, asm/, asm-generic/), so a freestanding build uses Linux's
# exact constants and struct layouts without seeing any libc header: links to the host's
# /usr/include, made once for every user (kernel.mk and replayer.mk depend on $(UAPI)/.stamp).
# The directory is emptied first: an older tree held a copy there.
UAPI := $(GEN)/uapi
$(UAPI)/.stamp: traces/traces.mk
	@rm -rf $(@D) && mkdir -p $(@D)
	@ln -s /usr/include/linux $(@D)/linux
	@ln -s /usr/include/asm-generic $(@D)/asm-generic
	@ln -s /usr/include/x86_64-linux-gnu/asm $(@D)/asm
	@touch $@

TRACES_INCLUDES := -Itraces -I$(GEN) -isystem $(UAPI)
TRACES_DEPS := $(GEN)/syscall_list.h $(UAPI)/.stamp
# The shared sources see the same headers on both sides (no libc, uapi only), so the host and
# the kernel build identical tables; only code generation differs.
TRACES_NOLIBC := -ffreestanding -nostdinc -isystem $(shell $(HOSTCC) -print-file-name=include)
TRACES_KERNEL_CFLAGS := -std=c11 -Wall -Wextra -Werror -O2 -g $(TRACES_NOLIBC) -nostdlib \
    -mno-red-zone -mcmodel=kernel -mno-sse -mno-mmx -mgeneral-regs-only -fno-pic -fno-pie \
    -fno-stack-protector $(TRACES_INCLUDES)
TRACES_KERNEL_OBJS := $(patsubst traces/%.c,$(TRACES_OUT)/kernel/%.o,$(TRACES_KERNEL_SRCS))
TRACES_HOST_OBJS := $(patsubst traces/%.c,$(TRACES_OUT)/host/%.o,$(TRACES_KERNEL_SRCS) $(TRACES_HOST_ONLY_SRCS))
TRACES_HOST_LIB := $(TRACES_OUT)/libtraces.a

$(TRACES_OUT)/kernel/%.o: traces/%.c $(TRACES_HEADERS) $(TRACES_DEPS)
	@mkdir -p $(@D)
	$(HOSTCC) $(TRACES_KERNEL_CFLAGS) -c -o $@ $<

$(TRACES_OUT)/host/%.o: traces/%.c $(TRACES_HEADERS) $(TRACES_DEPS)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) $(if $(filter $<,$(TRACES_KERNEL_SRCS)),$(TRACES_NOLIBC)) $(TRACES_INCLUDES) -c -o $@ $<

$(TRACES_HOST_LIB): $(TRACES_HOST_OBJS)
	@rm -f $@
	ar rcs $@ $^

# `lockstep dump`
TRACES_DUMP := $(TRACES_OUT)/lockstep-dump
$(TRACES_DUMP): traces/dump.c $(TRACES_HOST_LIB) $(TRACES_HEADERS)
	$(HOSTCC) $(HOST_CFLAGS) $(TRACES_INCLUDES) -o $@ $< $(TRACES_HOST_LIB)

.PHONY: traces traces-kernel
traces-kernel: $(TRACES_KERNEL_OBJS)
traces: $(TRACES_HOST_LIB) $(TRACES_DUMP) traces-kernel
ALL_TARGETS += $(TRACES_HOST_LIB) $(TRACES_KERNEL_OBJS) $(TRACES_DUMP)

# ---- tests (traces/tests/): programs built with sanitizers, run by the test_* scripts ----
TRACES_TEST_CFLAGS := $(HOST_CFLAGS) -O1 -fsanitize=address,undefined -fno-sanitize-recover=all \
    $(TRACES_INCLUDES) -Itraces/tests
TRACES_ALL_SRCS := $(TRACES_KERNEL_SRCS) $(TRACES_HOST_ONLY_SRCS)
TRACES_TEST_COMMON := traces/tests/gen_trace.c traces/tests/fakemem.c

TRACES_SAN_OBJS := $(patsubst traces/%.c,$(TRACES_OUT)/san/%.o,$(TRACES_ALL_SRCS))

$(TRACES_OUT)/san/%.o: traces/%.c $(TRACES_HEADERS) $(TRACES_DEPS)
	@mkdir -p $(@D)
	$(HOSTCC) $(TRACES_TEST_CFLAGS) $(if $(filter $<,$(TRACES_KERNEL_SRCS)),$(TRACES_NOLIBC)) -c -o $@ $<

$(TRACES_OUT)/tests/%: traces/tests/%.c $(TRACES_TEST_COMMON) $(TRACES_SAN_OBJS) $(wildcard traces/tests/*.h)
	@mkdir -p $(@D)
	$(HOSTCC) $(TRACES_TEST_CFLAGS) -o $@ $< $(TRACES_TEST_COMMON) $(TRACES_SAN_OBJS)

# Built on demand by the test_* scripts (`make traces-tests` builds them all), not by `make`.
TRACES_TESTS := $(addprefix $(TRACES_OUT)/tests/,codec_test sysdesc_test mktrace fuzz_decode)
.PHONY: traces-tests
traces-tests: $(TRACES_TESTS)

# The AFL++-instrumented fuzz target (test_fuzz builds it on demand; not part of `make`).
TRACES_AFL_CC ?= afl-clang-fast
TRACES_AFL_NOLIBC = -ffreestanding -nostdinc -isystem $(shell $(TRACES_AFL_CC) -print-file-name=include 2>/dev/null)
TRACES_AFL_OBJS := $(patsubst traces/%.c,$(TRACES_OUT)/afl/%.o,$(TRACES_ALL_SRCS) traces/tests/gen_trace.c traces/tests/fakemem.c)

$(TRACES_OUT)/afl/%.o: traces/%.c $(TRACES_HEADERS) $(TRACES_DEPS)
	@mkdir -p $(@D)
	AFL_QUIET=1 $(TRACES_AFL_CC) -std=c11 -D_GNU_SOURCE -O2 -g -w $(if $(filter $<,$(TRACES_KERNEL_SRCS)),$(TRACES_AFL_NOLIBC)) \
	    $(TRACES_INCLUDES) -Itraces/tests -c -o $@ $<

$(TRACES_OUT)/afl/fuzz_decode: traces/tests/fuzz_decode.c $(TRACES_AFL_OBJS) $(wildcard traces/tests/*.h)
	AFL_QUIET=1 $(TRACES_AFL_CC) -std=c11 -D_GNU_SOURCE -O2 -g -w $(TRACES_INCLUDES) -Itraces/tests -o $@ $< $(TRACES_AFL_OBJS)
