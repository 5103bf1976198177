/* bench_link.c : figures of the link (docs/performance.md, "Link")
 * On the Verilator board ('sim', simulated time at its baud) and on the C
 * emulation ('emu', instant device): wire bytes per spike for sparse inputs,
 * sustained spikes per second and the payload fraction for dense streaming,
 * the time to load a full network, and the host CPU time per step; and on a faulty
 * wire (docs/protocol.md, "A harsh wire"): goodput and steps per second against the
 * bit-error rate and the byte-loss rate, 1e-6 to 1e-2, alone and together.
 * Usage: bench_link [LOAD_DEV [STREAM_DEV]]  device strings of the board for the
 *        load time (e.g. "sim?lib=build/sim/board_n256_m128_p7_s1/liblcsim.so")
 *        and for streaming (default both "sim")
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lc_random.h"
#include "lifcore.h"

static double cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

struct feed {
    uint32_t m;
    double rate;
    uint64_t rng;
};

static int feed_input(void *user, uint64_t step, uint32_t *idx, size_t cap, size_t *count)
{
    struct feed *f = user;
    uint32_t j;
    size_t k = 0;
    (void)step;
    for (j = 0; j < f->m && k < cap; j++)
        if (f->rate >= 1.0 || (double)lc_random_below(&f->rng, 1000000) < f->rate * 1e6)
            idx[k++] = j;
    *count = k;
    return 0;
}

/* a network whose neurons fire with the given period (1: every step) */
static struct lc_net *periodic_net(uint32_t n, uint32_t m, int period)
{
    struct lc_net *net = NULL;
    uint32_t i;
    if (lc_net_create(n, m, &net) != LC_OK)
        exit(1);
    for (i = 0; i < n; i++) {
        net->neuron[i].du = 4096;
        net->neuron[i].bias = period ? 100 : 0;
        net->neuron[i].vth = period ? 100 * period - 1 : 0;
    }
    return net;
}

static void stream_row(const char *dev_str, const char *what, uint32_t n, uint32_t m,
                       double rate, int period, uint64_t steps)
{
    struct lc_device *dev = NULL;
    struct lc_net *net;
    struct lc_counters c;
    struct lc_link_stats s;
    struct lc_info info;
    struct feed f = {0, rate, 7};
    double c0, cpu, t;
    if (lc_open(dev_str, &dev) != LC_OK) {
        printf("%-6s %-28s cannot open: %s\n", dev_str, what, lc_last_error(NULL));
        return;
    }
    lc_info(dev, &info);
    if (n > info.n_neurons)
        n = info.n_neurons;
    if (m > info.n_inputs)
        m = info.n_inputs;
    f.m = m;
    net = periodic_net(n, m, period);
    if (lc_load(dev, net) != LC_OK || lc_clear_counters(dev) != LC_OK) {
        printf("%s: %s\n", dev_str, lc_last_error(dev));
        exit(1);
    }
    c0 = cpu_s();
    if (lc_stream(dev, steps, feed_input, NULL, &f) != LC_OK) {
        printf("%s: %s\n", dev_str, lc_last_error(dev));
        exit(1);
    }
    cpu = cpu_s() - c0;
    lc_counters(dev, &c);
    lc_link_stats(dev, &s);
    t = (double)s.link_ns * 1e-9;
    if (info.baud == 0) {
        printf("%-4s N%-4u M%-4u %-22s no link; host CPU %6.2f us/step\n", info.backend, n, m,
               what, cpu * 1e6 / (double)c.steps);
        lc_net_free(net);
        lc_close(dev);
        return;
    }
    printf("%-4s N%-4u M%-4u %-22s %8.0f steps/s %9.0f in/s %9.0f out/s  tx %5.2f B/in-spike "
           "rx %5.2f B/out-spike  payload %5.1f%%  wire tx %5.1f%% rx %5.1f%%  cpu %6.2f us/step\n",
           info.backend, n, m, what, (double)c.steps / t, (double)c.spikes_in / t,
           (double)c.spikes_out / t,
           c.spikes_in ? (double)c.bytes_tx / (double)c.spikes_in : 0.0,
           c.spikes_out ? (double)c.bytes_rx / (double)c.spikes_out : 0.0, 100 * s.efficiency,
           100 * s.wire_tx, 100 * s.wire_rx, cpu * 1e6 / (double)c.steps);
    lc_net_free(net);
    lc_close(dev);
}

/* dense streaming (every input, every neuron every 2nd step) on a faulty wire: steps
 * per second and goodput (spike payload per second, and as a share of the raw line,
 * baud / 10 bytes per second), each direction */
static void fault_row(const char *base, const char *what, double ber, double drop,
                      uint64_t steps)
{
    char dev_str[256], rate[32];
    struct lc_device *dev = NULL;
    struct lc_net *net;
    struct lc_counters c;
    struct lc_link_stats s;
    struct lc_info info;
    struct feed f = {32, 1.0, 7};
    double t, raw;
    int rc;
    snprintf(dev_str, sizeof dev_str, "%s%sber=%g&drop=%g&seed=3", base,
             strchr(base, '?') ? "&" : "?", ber, drop);
    if (ber > 0 && drop > 0 && ber != drop)
        snprintf(rate, sizeof rate, "%g + %g", ber, drop);
    else
        snprintf(rate, sizeof rate, "%g", ber > drop ? ber : drop);
    if (lc_open(dev_str, &dev) != LC_OK) {
        printf("| %s | %s | cannot open: %s |\n", what, rate, lc_last_error(NULL));
        return;
    }
    lc_info(dev, &info);
    net = periodic_net(64, 32, 2);
    rc = lc_load(dev, net);
    if (rc == LC_OK)
        rc = lc_clear_counters(dev);
    if (rc == LC_OK)
        rc = lc_stream(dev, steps, feed_input, NULL, &f);
    if (rc != LC_OK) {
        printf("| %s | %s | gives up: %s |\n", what, rate, lc_last_error(dev));
    } else {
        lc_counters(dev, &c);
        lc_link_stats(dev, &s);
        t = (double)s.link_ns * 1e-9;
        raw = (double)info.baud / 10.0;
        printf("| %s | %s | %.0f | %.0f B/s (%.1f%%) | %.0f B/s (%.1f%%) | %llu | %llu | %llu | "
               "%u B |\n",
               what, rate, (double)c.steps / t, (double)s.payload_tx / t,
               100 * (double)s.payload_tx / t / raw, (double)s.payload_rx / t,
               100 * (double)s.payload_rx / t / raw, (unsigned long long)c.retransmits,
               (unsigned long long)s.resend_polls, (unsigned long long)s.shrinks, s.frame_max);
    }
    lc_net_free(net);
    lc_close(dev);
}

static void fault_table(const char *base, uint64_t steps)
{
    static const double rates[] = {1e-6, 1e-5, 1e-4, 1e-3, 1e-2};
    size_t r;
    printf("\n%s, N64 M32, dense in, out every 2nd step, %llu steps (a tenth at 1e-2):\n", base,
           (unsigned long long)steps);
    printf("| wire | rate | steps/s | goodput to device | goodput from device | retransmits | "
           "resend polls | halvings | frame now |\n|---|---|---|---|---|---|---|---|---|\n");
    fault_row(base, "clean", 0, 0, steps);
    for (r = 0; r < sizeof rates / sizeof rates[0]; r++) {
        uint64_t n = rates[r] >= 1e-2 ? steps / 10 : steps;
        fault_row(base, "ber", rates[r], 0, n);
        fault_row(base, "drop", 0, rates[r], n);
        fault_row(base, "ber+drop", rates[r], rates[r], n);
    }
    fault_row(base, "ber+drop", 1e-3, 1e-2, steps / 10);
}

static void load_row(const char *dev_str)
{
    struct lc_device *dev = NULL;
    struct lc_net *net = NULL;
    struct lc_link_stats s;
    struct lc_counters c;
    struct lc_info info;
    int k;
    if (lc_open(dev_str, &dev) != LC_OK) {
        printf("load on %s: cannot open: %s\n", dev_str, lc_last_error(NULL));
        return;
    }
    lc_info(dev, &info);
    for (k = 0; k < 2; k++) {
        uint64_t seed = 5;
        double c0 = cpu_s();
        lc_net_free(net);
        net = NULL;
        /* a full-size network: every weight nonzero, half of them plastic */
        if (lc_net_create(info.n_neurons, info.n_inputs, &net) != LC_OK)
            exit(1);
        for (size_t i = 0; i < (size_t)info.n_neurons * info.n_neurons; i++) {
            net->w_rec[i] = (int8_t)(lc_random_below(&seed, 255) - 127);
            net->plastic_rec[i] = (uint8_t)(i & 1);
        }
        for (size_t i = 0; i < (size_t)info.n_inputs * info.n_neurons; i++)
            net->w_in[i] = (int8_t)(lc_random_below(&seed, 255) - 127);
        lc_clear_counters(dev);
        if (lc_load(dev, net) != LC_OK) {
            printf("load: %s\n", lc_last_error(dev));
            exit(1);
        }
        lc_link_stats(dev, &s);
        lc_counters(dev, &c);
        printf("load N%u M%u P%u (%s load of the session): %.3f s on the wire at %u baud, "
               "%llu bytes sent, host CPU %.3f s\n",
               info.n_neurons, info.n_inputs, info.lanes, k ? "second" : "first",
               (double)s.load_ns * 1e-9, info.baud, (unsigned long long)c.bytes_tx,
               cpu_s() - c0);
    }
    lc_net_free(net);
    lc_close(dev);
}

int main(int argc, char **argv)
{
    const char *devs[] = {argc > 2 ? argv[2] : "sim", "emu?n=64&m=32&p=4"};
    size_t d;
    printf("link figures (time: simulated for sim and emu)\n");
    for (d = 0; d < 2; d++) {
        stream_row(devs[d], "silent", 64, 32, 0.0, 0, 3000);
        stream_row(devs[d], "sparse in 5%, out silent", 64, 32, 0.05, 0, 3000);
        stream_row(devs[d], "dense in 100%", 64, 32, 1.0, 0, 3000);
        stream_row(devs[d], "dense in, out every 2nd", 64, 32, 1.0, 2, 3000);
        stream_row(devs[d], "in 30%, out every 10th", 64, 32, 0.3, 10, 3000);
    }
    stream_row("emu?n=256&m=256&p=8", "dense in 100%", 256, 256, 1.0, 0, 3000);
    stream_row("ref?n=256&m=256", "dense in 100%", 256, 256, 1.0, 0, 3000);
    load_row(argc > 1 ? argv[1] : "sim");
    fault_table("emu?n=64&m=32&p=4", 20000);
    fault_table(devs[0], 2000);
    return 0;
}
