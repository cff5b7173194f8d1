# replayer.mk — the check-mode checker (replayer/kernel/, linked into the kernel) and its host
# test harness (build/replayer/engine-harness, the same engine sources built for the host).
#
# The checker's kernel objects, and the trace codec's freestanding objects it needs, are added
# to the kernel's link here (KERNEL_OBJS is expanded when the link runs, after every fragment
# has been read), so kernel.mk needs no edit when a file is added under replayer/kernel/.

REPLAYER_OUT := $(BUILD)/replayer
REPLAYER_KERNEL_ONLY := replayer/kernel/kglue.c replayer/kernel/ksignal.c replayer/kernel/korder.c
REPLAYER_ENGINE_SRCS := $(filter-out $(REPLAYER_KERNEL_ONLY),$(wildcard replayer/kernel/*.c))
REPLAYER_KERNEL_SRCS := $(wildcard replayer/kernel/*.c)
REPLAYER_HEADERS := $(wildcard replayer/kernel/*.h) $(wildcard traces/*.h)
REPLAYER_INCLUDES := -Ireplayer/kernel $(TRACES_INCLUDES)

# ---- host: the engine and its test harness ----
REPLAYER_HOST_OBJS := $(patsubst replayer/kernel/%.c,$(REPLAYER_OUT)/host/%.o,$(REPLAYER_ENGINE_SRCS))
REPLAYER_HARNESS := $(REPLAYER_OUT)/engine-harness

$(REPLAYER_OUT)/host/%.o: replayer/kernel/%.c $(REPLAYER_HEADERS) $(TRACES_DEPS)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) $(REPLAYER_INCLUDES) -c -o $@ $<

$(REPLAYER_HARNESS): replayer/tests/engine_harness.c replayer/tests/synth.c replayer/tests/harness.h \
                     $(REPLAYER_HOST_OBJS) $(TRACES_HOST_LIB)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) $(REPLAYER_INCLUDES) -o $@ replayer/tests/engine_harness.c \
	    replayer/tests/synth.c $(REPLAYER_HOST_OBJS) $(TRACES_HOST_LIB)

# ---- end-to-end test programs, in the standard root at /tests/replayer/NAME ----
REPLAYER_PROG_SRCS := $(wildcard replayer/tests/progs/*.c)
REPLAYER_PROGS := $(patsubst replayer/tests/progs/%.c,$(REPLAYER_OUT)/progs/%,$(REPLAYER_PROG_SRCS))

$(REPLAYER_OUT)/progs/%: replayer/tests/progs/%.c
	@mkdir -p $(@D)
	$(MUSLCC) -static -O1 -g -Wall -Wextra -Werror -o $@ $<

ROOT_FILES += $(foreach p,$(REPLAYER_PROGS),$(p):/tests/replayer/$(notdir $(p)))

# ---- kernel: the checker, built with the kernel's flags ----
# (a fault build, `make FAULT=NAME KBUILD=DIR`, keeps its own objects: see faults.h)
REPLAYER_KOBJ := $(REPLAYER_OUT)/kobj$(if $(FAULT),-$(FAULT))
REPLAYER_KERNEL_OBJS := $(patsubst replayer/kernel/%.c,$(REPLAYER_KOBJ)/%.o,$(REPLAYER_KERNEL_SRCS))

$(REPLAYER_KOBJ)/%.o: replayer/kernel/%.c $(REPLAYER_HEADERS) $(TRACES_DEPS) $(UAPI)/.stamp
	@mkdir -p $(@D)
	$(CC) $(KERNEL_CFLAGS) $(REPLAYER_INCLUDES) -MMD -MP -c -o $@ $<
# The kernel headers the checker includes (task.h, ...) are tracked too: a stale object that
# still has an old struct layout crashes check mode.
-include $(REPLAYER_KERNEL_OBJS:.o=.d)

# `make FAULT=NAME`: a kernel with one known bug re-introduced (replayer/kernel/faults.h). The
# stamp holds the fault's name, so every kernel object is rebuilt when it changes.
REPLAYER_FAULT_STAMP := $(REPLAYER_OUT)/fault-stamps/$(subst /,_,$(KBUILD))
$(REPLAYER_FAULT_STAMP): FORCE
	@mkdir -p $(@D)
	@echo '$(FAULT)' | cmp -s - $@ || echo '$(FAULT)' > $@
ifneq ($(FAULT),)
KERNEL_CFLAGS += -DLOCKSTEP_FAULT=FAULT_$(FAULT)
endif

ifneq ($(KERNEL_ELF),)
$(KERNEL_OBJS) $(REPLAYER_KERNEL_OBJS): $(REPLAYER_FAULT_STAMP)
REPLAYER_LINKED := $(REPLAYER_KERNEL_OBJS) $(filter-out $(KERNEL_OBJS),$(TRACES_KERNEL_OBJS))
KERNEL_OBJS += $(REPLAYER_LINKED)
$(KERNEL_ELF): $(REPLAYER_LINKED)
endif

.PHONY: replayer
replayer: $(REPLAYER_HARNESS) $(REPLAYER_KERNEL_OBJS) $(REPLAYER_PROGS)
ALL_TARGETS += $(REPLAYER_HARNESS) $(REPLAYER_PROGS)

# `make bench` runs bench-check too (bench/bench.mk runs every BENCH_TARGETS entry).
BENCH_TARGETS += bench-check
.PHONY: bench-check
bench-check:
	python3 bench/check/bench_check.py
