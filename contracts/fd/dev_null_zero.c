/*
 * dev_null_zero — /dev/null swallows writes (full count) and reads as EOF; /dev/zero reads
 * as zeros of any length and accepts writes; both are character devices 1:3 and 1:5;
 * lseek on them succeeds and returns 0; a private mapping of /dev/zero is zeroed memory;
 * /dev/full (1:7) refuses writes with ENOSPC and reads as zeros; /dev/tty is ENXIO without
 * a controlling terminal.
 */
#include "contract.h"
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

static char buf[70000];

int main(void)
{
	int null = open("/dev/null", O_RDWR);
	CHECK("open_null", null >= 0, "open failed %s", strerrorname(errno));
	CHECK_RET("null_write_full_count", write(null, buf, sizeof buf), (long)sizeof buf);
	CHECK_RET("null_read_eof", read(null, buf, 10), 0);
	CHECK_RET("null_lseek", lseek(null, 1234, SEEK_SET), 0);
	CHECK_RET("null_pread", pread(null, buf, 10, 5), 0);
	struct stat st;
	fstat(null, &st);
	CHECK("null_is_char_device", S_ISCHR(st.st_mode), "mode %o", (unsigned)st.st_mode);
	CHECK("null_rdev_1_3", major(st.st_rdev) == 1 && minor(st.st_rdev) == 3, "rdev %u:%u",
	      major(st.st_rdev), minor(st.st_rdev));
	CHECK_RET("null_size_zero", st.st_size, 0);

	int zero = open("/dev/zero", O_RDWR);
	memset(buf, 'x', sizeof buf);
	CHECK_RET("zero_read_large", read(zero, buf, sizeof buf), (long)sizeof buf);
	int zeros = 1;
	for (size_t i = 0; i < sizeof buf; i++)
		zeros &= buf[i] == 0;
	CHECK("zero_reads_zeros", zeros, "non-zero byte");
	CHECK_RET("zero_write", write(zero, "abc", 3), 3);
	CHECK_RET("zero_lseek", lseek(zero, 99, SEEK_CUR), 0);
	fstat(zero, &st);
	CHECK("zero_is_char_device", S_ISCHR(st.st_mode), "mode %o", (unsigned)st.st_mode);
	CHECK("zero_rdev_1_5", major(st.st_rdev) == 1 && minor(st.st_rdev) == 5, "rdev %u:%u",
	      major(st.st_rdev), minor(st.st_rdev));

	char *m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE, zero, 0);
	CHECK("zero_mmap", m != MAP_FAILED, "mmap failed %s", strerrorname(errno));
	if (m != MAP_FAILED) {
		CHECK("zero_mmap_zeroed", m[0] == 0 && m[8191] == 0, "non-zero byte");
		m[100] = 7;
		CHECK("zero_mmap_writable", m[100] == 7, "write lost");
		munmap(m, 8192);
	}
	int full = open("/dev/full", O_RDWR);
	CHECK_ERR("full_write_enospc", write(full, "x", 1), ENOSPC);
	memset(buf, 'x', 16);
	CHECK_RET("full_reads_zeros", read(full, buf, 16), 16);
	CHECK("full_zero_bytes", buf[0] == 0 && buf[15] == 0, "non-zero byte");
	fstat(full, &st);
	CHECK("full_rdev_1_7", major(st.st_rdev) == 1 && minor(st.st_rdev) == 7, "rdev %u:%u",
	      major(st.st_rdev), minor(st.st_rdev));
	/* No controlling terminal in the sandbox: /dev/tty cannot be opened. */
	CHECK_ERR("dev_tty_without_ctty_enxio", open("/dev/tty", O_RDWR), ENXIO);
	int ro = open("/dev/null", O_RDONLY);
	CHECK_ERR("null_rdonly_write_ebadf", write(ro, "x", 1), EBADF);
	return contract_end();
}
