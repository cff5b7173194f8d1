# Contract programs: contracts/<category>/<name>.c, each a standalone static musl
# program, built into build/contracts/<category>/<name> and placed in the standard
# root at /contracts/<category>/<name>.

CONTRACT_SRCS := $(sort $(wildcard contracts/*/*.c))
CONTRACT_SRCS := $(filter-out contracts/lib/%,$(CONTRACT_SRCS))
CONTRACT_BINS := $(patsubst contracts/%.c,$(BUILD)/contracts/%,$(CONTRACT_SRCS))
CONTRACT_CFLAGS := -static -O1 -g -std=gnu11 -Wall -Wextra -Werror -Icontracts/lib -pthread

$(BUILD)/contracts/%: contracts/%.c contracts/lib/contract.h $(wildcard contracts/*/*.h)
	@mkdir -p $(@D)
	$(MUSLCC) $(CONTRACT_CFLAGS) -o $@ $<

# `make contracts` builds them and refreshes the standard root (mk/root.mk), so that
# /contracts/<category>/<name> is there for `lockstep record` and `make check`.
.PHONY: contracts
contracts: $(CONTRACT_BINS) root
ROOT_FILES += $(foreach b,$(CONTRACT_BINS),$(b):/$(patsubst $(BUILD)/%,%,$(b)))
ALL_TARGETS += $(CONTRACT_BINS)
