/*
 * page.c — whole pages for file data (tmpfs files, pipe buffers): physical frames from
 * the frame allocator, used through the direct map. A memory mapping of a tmpfs file maps
 * these very frames (taking its own frame reference), so MAP_SHARED stores are the file's
 * bytes. The host unit tests supply their own versions (tests/shim.c).
 */
#ifndef KFS_HOST_TEST
#include "kernel/fs/vfs.h"
#include "kernel/mm/frame.h"
#include "arch/x86_64/arch.h"

void *fs_page_alloc(void)
{
    uint64_t pa = frame_alloc();
    return pa ? phys_to_virt(pa) : NULL;
}

void fs_page_free(void *page)
{
    if (page)
        frame_put(virt_to_phys(page));
}
#endif
