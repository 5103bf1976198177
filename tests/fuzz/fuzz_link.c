/* fuzz_link.c : libFuzzer target, the host's protocol engine against a device that
 * misbehaves as the input says (frames from the device: docs/protocol.md)
 * The emulated board (lc_emu.c) runs behind a fault hook driven by the input: two bytes
 * per frame (either direction) choose pass, flip a bit, truncate, drop, duplicate, put
 * garbage in front, or rewrite a payload byte and the CRCs after it (a device that lies
 * with intact frames). A small random network is loaded, run and read back.
 * Properties: never a crash, a hang or undefined behaviour; every failure has a message;
 * and when no frame was rewritten (a faulty wire, not a lying device), a run that
 * succeeds equals the C reference model bit for bit.
 * SPDX-License-Identifier: MIT
 */
#include "fuzz_util.h"

#include "lc_api.h"
#include "lc_emu.h"
#include "lc_frame.h"
#include "lc_random.h"
#include "lc_ref.h"
#include "lifcore.h"

#define N 12
#define M 6
#define STEPS 24

struct script {
    const uint8_t *d;
    size_t n, at;
    int lied;
};

/* rebuild a frame after a payload byte changed, so that its CRCs hold */
static void recrc(uint8_t *buf, size_t len)
{
    uint16_t crc;
    if (len < LC_HDR_LEN)
        return;
    crc = lc_crc16(buf, 9, 0xFFFF);
    buf[9] = (uint8_t)(crc >> 8);
    buf[10] = (uint8_t)crc;
    if (buf[8] && len >= (size_t)LC_HDR_LEN + buf[8] + 2) {
        crc = lc_crc16(buf + LC_HDR_LEN, buf[8], 0xFFFF);
        buf[LC_HDR_LEN + buf[8]] = (uint8_t)(crc >> 8);
        buf[LC_HDR_LEN + buf[8] + 1] = (uint8_t)crc;
    }
}

static int hook(void *user, int to_device, uint64_t index, uint8_t *buf, size_t *len)
{
    struct script *s = user;
    uint8_t op, arg;
    (void)to_device;
    (void)index;
    if (s->at + 2 > s->n || *len == 0)
        return 1; /* the script is over: a clean wire from here on */
    op = s->d[s->at++];
    arg = s->d[s->at++];
    switch (op & 15) {
    case 0: /* flip one bit */
        buf[arg % *len] ^= (uint8_t)(1u << (op >> 5));
        return 1;
    case 1: /* truncate */
        *len = arg % *len;
        return 1;
    case 2: /* lose the frame */
        return 0;
    case 3: /* send it twice */
        return 2;
    case 4: /* garbage in front (room: the hook's buffer holds two frames) */
        if (*len + 4 <= 2 * LC_MAX_FRAME) {
            memmove(buf + 4, buf, *len);
            buf[0] = arg;
            buf[1] = LC_SOF;
            buf[2] = (uint8_t)~arg;
            buf[3] = op;
            *len += 4;
        }
        return 1;
    case 5: /* a lying device: a header or payload byte changed, CRCs made good */
        if (to_device || *len < LC_HDR_LEN)
            return 1;
        {
            size_t at = 1 + arg % (*len - 1);
            if (at == 8 || at == 9 || at == 10)
                at = 1; /* keep LEN: the frame keeps its size */
            buf[at] ^= (uint8_t)(op | 1);
            recrc(buf, *len);
            s->lied = 1;
        }
        return 1;
    default:
        return 1;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct script s = {data, size, 0, 0};
    struct lc_emu_opts o;
    struct lc_transport t;
    struct lc_device *dev = NULL;
    struct lc_net *net = NULL;
    struct lc_ref *ref = NULL;
    uint8_t in[STEPS * M], out[STEPS * N], want[STEPS * N];
    uint32_t idx[M], oidx[N];
    int8_t w_in[N * M], w_rec[N * N];
    uint32_t step, i;
    uint64_t seed = size ? data[0] : 0;
    int rc;

    lc_emu_defaults(&o);
    o.n = N;
    o.m = M;
    o.p = 4;
    o.seed = seed;
    o.hook = hook;
    o.hook_user = &s;
    if (lc_emu_transport(&o, &t) != LC_OK)
        fuzz_fail("lc_emu_transport");
    rc = lc_open_transport(&t, "emu", 200, &dev);
    if (rc != LC_OK) {
        if (dev || !lc_last_error(NULL)[0])
            fuzz_fail("lc_open_transport failed (%d) badly", rc);
        return 0;
    }
    if (lc_random_net(seed * 7919 + 1, N, M, &net) != LC_OK || lc_ref_create(net, &ref) != LC_OK)
        fuzz_fail("setup");
    lc_random_inputs(seed, net->n_inputs, STEPS, 0.3, in);
    memset(want, 0, sizeof want);
    for (step = 0; step < STEPS; step++) {
        size_t k = 0, no = 0;
        for (i = 0; i < net->n_inputs; i++)
            if (in[step * net->n_inputs + i])
                idx[k++] = i;
        lc_ref_step(ref, idx, k, oidx, &no);
        for (i = 0; i < no; i++)
            want[step * net->n_neurons + oidx[i]] = 1;
    }
    rc = lc_load(dev, net);
    if (rc == LC_OK)
        rc = lc_run(dev, STEPS, in, out);
    if (rc == LC_OK && !s.lied) {
        if (memcmp(out, want, (size_t)STEPS * net->n_neurons) != 0)
            fuzz_fail("a faulty wire changed the output spikes and the run succeeded");
        rc = lc_read_weights(dev, w_in, w_rec, NULL, NULL);
        /* the read's own responses may be the lies: check again */
        if (rc == LC_OK && !s.lied &&
            (memcmp(w_in, lc_ref_net(ref)->w_in, (size_t)net->n_inputs * net->n_neurons) ||
             memcmp(w_rec, lc_ref_net(ref)->w_rec, (size_t)net->n_neurons * net->n_neurons)))
            fuzz_fail("a faulty wire changed the weights read back and the read succeeded");
    }
    if (rc != LC_OK && !lc_last_error(dev)[0])
        fuzz_fail("a failure (%d) without a message", rc);
    lc_ref_free(ref);
    lc_net_free(net);
    lc_close(dev);
    return 0;
}
