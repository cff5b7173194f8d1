# The standard root: the directory tree that programs see as / both when recorded
# on Linux (chrooted into it) and when run on the kernel (packed into the initramfs).
#
# Other fragments add files with   ROOT_FILES += <built file>:<path inside the root>
# and the root is rebuilt when any of them changes.

# The stamp lives beside the root, not in it: programs must not see it.
ROOT_STAMP := $(BUILD)/root.stamp
BUSYBOX := /bin/busybox
ROOT_FILES += $(BUSYBOX):/bin/busybox

$(ROOT_STAMP): mk/root.mk mk/mkroot.sh $(foreach f,$(ROOT_FILES),$(firstword $(subst :, ,$(f))))
	@mk/mkroot.sh $(ROOT) $(ROOT_FILES)
	@touch $@

.PHONY: root
root: $(ROOT_STAMP)
ALL_TARGETS += $(ROOT_STAMP)
