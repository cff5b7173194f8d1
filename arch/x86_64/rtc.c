/* rtc.c — the CMOS real-time clock, read once at boot: the epoch for CLOCK_REALTIME. */
#include "arch/x86_64/arch.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/io.h"

static int64_t boot_epoch;

static uint8_t cmos(uint8_t reg)
{
    outb(0x70, reg);
    return inb(0x71);
}

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

void rtc_init(void)
{
    uint8_t s, mi, h, d, mo, y, b;
    while (cmos(0x0A) & 0x80)    /* update in progress */
        ;
    s = cmos(0x00); mi = cmos(0x02); h = cmos(0x04); d = cmos(0x07); mo = cmos(0x08); y = cmos(0x09);
    b = cmos(0x0B);
    if (!(b & 0x04)) {
#define BCD(x) (((x) & 0x0f) + ((x) >> 4) * 10)
        s = BCD(s); mi = BCD(mi); d = BCD(d); mo = BCD(mo); y = BCD(y);
        h = BCD(h & 0x7f) | (h & 0x80);
    }
    if (!(b & 0x02) && (h & 0x80))
        h = ((h & 0x7f) + 12) % 24;
    boot_epoch = days_from_civil(2000 + y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
}

int64_t arch_rtc_epoch(void)
{
    return boot_epoch;
}
