/* fuzz_spikes.c : libFuzzer target, the spike file reader (docs/formats.md)
 * The first byte chooses the limit (1..256 axons), the rest is the file. Every step
 * read holds distinct indices below the limit; an error has a message free of raw
 * bytes (printable ASCII only: lc_quote escapes the rest) and ends the file.
 * SPDX-License-Identifier: MIT
 */
#include "fuzz_util.h"

#include "lc_spikes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[128], msg[512];
    struct lc_spike_reader *r = NULL;
    uint32_t idx[256], limit;
    uint8_t seen[256];
    size_t count, i;
    int rc;

    if (size < 1)
        return 0;
    limit = (uint32_t)data[0] + 1;
    fuzz_file("in.spk", data + 1, size - 1, path, sizeof path);
    if (lc_spike_open(path, limit, &r, msg, sizeof msg) != LC_OK)
        fuzz_fail("lc_spike_open: %s", msg);
    while ((rc = lc_spike_next(r, idx, limit, &count, msg, sizeof msg)) == 1) {
        memset(seen, 0, sizeof seen);
        for (i = 0; i < count; i++) {
            if (idx[i] >= limit)
                fuzz_fail("index %u read with a limit of %u", idx[i], limit);
            if (seen[idx[i]]++)
                fuzz_fail("index %u twice in one step", idx[i]);
        }
    }
    if (rc < 0) {
        const char *p;
        if (!msg[0])
            fuzz_fail("lc_spike_next failed (%d) without a message", rc);
        for (p = msg; *p; p++)
            if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
                fuzz_fail("a raw byte 0x%02x in the message \"%s\"", (unsigned char)*p, msg);
    } else if (rc != 0) {
        fuzz_fail("lc_spike_next returned %d", rc);
    }
    lc_spike_close(r);
    return 0;
}
