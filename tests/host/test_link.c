/* test_link.c : the link protocol engine against a C emulation of the board
 * Frames (CRC check value, hunting, rescanning), then whole runs on the 'emu'
 * device (lc_emu.c: the device side of docs/protocol.md in front of lc_ref,
 * over a fake wire in simulated time) compared bit for bit with lc_ref, clean
 * and with scripted faults in each direction (corrupted, truncated, lost,
 * duplicated frames, garbage between frames), random bit errors and byte
 * losses (down to a harsh wire: 1e-3 bit errors, 1e-2 byte losses), a device that stops answering, a protocol version mismatch, and the
 * payload fraction of dense streaming.
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare_util.h"
#include "lc_api.h"
#include "lc_emu.h"
#include "lc_frame.h"
#include "lc_random.h"
#include "test_util.h"

/* ---- frames ------------------------------------------------------------- */

static int test_crc16_check_value(void)
{
    CHECK_EQ(lc_crc16((const uint8_t *)"123456789", 9, 0xFFFF), 0x29B1);
    return 0;
}

struct got_frames {
    int n;
    struct lc_frame f[8];
};

static void collect(void *user, const struct lc_frame *f)
{
    struct got_frames *g = user;
    if (g->n < 8)
        g->f[g->n] = *f;
    g->n++;
}

static int test_frame_receiver_hunts_and_rescans(void)
{
    uint8_t line[2048], fr[LC_MAX_FRAME], pay[40];
    size_t n = 0, len, i;
    struct lc_frame_rx rx;
    struct got_frames g;
    memset(&rx, 0, sizeof rx);
    memset(&g, 0, sizeof g);
    for (i = 0; i < sizeof pay; i++)
        pay[i] = (uint8_t)(i * 7 + 1);
    /* garbage, including a false start marker */
    line[n++] = 0x11;
    line[n++] = LC_SOF;
    line[n++] = 0x22;
    /* a good data frame */
    len = lc_frame_build(fr, 0x80, 0x1234, 0x0042, 0x0200, pay, sizeof pay);
    memcpy(line + n, fr, len);
    n += len;
    /* a truncated frame followed at once by a good control frame */
    memcpy(line + n, fr, 20);
    n += 20;
    len = lc_frame_build(fr, 0x81, 7, 8, 9, NULL, 0);
    memcpy(line + n, fr, len);
    n += len;
    /* a frame with a corrupted payload, then a good one */
    len = lc_frame_build(fr, 0x80, 1, 2, 3, pay, 10);
    fr[15] ^= 0x40;
    memcpy(line + n, fr, len);
    n += len;
    len = lc_frame_build(fr, 0x80, 4, 5, 6, pay, 3);
    memcpy(line + n, fr, len);
    n += len;
    lc_frame_rx_feed(&rx, line, n, collect, &g);
    CHECK_EQ(g.n, 3);
    CHECK_EQ(g.f[0].seq, 0x1234);
    CHECK_EQ(g.f[0].ack, 0x42);
    CHECK_EQ(g.f[0].win, 0x200);
    CHECK_EQ(g.f[0].len, sizeof pay);
    CHECK(memcmp(g.f[0].payload, pay, sizeof pay) == 0);
    CHECK_EQ(g.f[1].flags, 0x81); /* found inside the truncated frame's bytes */
    CHECK_EQ(g.f[1].len, 0);
    CHECK_EQ(g.f[2].seq, 4);
    CHECK(rx.crc_errors >= 2);
    CHECK(rx.resyncs >= 1);
    return 0;
}

/* A dropped byte (docs/protocol.md, "A harsh wire"): frame A with one byte dropped,
 * then frame B. Without the tail check the shifted A sometimes passes its CRC (runs of
 * zeros in the payload make it likelier than 2^-16); with it never, and B is found. A
 * guard byte after A instead makes every such copy of A fail. */
struct drop_check {
    int n, bad;
    const uint8_t *a, *b;
    size_t alen, blen;
};

static void drop_collect(void *user, const struct lc_frame *f)
{
    struct drop_check *d = user;
    uint8_t fr[LC_MAX_FRAME];
    size_t len = lc_frame_build(fr, f->flags, f->seq, f->ack, f->win, f->payload, f->len);
    d->n++;
    if (!(len == d->blen && memcmp(fr, d->b, len) == 0) &&
        !(len == d->alen && memcmp(fr, d->a, len) == 0))
        d->bad++;
}

static int test_frame_receiver_dropped_bytes(void)
{
    uint8_t a[LC_MAX_FRAME + 1], b[LC_MAX_FRAME], line[2 * LC_MAX_FRAME + 2], pay[64];
    uint64_t rng = 99, escapes_plain = 0, escapes_tail = 0, escapes_guard = 0, found_b = 0;
    unsigned t, variants = 0;
    for (t = 0; t < 1200; t++) {
        size_t alen, blen, k, i, plen = 8 + lc_random_below(&rng, 40);
        for (i = 0; i < plen; i++) /* READ-answer-like: mostly zeros */
            pay[i] = lc_random_below(&rng, 8) ? 0 : (uint8_t)lc_random_below(&rng, 256);
        alen = lc_frame_build(a, 0x80, (uint16_t)t, 7, 0, pay, plen);
        blen = lc_frame_build(b, 0x80, (uint16_t)(t + plen), 7, 0, pay, 3);
        for (k = 1; k < alen; k++) {
            int mode;
            for (mode = 0; mode < 3; mode++) {
                struct lc_frame_rx rx;
                struct drop_check d = {0, 0, a, b, alen, blen};
                size_t n = 0;
                memset(&rx, 0, sizeof rx);
                rx.check_tail = mode == 1;
                for (i = 0; i < alen; i++)
                    if (i != k)
                        line[n++] = a[i];
                if (mode == 2)
                    line[n++] = lc_frame_guard(a, alen);
                memcpy(line + n, b, blen);
                n += blen;
                lc_frame_rx_feed(&rx, line, n, drop_collect, &d);
                if (d.bad)
                    *(mode == 0 ? &escapes_plain : mode == 1 ? &escapes_tail : &escapes_guard) +=
                        1;
                if (mode == 1 && d.n > d.bad)
                    found_b++;
            }
            variants++;
        }
    }
    printf("    %u frames with one byte dropped: %llu pass their CRC, none with the tail "
           "check (%llu) or a guard byte (%llu)\n",
           variants, (unsigned long long)escapes_plain, (unsigned long long)escapes_tail,
           (unsigned long long)escapes_guard);
    CHECK(escapes_plain > 0);
    CHECK_EQ(escapes_tail, 0);
    CHECK_EQ(escapes_guard, 0);
    CHECK(found_b > variants / 2); /* B survives A's loss in most cases */
    return 0;
}

/* ---- scripted faults ---------------------------------------------------- */

enum fault_kind { F_NONE, F_CORRUPT, F_TRUNCATE, F_DROP, F_DUP, F_GARBAGE, F_MUTE };

struct fault {
    enum fault_kind kind;
    int to_device;   /* direction the fault hits */
    uint64_t period; /* every period-th frame of that direction, from first */
    uint64_t first;
    uint64_t hits;
};

static int fault_hook(void *user, int to_device, uint64_t index, uint8_t *buf, size_t *len)
{
    struct fault *f = user;
    if (f->kind == F_NONE || to_device != f->to_device || index < f->first)
        return 1;
    if (f->kind == F_MUTE) {
        f->hits++;
        return 0;
    }
    if ((index - f->first) % f->period != 0)
        return 1;
    f->hits++;
    switch (f->kind) {
    case F_CORRUPT:
        buf[*len > 12 ? 12 : *len - 1] ^= 0x10;
        return 1;
    case F_TRUNCATE:
        *len = *len / 2;
        return 1;
    case F_DROP:
        return 0;
    case F_DUP:
        return 2;
    case F_GARBAGE:
        memmove(buf + 6, buf, *len);
        memcpy(buf, "\x00\xA5\x13\xFF\x5A\xA5", 6);
        *len += 6;
        return 1;
    default:
        return 1;
    }
}

static struct lc_device *open_emu(struct fault *f, uint32_t n, uint32_t m, uint32_t p,
                                  double ber, double drop, uint64_t seed)
{
    struct lc_emu_opts o;
    struct lc_transport t;
    struct lc_device *dev = NULL;
    int rc;
    lc_emu_defaults(&o);
    o.n = n;
    o.m = m;
    o.p = p;
    o.ber = ber;
    o.drop = drop;
    o.seed = seed;
    o.hook = fault_hook;
    o.hook_user = f;
    if (lc_emu_transport(&o, &t) != LC_OK)
        return NULL;
    rc = lc_open_transport(&t, "emu", 500, &dev);
    if (rc != LC_OK && f->kind != F_MUTE)
        printf("    open emu: %s: %s\n", lc_strerror(rc), lc_last_error(NULL));
    return dev;
}

/* random networks on a faulty emulated board, bit-exact with the model */
static int run_with_fault(enum fault_kind kind, int to_device, uint64_t period,
                          struct lc_counters *c)
{
    struct fault f = {F_NONE, 0, 1, 0, 0};
    struct lc_device *dev = open_emu(&f, 64, 32, 4, 0, 0, 1);
    uint64_t seed;
    int bad = 0;
    if (!dev)
        return 1;
    f.kind = kind;
    f.to_device = to_device;
    f.period = period;
    f.first = 3;
    lc_clear_counters(dev);
    for (seed = 1; seed <= 3 && !bad; seed++) {
        struct lc_net *net = NULL;
        lc_random_net(seed * 977 + (uint64_t)kind * 31 + (uint64_t)to_device, 64, 32, &net);
        bad = compare_run(dev, net, 200, -1.0, seed, (int)(seed & 1), 2);
        lc_net_free(net);
    }
    if (!bad && lc_counters(dev, c) != LC_OK) {
        printf("    lc_counters: %s\n", lc_last_error(dev));
        bad = 1;
    }
    if (!f.hits) {
        if (kind != F_NONE)
            printf("    the fault never hit\n");
        bad = 1;
    }
    lc_close(dev);
    return bad;
}

static int test_clean_link_is_bit_exact(void)
{
    struct lc_counters c;
    CHECK(run_with_fault(F_NONE, 0, 1, &c) == 1); /* "never hit" */
    return 0;
}

static int test_clean_link_geometries(void)
{
    static const uint32_t geo[][3] = {{64, 32, 4}, {40, 24, 7}, {13, 9, 1}, {300, 260, 8},
                                      {9, 300, 16}};
    size_t g;
    for (g = 0; g < sizeof geo / sizeof geo[0]; g++) {
        struct fault f = {F_NONE, 0, 1, 0, 0};
        struct lc_device *dev = open_emu(&f, geo[g][0], geo[g][1], geo[g][2], 0, 0, 1);
        struct lc_counters c;
        uint64_t seed;
        CHECK(dev != NULL);
        for (seed = 1; seed <= 3; seed++) {
            struct lc_net *net = NULL;
            CHECK(lc_random_net(seed + 100 * g, geo[g][0], geo[g][1], &net) == LC_OK);
            if (compare_run(dev, net, 150, -1.0, seed, (int)(seed & 1), 1)) {
                printf("    geometry N %u M %u P %u\n", geo[g][0], geo[g][1], geo[g][2]);
                lc_net_free(net);
                lc_close(dev);
                return 1;
            }
            lc_net_free(net);
        }
        CHECK(lc_counters(dev, &c) == LC_OK);
        CHECK_EQ(c.crc_errors + c.retransmits + c.timeouts + c.duplicates, 0);
        lc_close(dev);
    }
    return 0;
}

#define FAULT_TEST(name, kind, dir, period, counter)                                    \
    static int name(void)                                                               \
    {                                                                                   \
        struct lc_counters c;                                                           \
        CHECK(run_with_fault(kind, dir, period, &c) == 0);                              \
        if (!(counter)) {                                                               \
            printf("    counters: crc %llu resync %llu retx %llu dup %llu gaps %llu "     \
                   "timeouts %llu\n",                                                   \
                   (unsigned long long)c.crc_errors, (unsigned long long)c.resyncs,     \
                   (unsigned long long)c.retransmits, (unsigned long long)c.duplicates, \
                   (unsigned long long)c.gaps, (unsigned long long)c.timeouts);         \
            return 1;                                                                   \
        }                                                                               \
        return 0;                                                                       \
    }

FAULT_TEST(test_host_frame_corrupted, F_CORRUPT, 1, 7, c.crc_errors > 0 && c.retransmits > 0)
FAULT_TEST(test_host_frame_truncated, F_TRUNCATE, 1, 9, c.retransmits > 0)
FAULT_TEST(test_host_frame_lost, F_DROP, 1, 8, c.retransmits > 0 && c.gaps > 0)
FAULT_TEST(test_host_frame_duplicated, F_DUP, 1, 5, c.duplicates > 0)
FAULT_TEST(test_garbage_before_host_frames, F_GARBAGE, 1, 4, c.resyncs > 0)
FAULT_TEST(test_device_frame_corrupted, F_CORRUPT, 0, 7, c.crc_errors > 0 && c.retransmits > 0)
FAULT_TEST(test_device_frame_truncated, F_TRUNCATE, 0, 9, c.retransmits > 0)
FAULT_TEST(test_device_frame_lost, F_DROP, 0, 8, c.retransmits > 0)
FAULT_TEST(test_device_frame_duplicated, F_DUP, 0, 5, c.duplicates > 0)
FAULT_TEST(test_garbage_before_device_frames, F_GARBAGE, 0, 4, c.resyncs > 0)

static int test_random_bit_errors_and_losses(void)
{
    struct fault f = {F_NONE, 0, 1, 0, 0};
    struct lc_device *dev = open_emu(&f, 64, 32, 4, 2e-4, 2e-4, 5);
    struct lc_counters c;
    uint64_t seed;
    CHECK(dev != NULL);
    for (seed = 1; seed <= 4; seed++) {
        struct lc_net *net = NULL;
        CHECK(lc_random_net(seed * 31, 64, 32, &net) == LC_OK);
        if (compare_run(dev, net, 300, -1.0, seed, (int)(seed & 1), 1)) {
            lc_net_free(net);
            lc_close(dev);
            return 1;
        }
        lc_net_free(net);
    }
    CHECK(lc_counters(dev, &c) == LC_OK);
    CHECK(c.crc_errors > 0);
    CHECK(c.retransmits > 0);
    lc_close(dev);
    return 0;
}

/* A harsh wire (issue 16): bit errors at 1e-3 and byte losses at 1e-2, alone and
 * together, in both directions, with learning on; the run must finish and be bit-exact,
 * and the link must say what it did (retransmits, smaller frames). */
static int harsh_run(double ber, double drop, uint64_t seed0)
{
    struct fault f = {F_NONE, 0, 1, 0, 0};
    struct lc_device *dev = open_emu(&f, 64, 32, 4, ber, drop, seed0);
    struct lc_counters c;
    struct lc_link_stats s;
    uint64_t seed;
    CHECK(dev != NULL);
    for (seed = 1; seed <= 2; seed++) {
        struct lc_net *net = NULL;
        CHECK(lc_random_net(seed0 * 101 + seed, 64, 32, &net) == LC_OK);
        net->core.learning = 1;
        if (compare_run(dev, net, 300, -1.0, seed, (int)(seed & 1), 2)) {
            printf("    ber %g drop %g\n", ber, drop);
            lc_net_free(net);
            lc_close(dev);
            return 1;
        }
        lc_net_free(net);
    }
    CHECK(lc_counters(dev, &c) == LC_OK);
    CHECK(lc_link_stats(dev, &s) == LC_OK);
    printf("    ber %g drop %g: crc %llu resync %llu retx %llu dup %llu gaps %llu timeouts %llu; "
           "frames cut %llu grown %llu, now %u B out, %u B answers in flight\n",
           ber, drop, (unsigned long long)c.crc_errors, (unsigned long long)c.resyncs,
           (unsigned long long)c.retransmits, (unsigned long long)c.duplicates,
           (unsigned long long)c.gaps, (unsigned long long)c.timeouts,
           (unsigned long long)s.shrinks, (unsigned long long)s.grows, s.frame_max, s.answer_max);
    CHECK(c.retransmits > 0);
    CHECK(c.crc_errors + c.gaps > 0);
    CHECK(s.shrinks > 0);
    lc_close(dev);
    return 0;
}

static int test_harsh_bit_errors(void)
{
    return harsh_run(1e-3, 0, 21);
}

static int test_harsh_byte_losses(void)
{
    return harsh_run(0, 1e-2, 22);
}

static int test_harsh_bit_errors_and_losses(void)
{
    return harsh_run(1e-3, 1e-2, 23);
}

static int test_mute_device_times_out(void)
{
    struct fault f = {F_NONE, 0, 1, 0, 0};
    struct lc_device *dev = open_emu(&f, 64, 32, 4, 0, 0, 1);
    struct lc_net *net = NULL;
    uint8_t in[32 * 10] = {0}, out[64 * 10];
    int rc;
    CHECK(dev != NULL);
    CHECK(lc_random_net(3, 64, 32, &net) == LC_OK);
    CHECK(lc_load(dev, net) == LC_OK);
    f.kind = F_MUTE;
    f.to_device = 0;
    f.first = 0;
    rc = lc_run(dev, 10, in, out);
    CHECK_EQ(rc, LC_ERR_TIMEOUT);
    CHECK(strstr(lc_last_error(dev), "stopped answering") != NULL);
    /* the link stays failed, with the same error, and close works */
    CHECK_EQ(lc_reset_state(dev), LC_ERR_TIMEOUT);
    lc_net_free(net);
    lc_close(dev);
    return 0;
}

static int test_silent_board_open_times_out(void)
{
    struct fault f = {F_MUTE, 0, 1, 0, 0};
    struct lc_device *dev = open_emu(&f, 64, 32, 4, 0, 0, 1);
    CHECK(dev == NULL);
    CHECK(strstr(lc_last_error(NULL), "CONNECT") != NULL);
    return 0;
}

static int test_protocol_version_mismatch(void)
{
    struct lc_device *dev = NULL;
    CHECK_EQ(lc_open("emu?version=3", &dev), LC_ERR_VERSION);
    CHECK(dev == NULL);
    CHECK(strstr(lc_last_error(NULL), "version 3") != NULL);
    return 0;
}

static int test_emu_device_errors(void)
{
    struct lc_device *dev = NULL;
    struct lc_net *net = NULL;
    CHECK_EQ(lc_open("emu?n=0", &dev), LC_ERR_ARG);
    CHECK_EQ(lc_open("emu?colour=red", &dev), LC_ERR_ARG);
    CHECK(strstr(lc_last_error(NULL), "colour") != NULL);
    CHECK_EQ(lc_open("emu?n=16&m=8&p=4", &dev), LC_OK);
    CHECK(lc_net_create(17, 8, &net) == LC_OK);
    CHECK_EQ(lc_load(dev, net), LC_ERR_SIZE);
    CHECK(strstr(lc_last_error(dev), "17 neurons") != NULL);
    lc_net_free(net);
    CHECK(lc_net_create(16, 8, &net) == LC_OK);
    net->neuron[3].du = 5000;
    CHECK_EQ(lc_load(dev, net), LC_ERR_RANGE);
    CHECK(strstr(lc_last_error(dev), "neuron[3].du") != NULL);
    lc_net_free(net);
    lc_close(dev);
    return 0;
}

static int abort_at_5(void *user, uint64_t step, uint32_t *idx, size_t cap, size_t *count)
{
    (void)user;
    (void)idx;
    (void)cap;
    *count = 0;
    return step == 5 ? -1 : 0;
}

static int test_stream_abort_leaves_link_usable(void)
{
    struct fault f = {F_NONE, 0, 1, 0, 0};
    struct lc_device *dev = open_emu(&f, 64, 32, 4, 0, 0, 1);
    struct lc_net *net = NULL;
    CHECK(dev != NULL);
    CHECK(lc_random_net(9, 64, 32, &net) == LC_OK);
    CHECK(lc_load(dev, net) == LC_OK);
    CHECK_EQ(lc_stream(dev, 100, abort_at_5, NULL, NULL), LC_ERR_ARG);
    CHECK(strstr(lc_last_error(dev), "step 5") != NULL);
    CHECK(compare_run(dev, net, 50, 0.2, 9, 1, 1) == 0);
    lc_net_free(net);
    lc_close(dev);
    return 0;
}

static int test_reload_clears_the_previous_network(void)
{
    struct fault f = {F_NONE, 0, 1, 0, 0};
    struct lc_device *dev = open_emu(&f, 64, 32, 4, 0, 0, 1);
    struct lc_net *big = NULL, *small = NULL;
    CHECK(dev != NULL);
    CHECK(lc_random_net(11, 64, 32, &big) == LC_OK);
    CHECK(lc_net_create(20, 10, &small) == LC_OK);
    memset(big->w_rec, 50, (size_t)big->n_neurons * big->n_neurons);
    memset(big->w_in, 60, (size_t)big->n_inputs * big->n_neurons);
    CHECK(compare_run(dev, big, 30, 0.3, 1, 0, 1) == 0);
    /* a smaller network: the big one's weights must not leak into it */
    small->neuron[0].bias = 10;
    small->neuron[0].vth = 5;
    CHECK(compare_run(dev, small, 30, 0.3, 2, 0, 1) == 0);
    CHECK(compare_run(dev, big, 30, 0.3, 3, 1, 1) == 0);
    lc_net_free(big);
    lc_net_free(small);
    lc_close(dev);
    return 0;
}

static int all_inputs(void *user, uint64_t step, uint32_t *idx, size_t cap, size_t *count)
{
    uint32_t j, m = *(const uint32_t *)user;
    (void)step;
    for (j = 0; j < m && j < cap; j++)
        idx[j] = j;
    *count = j;
    return 0;
}

static int test_dense_streaming_payload_fraction(void)
{
    struct lc_device *dev = NULL;
    struct lc_net *net = NULL;
    struct lc_link_stats s;
    uint32_t m = 256;
    CHECK_EQ(lc_open("emu?n=64&m=256&p=8", &dev), LC_OK);
    CHECK(lc_net_create(64, 256, &net) == LC_OK);
    CHECK(lc_load(dev, net) == LC_OK);
    CHECK(lc_clear_counters(dev) == LC_OK);
    CHECK(lc_stream(dev, 5000, all_inputs, NULL, &m) == LC_OK);
    CHECK(lc_link_stats(dev, &s) == LC_OK);
    printf("    emu dense inputs: payload %.1f%% of the wire, wire busy %.1f%%\n",
           100 * s.efficiency, 100 * s.wire_tx);
    CHECK(s.efficiency >= 0.80);
    lc_net_free(net);
    lc_close(dev);
    return 0;
}

int main(void)
{
    RUN(test_crc16_check_value);
    RUN(test_frame_receiver_hunts_and_rescans);
    RUN(test_frame_receiver_dropped_bytes);
    RUN(test_clean_link_is_bit_exact);
    RUN(test_clean_link_geometries);
    RUN(test_host_frame_corrupted);
    RUN(test_host_frame_truncated);
    RUN(test_host_frame_lost);
    RUN(test_host_frame_duplicated);
    RUN(test_garbage_before_host_frames);
    RUN(test_device_frame_corrupted);
    RUN(test_device_frame_truncated);
    RUN(test_device_frame_lost);
    RUN(test_device_frame_duplicated);
    RUN(test_garbage_before_device_frames);
    RUN(test_random_bit_errors_and_losses);
    RUN(test_harsh_bit_errors);
    RUN(test_harsh_byte_losses);
    RUN(test_harsh_bit_errors_and_losses);
    RUN(test_mute_device_times_out);
    RUN(test_silent_board_open_times_out);
    RUN(test_protocol_version_mismatch);
    RUN(test_emu_device_errors);
    RUN(test_stream_abort_leaves_link_usable);
    RUN(test_reload_clears_the_previous_network);
    RUN(test_dense_streaming_payload_fraction);
    return tu_summary("link");
}
