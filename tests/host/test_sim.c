/* test_sim.c : end to end, the Verilator model of the board ('sim', through its
 * UART pins) against the C model, bit for bit
 * Random networks up to the board's size (N, M from lc_info) with random
 * inputs, loaded, run (lc_run and lc_stream), and read back; then the same
 * with bit errors and byte losses on the wire, which must change nothing but
 * the error counters, also on a harsh wire (1e-3 bit errors and 1e-2 byte losses). Also the errors of the sim backend itself.
 * Needs build/sim/liblcsim.so (make -C sim); without it the program says so
 * and fails, unless LC_SIM_OPTIONAL=1 (then it reports 0 tests).
 * Usage: test_sim [seeds]   (default 8)
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare_util.h"
#include "lc_random.h"
#include "test_util.h"

static unsigned n_seeds = 8;
static uint32_t sim_n, sim_m;

static int run_seeds(const char *device, uint64_t seed0, unsigned seeds, struct lc_counters *c)
{
    struct lc_device *dev = NULL;
    unsigned s;
    int rc = lc_open(device, &dev);
    if (rc != LC_OK) {
        printf("    lc_open(%s): %s: %s\n", device, lc_strerror(rc), lc_last_error(NULL));
        return 1;
    }
    for (s = 0; s < seeds; s++) {
        uint64_t seed = seed0 + s;
        struct lc_net *net = NULL;
        lc_random_net(seed, sim_n, sim_m, &net);
        if (compare_run(dev, net, 120, -1.0, seed, (int)(s & 1), 1 + (s % 3))) {
            printf("    device %s, network seed %llu (N %u M %u)\n", device,
                   (unsigned long long)seed, net->n_neurons, net->n_inputs);
            lc_net_free(net);
            lc_close(dev);
            return 1;
        }
        lc_net_free(net);
    }
    rc = lc_counters(dev, c);
    lc_close(dev);
    return rc != LC_OK;
}

static int test_sim_matches_model(void)
{
    struct lc_counters c;
    CHECK(run_seeds("sim", 1000, n_seeds, &c) == 0);
    CHECK_EQ(c.crc_errors + c.retransmits + c.timeouts + c.resyncs, 0);
    CHECK(c.steps > 0);
    return 0;
}

static int test_sim_with_wire_faults_matches_model(void)
{
    struct lc_counters c;
    CHECK(run_seeds("sim?ber=1e-4&drop=1e-4&seed=3", 2000, n_seeds / 2 ? n_seeds / 2 : 1, &c) ==
          0);
    printf("    faults: crc %llu, resyncs %llu, retransmits %llu, duplicates %llu, gaps %llu, "
           "timeouts %llu, framing %llu\n",
           (unsigned long long)c.crc_errors, (unsigned long long)c.resyncs,
           (unsigned long long)c.retransmits, (unsigned long long)c.duplicates,
           (unsigned long long)c.gaps, (unsigned long long)c.timeouts,
           (unsigned long long)c.framing);
    CHECK(c.crc_errors > 0);
    CHECK(c.retransmits > 0);
    return 0;
}

/* a harsh wire (issue 16): the link shrinks its frames and still gets every bit through */
static int test_sim_on_a_harsh_wire_matches_model(void)
{
    struct lc_counters c;
    CHECK(run_seeds("sim?ber=1e-3&drop=1e-2&seed=4", 3000, 1, &c) == 0);
    printf("    harsh wire: crc %llu, resyncs %llu, retransmits %llu, gaps %llu, timeouts %llu, "
           "framing %llu\n",
           (unsigned long long)c.crc_errors, (unsigned long long)c.resyncs,
           (unsigned long long)c.retransmits, (unsigned long long)c.gaps,
           (unsigned long long)c.timeouts, (unsigned long long)c.framing);
    CHECK(c.crc_errors > 0);
    CHECK(c.retransmits > 0);
    return 0;
}

static int test_sim_backend_errors(void)
{
    struct lc_device *dev = NULL;
    CHECK_EQ(lc_open("sim?lib=/nonexistent/liblcsim.so", &dev), LC_ERR_NOTFOUND);
    CHECK(dev == NULL);
    CHECK(strstr(lc_last_error(NULL), "/nonexistent/liblcsim.so") != NULL);
    CHECK_EQ(lc_open("sim?ber=2", &dev), LC_ERR_ARG);
    CHECK(strstr(lc_last_error(NULL), "ber") != NULL);
    CHECK_EQ(lc_open("sim?bre=0.1", &dev), LC_ERR_ARG);
    CHECK(strstr(lc_last_error(NULL), "bre") != NULL);
    return 0;
}

static int test_sim_rejects_a_network_too_large(void)
{
    struct lc_device *dev = NULL;
    struct lc_net *net = NULL;
    CHECK_EQ(lc_open("sim", &dev), LC_OK);
    CHECK(lc_net_create(sim_n + 1, 1, &net) == LC_OK);
    CHECK_EQ(lc_load(dev, net), LC_ERR_SIZE);
    CHECK(strstr(lc_last_error(dev), "does not fit") != NULL);
    lc_net_free(net);
    lc_close(dev);
    return 0;
}

int main(int argc, char **argv)
{
    struct lc_device *dev = NULL;
    struct lc_info info;
    int rc;
    if (argc > 1)
        n_seeds = (unsigned)atoi(argv[1]);
    rc = lc_open("sim", &dev);
    if (rc != LC_OK) {
        const char *opt = getenv("LC_SIM_OPTIONAL");
        printf("sim: cannot open the sim device: %s: %s\n", lc_strerror(rc), lc_last_error(NULL));
        if (opt && strcmp(opt, "1") == 0)
            return tu_summary("sim (skipped)");
        tu_failed++;
        return tu_summary("sim");
    }
    lc_info(dev, &info);
    sim_n = info.n_neurons;
    sim_m = info.n_inputs;
    lc_close(dev);
    printf("sim: board N %u M %u P %u, %u Hz, %u baud, %u seeds\n", info.n_neurons,
           info.n_inputs, info.lanes, info.clock_hz, info.baud, n_seeds);
    RUN(test_sim_matches_model);
    RUN(test_sim_with_wire_faults_matches_model);
    RUN(test_sim_on_a_harsh_wire_matches_model);
    RUN(test_sim_backend_errors);
    RUN(test_sim_rejects_a_network_too_large);
    return tu_summary("sim");
}
