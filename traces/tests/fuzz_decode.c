/* fuzz_decode.c — fuzz target for the decoder and the printers. The first input byte chooses
 * the mode: odd means "recompute every checksum first" (fixup.h), so the fuzzer gets past the
 * CRCs into the field decoding; even means "decode as is". Every decoded event is walked and
 * printed (text and JSON), so the printers meet arbitrary captured memory too.
 *
 * Built with afl-clang-fast it runs AFL++'s persistent loop; built with a plain compiler (and
 * ASan) it replays the files named on the command line, or with --seeds DIR writes a seed
 * corpus of generated traces into DIR. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixup.h"
#include "gen_trace.h"
#include "print.h"
#include "trace.h"

static char text[1 << 16];
static volatile unsigned sink;

static void fuzz_one(const uint8_t *input, size_t n)
{
    if (n == 0)
        return;
    size_t len = n - 1;
    uint8_t *buf = malloc(len ? len : 1);  /* exact size: ASan catches any overrun */
    if (!buf)
        return;
    memcpy(buf, input + 1, len);
    if (input[0] & 1)
        trace_fixup_crcs(buf, len);
    struct trace_reader r;
    struct trace_header h;
    struct trace_event ev;
    struct print_opts o = { .full_buffers = (input[0] & 2) != 0 };
    if (trace_open(&r, buf, len, &h) == 0) {
        sink += (unsigned)trace_print_header(&h, text, sizeof text);
        while (trace_next(&r, &ev) == 1) {
            sink += (unsigned)trace_print_event(&ev, &o, text, sizeof text);
            sink += (unsigned)trace_print_json(&ev, &o, text, sizeof text);
        }
    }
    sink += (unsigned)trace_reader_error(&r, text, sizeof text);
    free(buf);
}

#ifdef __AFL_FUZZ_TESTCASE_LEN
__AFL_FUZZ_INIT();

int main(void)
{
    __AFL_INIT();
    const uint8_t *buf = __AFL_FUZZ_TESTCASE_BUF;
    while (__AFL_LOOP(10000))
        fuzz_one(buf, (size_t)__AFL_FUZZ_TESTCASE_LEN);
    return 0;
}
#else
static int write_seed(const char *dir, int k, uint8_t mode, const uint8_t *p, size_t len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/seed%02d", dir, k);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(&mode, 1, 1, f) != 1 || fwrite(p, 1, len, f) != len || fclose(f) != 0) {
        perror(path);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "--seeds")) {
        int rc = 0;
        for (int k = 0; k < 6; k++) {
            size_t len;
            uint8_t *t = gen_trace((uint64_t)k + 100, 2 + k, &len);
            rc |= write_seed(argv[2], k, (uint8_t)(k & 1), t, len);
            free(t);
        }
        return rc;
    }
    static uint8_t in[1 << 22];
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            perror(argv[i]);
            return 2;
        }
        size_t n = fread(in, 1, sizeof in, f);
        fclose(f);
        fuzz_one(in, n);
    }
    return 0;
}
#endif
