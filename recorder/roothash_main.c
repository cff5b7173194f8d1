/* lockstep-roothash DIR: print the content hash of a root tree (see roottree.c), so that
 * scripts compare roots exactly as the recorder does. */
#include "roottree.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	struct roottree_result res;
	if (argc != 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fprintf(argc == 2 ? stdout : stderr,
			"usage: lockstep-roothash DIR\n"
			"Print the SHA-256 content hash of the tree under DIR (paths, types, modes,\n"
			"sizes, contents and link targets; not times or owners).\n");
		return argc == 2 ? 0 : 2;
	}
	if (roottree_hash_path(argv[1], &res)) {
		fprintf(stderr, "lockstep-roothash: %s\n", res.error);
		return 1;
	}
	printf("%s\n", res.hex);
	return 0;
}
