/* fixup.h — recompute every checksum of a (possibly mutated) trace in place: the record header
 * CRCs, the record CRCs, and the END record's count and file CRC. Mutation tests and the fuzzer
 * use it to get past the checksums and exercise the field decoding behind them. */
#ifndef LOCKSTEP_TRACES_TESTS_FIXUP_H
#define LOCKSTEP_TRACES_TESTS_FIXUP_H

#include <stddef.h>
#include <stdint.h>

#include "wire.h"

static inline void trace_fixup_crcs(uint8_t *buf, size_t len)
{
    size_t pos = TRACE_MAGIC_LEN;
    uint64_t count = 0;
    if (len < pos)
        return;
    while (len - pos >= WIRE_REC_HDR) {
        uint8_t *p = buf + pos;
        uint32_t plen = wire_get32(p);
        wire_put32(p + 12, trace_crc32(0, p, 12));
        if ((size_t)plen + WIRE_REC_HDR + WIRE_REC_CRC > len - pos)
            return;
        if (wire_get16(p + 4) == TRACE_END && plen == 12) {
            wire_put64(p + WIRE_REC_HDR, count);
            wire_put32(p + WIRE_REC_HDR + 8, trace_crc32(0, buf, pos));
        }
        wire_put32(p + WIRE_REC_HDR + plen, trace_crc32(0, p, WIRE_REC_HDR + plen));
        pos += WIRE_REC_HDR + (size_t)plen + WIRE_REC_CRC;
        count++;
    }
}

#endif
