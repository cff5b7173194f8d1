/* The root tree, read canonically: its content hash, and (optionally) a copy of it.
 *
 * One walk serves both: the recorder copies the root into the sandbox's fresh tmpfs
 * while hashing it, and lockstep-roothash only hashes. The canonical order and the
 * bytes fed to SHA-256 are described in recorder/README.md ("Root content hash"). */
#ifndef RECORDER_ROOTTREE_H
#define RECORDER_ROOTTREE_H

#include <stdint.h>

#define ROOTHASH_HEX_LEN 64

struct roottree_result {
	uint8_t hash[32];
	char hex[ROOTHASH_HEX_LEN + 1];
	unsigned long files, dirs, links, others;
	unsigned long long bytes;
	char error[512];        /* set when the walk fails */
};

/* Walks the tree under src_dir (an open directory fd). If dst_dir >= 0, recreates
 * every entry under it (content, mode, mtime; owner root). Returns 0, or -errno with
 * res->error set. */
int roottree_walk(int src_dir, int dst_dir, struct roottree_result *res);

/* Convenience for a path: hash only. */
int roottree_hash_path(const char *path, struct roottree_result *res);

#endif
