# Lockstep — one entry point for build, check, test, run and gdb.
#
#   make            build everything (kernel, host tools, contracts, standard root)
#   make check      the main job: record the built-in suites on Linux, check them on the kernel
#   make test       the project's own tests; ends with "N passed, N failed"
#   make deps       install what the project needs (idempotent; apt-get)
#
# Each part of the tree owns a fragment, included below, that adds its targets to
# ALL_TARGETS and its tests to tests/. The fragments build into build/<part>/.

SHELL      := /bin/bash
BUILD      := build
GEN        := $(BUILD)/gen
ROOT       := $(BUILD)/root
HOSTCC     ?= gcc
MUSLCC     ?= musl-gcc
HOST_CFLAGS := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -O2 -g
FAULT      ?=

ALL_TARGETS :=
.DEFAULT_GOAL := all

# Debian packages everything needs. `make deps` installs only what is missing.
DEPS := qemu-system-x86 musl-tools gdb strace libelf-dev busybox-static python3 cpio g++ \
        binutils afl++ clang

.PHONY: all deps check test gdb clean FORCE
deps:
	@missing=""; for p in $(DEPS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "deps: installing$$missing"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing >/dev/null || \
	    { echo "deps: apt-get failed for:$$missing" >&2; exit 1; }; \
	fi

# The syscall list, generated from Linux's own header: one line per syscall.
UNISTD_H := /usr/include/x86_64-linux-gnu/asm/unistd_64.h
$(GEN)/syscall_list.h: traces/gen-syscall-list.sh $(UNISTD_H)
	@mkdir -p $(@D)
	traces/gen-syscall-list.sh $(UNISTD_H) > $@.tmp && mv $@.tmp $@

include $(wildcard traces/traces.mk)
include $(wildcard kernel/kernel.mk)
include $(wildcard replayer/replayer.mk)
include $(wildcard recorder/recorder.mk)
include $(wildcard contracts/contracts.mk)
include $(wildcard tests/tests.mk)
include $(wildcard bench/bench.mk)
include mk/root.mk

all: deps
	@$(MAKE) --no-print-directory build-all

.PHONY: build-all
build-all: $(ALL_TARGETS)

test: deps
	@$(MAKE) --no-print-directory build-all
	@python3 tests/run.py

check: deps
	@$(MAKE) --no-print-directory build-all
	@python3 replayer/host/suite.py

gdb:
	@test -n "$(T)" || { echo "usage: make gdb T=<trace name or file>" >&2; exit 2; }
	./lockstep gdb $(T)

clean:
	rm -rf $(BUILD)
