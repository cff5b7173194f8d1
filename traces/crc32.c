/* crc32.c — CRC32 (IEEE 802.3, reflected polynomial 0xEDB88320, as in zlib and PNG) for the
 * trace codec's record and file checksums. Freestanding: the 256-entry table is built on first
 * use into static storage (idempotent, so a race between two builders is harmless). */
#include "trace.h"

static uint32_t crc_table[256];
static volatile int crc_table_ready;

static void crc_table_build(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
    crc_table_ready = 1;
}

uint32_t trace_crc32(uint32_t crc, const void *p, size_t n)
{
    const uint8_t *b = p;
    if (!crc_table_ready)
        crc_table_build();
    crc = ~crc;
    while (n--)
        crc = crc_table[(crc ^ *b++) & 0xff] ^ (crc >> 8);
    return ~crc;
}
