/* wire.h — the on-disk layout shared by the decoder (codec.c) and the encoder (encode.c), so the
 * format is written down in code exactly once. Internal to traces/: consumers use trace.h.
 * Every layout here is described byte by byte in traces/FORMAT.md. */
#ifndef LOCKSTEP_TRACES_WIRE_H
#define LOCKSTEP_TRACES_WIRE_H

#include "trace.h"

/* Record header: u32 len | u16 kind | u16 zero | u32 task | u32 CRC32(previous 12 bytes). */
#define WIRE_REC_HDR      16
#define WIRE_REC_CRC      4
#define WIRE_MAX_PAYLOAD  0x7fffffffu  /* larger lengths are refused */

/* Memory region header inside SYSCALL: u8 dir | u8 arg | u16 zero | u32 elem | u64 offset |
 * u64 addr | u32 len, then len bytes. */
#define WIRE_MEM_HDR      28

static inline uint16_t wire_get16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static inline uint32_t wire_get32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static inline uint64_t wire_get64(const uint8_t *p)
{
    return (uint64_t)wire_get32(p) | (uint64_t)wire_get32(p + 4) << 32;
}
static inline void wire_put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static inline void wire_put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}
static inline void wire_put64(uint8_t *p, uint64_t v)
{
    wire_put32(p, (uint32_t)v);
    wire_put32(p + 4, (uint32_t)(v >> 32));
}

#endif
