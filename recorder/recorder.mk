# recorder/: the Linux-side recorder (sandbox and ptrace loop) and the root hasher.
#   build/recorder/lockstep-record     `./lockstep record` execs it
#   build/recorder/lockstep-roothash   `lockstep-roothash DIR` prints a root tree's content hash
#   build/recorder/lockstep-sigframe   prints this host's signal frame layout (sigframe_probe.c)
#   build/recorder/tests/<name>        test programs (static musl), put in the standard root
#                                      at /tests/recorder/<name>

RECORDER_OUT := $(BUILD)/recorder
RECORDER_HASH_SRCS := recorder/roottree.c recorder/sha256.c
RECORDER_SRCS := recorder/main.c recorder/sandbox.c recorder/sandbox_init.c recorder/tracer.c \
    recorder/tasks.c recorder/syscall_mem.c recorder/capbuf.c recorder/vmread.c \
    recorder/emit.c recorder/output.c recorder/auxv.c $(RECORDER_HASH_SRCS)
RECORDER_OBJS := $(patsubst recorder/%.c,$(RECORDER_OUT)/%.o,$(RECORDER_SRCS))
RECORDER_HASH_OBJS := $(patsubst recorder/%.c,$(RECORDER_OUT)/%.o,$(RECORDER_HASH_SRCS) recorder/roothash_main.c)
RECORDER_HEADERS := $(wildcard recorder/*.h)

$(RECORDER_OUT)/%.o: recorder/%.c $(RECORDER_HEADERS) $(TRACES_HEADERS) | $(TRACES_DEPS)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) -pthread -Irecorder $(TRACES_INCLUDES) -c -o $@ $<

# lockstep-init comes along: the recorder execs it as the sandbox's pid 1.
$(RECORDER_OUT)/lockstep-record: $(RECORDER_OBJS) $(TRACES_HOST_LIB) | $(RECORDER_OUT)/lockstep-init
	$(HOSTCC) -pthread -o $@ $(RECORDER_OBJS) $(TRACES_HOST_LIB)

$(RECORDER_OUT)/lockstep-roothash: $(RECORDER_HASH_OBJS)
	$(HOSTCC) -o $@ $^

# pid 1 of the sandbox once it is set up: a small static program (see init/lockstep_init.c).
$(RECORDER_OUT)/lockstep-init: recorder/init/lockstep_init.c
	@mkdir -p $(@D)
	$(MUSLCC) -static -O2 -std=gnu11 -Wall -Wextra -Werror -o $@ $<

# Test programs: recorder/tests/progs/<name>.c -> /tests/recorder/<name> in the root.
RECORDER_TEST_SRCS := $(sort $(wildcard recorder/tests/progs/*.c))
RECORDER_TEST_BINS := $(patsubst recorder/tests/progs/%.c,$(RECORDER_OUT)/tests/%,$(RECORDER_TEST_SRCS))
$(RECORDER_OUT)/tests/%: recorder/tests/progs/%.c
	@mkdir -p $(@D)
	$(MUSLCC) -static -O1 -g -std=gnu11 -Wall -Wextra -Werror -pthread -o $@ $<
ROOT_FILES += $(foreach b,$(RECORDER_TEST_BINS),$(b):/tests/recorder/$(notdir $(b)))

# trace-lines: the tests' reader of traces (through the codec), one simple line per event.
$(RECORDER_OUT)/trace-lines: recorder/tests/trace_lines.c $(TRACES_HOST_LIB) $(TRACES_HEADERS) | $(TRACES_DEPS)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) $(TRACES_INCLUDES) -o $@ $< $(TRACES_HOST_LIB)

# lockstep-sigframe: this host's signal frame layout, for the kernel's command line (qemu.py).
$(RECORDER_OUT)/lockstep-sigframe: recorder/sigframe_probe.c
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) -o $@ $<

.PHONY: recorder
RECORDER_TARGETS := $(RECORDER_OUT)/lockstep-record $(RECORDER_OUT)/lockstep-init $(RECORDER_OUT)/lockstep-roothash \
    $(RECORDER_OUT)/trace-lines $(RECORDER_OUT)/lockstep-sigframe $(RECORDER_TEST_BINS)
recorder: $(RECORDER_TARGETS)
ALL_TARGETS += $(RECORDER_TARGETS)
