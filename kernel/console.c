/*
 * console.c — everything the host runner reads, on COM1. Bytes other than NUL are the
 * kernel log (plain text). A NUL starts a frame: NUL, TYPE, LEN (one byte), LEN bytes.
 *   'o' / 'e'  program output for the host's stdout / stderr
 *   'x'        the program's wait status, decimal text; the run is over
 *   'X'        exec of the program failed: the errno, decimal text
 * replayer/host/run.py decodes this; keep the two in step.
 */
#include "kernel/console.h"
#include "kernel/kernel.h"
#include "arch/x86_64/arch.h"

static void send_frame(char type, const void *buf, size_t len)
{
    const char *p = buf;
    do {
        size_t n = MIN(len, 255);
        uint8_t hdr[3] = { 0, (uint8_t)type, (uint8_t)n };
        arch_serial_write(hdr, 3);
        arch_serial_write(p, n);
        p += n;
        len -= n;
    } while (len);
}

void console_write(int stream, const void *buf, size_t len)
{
    if (len)
        send_frame(stream == 2 ? 'e' : 'o', buf, len);
}

void console_report(char type, long value)
{
    char buf[24];
    int n = snprintf(buf, sizeof buf, "%ld", value);
    send_frame(type, buf, n);
}
