# kernel.mk — builds the Lockstep kernel, build/kernel/lockstep.elf, from every .c and .S
# under arch/x86_64/ and kernel/ (found by wildcard: adding a file needs no edit here),
# and the kernel's test programs, build/kernel/progs/*, from tests/kernel/progs/*.c.

KBUILD      := $(BUILD)/kernel
KERNEL_ELF  := $(KBUILD)/lockstep.elf
KERNEL_SRCS := $(shell find arch/x86_64 kernel \( -path '*/tests' -prune \) -o \( -name '*.c' -o -name '*.S' \) -print 2>/dev/null | sort)
KERNEL_OBJS := $(patsubst %,$(KBUILD)/obj/%.o,$(KERNEL_SRCS))
KERNEL_CFLAGS := -std=c11 -Wall -Wextra -Werror -O2 -g -ffreestanding -nostdlib -nostdinc \
    -mno-red-zone -mcmodel=kernel -mno-sse -mno-mmx -mgeneral-regs-only -fno-pic \
    -fno-stack-protector -fno-omit-frame-pointer -fno-asynchronous-unwind-tables \
    -fno-strict-aliasing -fno-builtin-malloc \
    -I. -I$(GEN) -isystem $(shell gcc -print-file-name=include) -isystem $(UAPI) -MMD -MP

# $(UAPI): Linux's uapi headers, so that the kernel uses its exact constants and structs; made
# by traces/traces.mk (included before this file), the one rule for every freestanding build.

$(KBUILD)/obj/%.c.o: %.c $(UAPI)/.stamp $(GEN)/syscall_list.h
	@mkdir -p $(@D)
	$(CC) $(KERNEL_CFLAGS) -c $< -o $@

$(KBUILD)/obj/%.S.o: %.S $(UAPI)/.stamp
	@mkdir -p $(@D)
	$(CC) $(KERNEL_CFLAGS) -c $< -o $@

$(KERNEL_ELF): $(KERNEL_OBJS) arch/x86_64/linker.ld
	$(LD) -nostdlib -z max-page-size=4096 -z noexecstack --no-warn-rwx-segments \
	    -T arch/x86_64/linker.ld -o $@ $(KERNEL_OBJS)

-include $(KERNEL_OBJS:.o=.d)

# Test programs for tests/kernel/: static musl binaries.
KPROG_SRCS := $(wildcard tests/kernel/progs/*.c)
KPROGS      := $(patsubst tests/kernel/progs/%.c,$(KBUILD)/progs/%,$(KPROG_SRCS))
$(KBUILD)/progs/%: tests/kernel/progs/%.c
	@mkdir -p $(@D)
	$(MUSLCC) -static -O1 -g -o $@ $<

.PHONY: kernel
kernel: $(KERNEL_ELF) $(KPROGS)
ALL_TARGETS += $(KERNEL_ELF) $(KPROGS)
