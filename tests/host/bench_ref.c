/* bench_ref.c : steps per second of the C reference model (lc_ref)
 * N=256/M=128 and N=1024/M=256, at 1, 5, 10 and 30 % activity, learning off
 * and on. Neurons fire periodically (bias B, threshold B*K - 1, random phase,
 * no leak) so that about 1/K of them fire each step; the weights are small
 * (-2..2, w_shift 0) so that synaptic input only jitters the period; the same
 * fraction of the inputs spike each step. Learning on: every synapse plastic,
 * clamped to -2..2. Prints one table row per configuration.
 * Then systems of C such cores (lc_sysref): neuron k of core c is routed to axon
 * k mod M of core c+1 (mod C) with delay 1 + k mod 64, and the same fraction of
 * every core's axons get external input; steps/s of the whole system.
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 199309L /* clock_gettime */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lc_random.h"
#include "lc_ref.h"
#include "lc_sysref.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static struct lc_net *bench_net(uint32_t n, uint32_t m, double activity, int learning,
                                uint64_t *rng)
{
    const int32_t bias = 1000, period = (int32_t)(1.0 / activity + 0.5);
    struct lc_net *net = NULL;
    size_t k;
    uint32_t i;
    if (lc_net_create(n, m, &net) != LC_OK)
        exit(1);
    net->core.w_shift = 0;
    for (i = 0; i < n; i++) {
        net->neuron[i].du = 4096;
        net->neuron[i].dv = 0;
        net->neuron[i].bias = bias;
        net->neuron[i].vth = bias * period - 1;
    }
    for (k = 0; k < (size_t)m * n; k++)
        net->w_in[k] = (int8_t)((int)lc_random_below(rng, 5) - 2);
    for (k = 0; k < (size_t)n * n; k++)
        net->w_rec[k] = (int8_t)((int)lc_random_below(rng, 5) - 2);
    if (learning) {
        struct lc_stdp set = {20, 20, 14, 14, -2, 2};
        net->core.learning = 1;
        net->core.dx = net->core.dy = 400;
        net->core.x_imp = net->core.y_imp = 20000;
        net->core.stdp_in = net->core.stdp_rec = set;
        memset(net->plastic_in, 1, (size_t)m * n);
        memset(net->plastic_rec, 1, (size_t)n * n);
    }
    return net;
}

static void bench(uint32_t n, uint32_t m, double activity, int learning)
{
    uint64_t rng = 42;
    struct lc_net *net = bench_net(n, m, activity, learning, &rng);
    struct lc_ref *ref = NULL;
    uint32_t *in = malloc(sizeof *in * m), *out = malloc(sizeof *out * n);
    const uint32_t n_pat = 64;
    uint32_t *pat = malloc(sizeof *pat * (size_t)m * n_pat), *pat_len = malloc(sizeof *pat_len * n_pat);
    unsigned long long steps = 0, out_spikes = 0, in_spikes = 0;
    double t0, t1;
    uint32_t i, j, p;
    size_t n_out;

    if (!in || !out || !pat || !pat_len || lc_ref_create(net, &ref) != LC_OK)
        exit(1);
    for (i = 0; i < n; i++) /* random phase */
        lc_ref_state(ref)[i].v = (int32_t)lc_random_below(&rng, (uint64_t)net->neuron[i].vth + 1);
    /* pre-drawn input patterns, so that the timing is the model's */
    for (p = 0; p < n_pat; p++) {
        pat_len[p] = 0;
        for (j = 0; j < m; j++)
            if ((double)(lc_random_next(&rng) >> 11) / 9007199254740992.0 < activity)
                pat[(size_t)p * m + pat_len[p]++] = j;
    }
    t0 = now();
    do {
        for (p = 0; p < 256; p++) {
            uint32_t k = (uint32_t)(steps % n_pat);
            lc_ref_step(ref, pat + (size_t)k * m, pat_len[k], out, &n_out);
            out_spikes += n_out;
            in_spikes += pat_len[k];
            steps++;
        }
        t1 = now();
    } while (t1 - t0 < 0.4);
    printf("%6u %5u %8.0f%% %8s %12.0f %9.1f%% %9.1f%% %12.1f\n", n, m, activity * 100,
           learning ? "on" : "off", steps / (t1 - t0), 100.0 * out_spikes / ((double)steps * n),
           100.0 * in_spikes / ((double)steps * m),
           (double)(in_spikes + out_spikes) * n / (t1 - t0) / 1e6);
    free(in);
    free(out);
    free(pat);
    free(pat_len);
    lc_ref_free(ref);
    lc_net_free(net);
}

static void bench_system(uint32_t C, uint32_t n, uint32_t m, double activity, int learning)
{
    uint64_t rng = 42;
    struct lc_net *nets[16];
    struct lc_system *sys = NULL;
    struct lc_sysref *s = NULL;
    const uint32_t n_pat = 64;
    uint32_t *pat = malloc(sizeof *pat * (size_t)m * n_pat), pat_len[64];
    const uint32_t *inp[16];
    size_t n_in[16], n_out[16];
    unsigned long long steps = 0, out_spikes = 0, in_spikes = 0;
    double t0, t1;
    uint32_t c, i, j, p;
    char msg[256];

    if (!pat || C > 16)
        exit(1);
    for (c = 0; c < C; c++)
        nets[c] = bench_net(n, m, activity, learning, &rng);
    if (lc_system_create((const struct lc_net *const *)nets, C, &sys) != LC_OK)
        exit(1);
    for (c = 0; c < C; c++)
        for (i = 0; i < n; i++)
            if (lc_system_add_route(sys, c, i, (c + 1) % C, i % m, 1 + i % 64, msg, sizeof msg) !=
                LC_OK)
                exit(1);
    if (lc_sysref_create(sys, 64, &s, msg, sizeof msg) != LC_OK) {
        fprintf(stderr, "%s\n", msg);
        exit(1);
    }
    for (c = 0; c < C; c++)
        for (i = 0; i < n; i++) /* random phase */
            lc_ref_state(lc_sysref_core(s, c))[i].v =
                (int32_t)lc_random_below(&rng, (uint64_t)nets[c]->neuron[i].vth + 1);
    for (p = 0; p < n_pat; p++) {
        pat_len[p] = 0;
        for (j = 0; j < m; j++)
            if ((double)(lc_random_next(&rng) >> 11) / 9007199254740992.0 < activity)
                pat[(size_t)p * m + pat_len[p]++] = j;
    }
    t0 = now();
    do {
        for (p = 0; p < 256; p++) {
            uint32_t k = (uint32_t)(steps % n_pat);
            for (c = 0; c < C; c++) {
                /* each core its own pattern of the cycle */
                uint32_t q = (k + 7 * c) % n_pat;
                inp[c] = pat + (size_t)q * m;
                n_in[c] = pat_len[q];
            }
            lc_sysref_step(s, inp, n_in, NULL, n_out);
            for (c = 0; c < C; c++) {
                out_spikes += n_out[c];
                in_spikes += lc_sysref_last_inputs(s, c);
            }
            steps++;
        }
        t1 = now();
    } while (t1 - t0 < 0.4);
    printf("%6u %5u %5u %8.0f%% %8s %12.0f %9.1f%% %9.1f%% %12.1f\n", C, n, m, activity * 100,
           learning ? "on" : "off", steps / (t1 - t0),
           100.0 * out_spikes / ((double)steps * n * C),
           100.0 * in_spikes / ((double)steps * m * C),
           (double)(in_spikes + out_spikes) * n / (t1 - t0) / 1e6);
    for (c = 0; c < C; c++)
        lc_net_free(nets[c]);
    free(pat);
    lc_sysref_free(s);
    lc_system_free(sys);
}

int main(void)
{
    static const double acts[] = {0.01, 0.05, 0.10, 0.30};
    static const uint32_t sizes[][2] = {{256, 128}, {1024, 256}};
    size_t s, a;
    int learning;
    printf("lc_ref (C reference model) speed\n");
    printf("%6s %5s %9s %8s %12s %10s %10s %12s\n", "N", "M", "activity", "learning",
           "steps/s", "out rate", "in rate", "Msynops/s");
    for (s = 0; s < 2; s++)
        for (learning = 0; learning < 2; learning++)
            for (a = 0; a < 4; a++)
                bench(sizes[s][0], sizes[s][1], acts[a], learning);
    printf("\nlc_sysref (systems of cores, routes to the next core with delays 1..64) speed\n");
    printf("%6s %6s %5s %9s %8s %12s %10s %10s %12s\n", "cores", "N", "M", "activity",
           "learning", "steps/s", "out rate", "in rate", "Msynops/s");
    for (learning = 0; learning < 2; learning++)
        for (a = 0; a < 4; a++)
            bench_system(4, 256, 128, acts[a], learning);
    for (learning = 0; learning < 2; learning++)
        bench_system(16, 256, 128, 0.10, learning);
    return 0;
}
