/* test_device.c : the public device API on the 'ref' backend
 * Every error path of lifcore.h that needs no hardware (arguments, device
 * strings, options, no network, ranges, sizes, callbacks), the ref backend's
 * capacity, and lc_run / lc_stream against lc_ref driven directly: outputs,
 * weights, state and counters, bit for bit.
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare_util.h"
#include "lc_random.h"
#include "test_util.h"

static int test_version(void)
{
    CHECK(strcmp(lc_version(), "0.1.0") == 0);
    CHECK_EQ(lc_version_number(), (LIFCORE_VERSION_MAJOR << 16) | (LIFCORE_VERSION_MINOR << 8) |
                                      LIFCORE_VERSION_PATCH);
    CHECK(strcmp(lc_strerror(LC_ERR_TIMEOUT), "the device stopped answering") == 0);
    CHECK(strcmp(lc_strerror(12345), "unknown error code") == 0);
    return 0;
}

static int test_open_rejects_bad_strings(void)
{
    static const struct {
        const char *dev;
        int rc;
        const char *detail;
    } cases[] = {
        {"nonsense", LC_ERR_ARG, "unknown device 'nonsense'"},
        {"", LC_ERR_ARG, "unknown device"},
        {"serial:", LC_ERR_ARG, "unknown device"},
        {"ref?n=0", LC_ERR_ARG, "n=0 out of range"},
        {"ref?n=abc", LC_ERR_ARG, "n='abc'"},
        {"ref?n=-3", LC_ERR_ARG, "n='-3'"},
        {"ref?n=70000", LC_ERR_ARG, "out of range"},
        {"ref?x=1", LC_ERR_ARG, "unknown option 'x'"},
        {"ref?n", LC_ERR_ARG, "key=value"},
        {"ref?=5", LC_ERR_ARG, "key=value"},
        /* raw bytes of a bad string come back escaped, never as they are */
        {"re\x01" "f", LC_ERR_ARG, "unknown device 're\\x01f'"},
        {"ref?\x7f", LC_ERR_ARG, "option '\\x7f' is not of the form key=value"},
        {"ref?n=1\x1b[2J", LC_ERR_ARG, "n='1\\x1b[2J' is not an unsigned integer"},
        {"ref?\xc3\xa9=1", LC_ERR_ARG, "unknown option '\\xc3\\xa9'"},
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct lc_device *dev = (struct lc_device *)&i; /* must be reset to NULL */
        int rc = lc_open(cases[i].dev, &dev);
        if (rc != cases[i].rc || dev != NULL || !strstr(lc_last_error(NULL), cases[i].detail)) {
            printf("    lc_open(\"%s\") = %d, detail \"%s\"\n", cases[i].dev, rc,
                   lc_last_error(NULL));
            return 1;
        }
    }
    CHECK_EQ(lc_open(NULL, NULL), LC_ERR_ARG);
    CHECK(lc_last_error(NULL)[0] != '\0');
    return 0;
}

static int test_null_handles(void)
{
    struct lc_info info;
    struct lc_counters c;
    struct lc_link_stats s;
    uint8_t in[1] = {0};
    lc_close(NULL);
    CHECK_EQ(lc_info(NULL, &info), LC_ERR_ARG);
    CHECK_EQ(lc_load(NULL, NULL), LC_ERR_ARG);
    CHECK_EQ(lc_reset_state(NULL), LC_ERR_ARG);
    CHECK_EQ(lc_run(NULL, 1, in, NULL), LC_ERR_ARG);
    CHECK_EQ(lc_stream(NULL, 1, NULL, NULL, NULL), LC_ERR_ARG);
    CHECK_EQ(lc_read_weights(NULL, NULL, NULL, NULL, NULL), LC_ERR_ARG);
    CHECK_EQ(lc_read_state(NULL, NULL, NULL), LC_ERR_ARG);
    memset(&c, 0xFF, sizeof c);
    CHECK_EQ(lc_counters(NULL, &c), LC_ERR_ARG);
    CHECK_EQ(c.steps, 0); /* zeroed on failure */
    CHECK_EQ(lc_clear_counters(NULL), LC_ERR_ARG);
    CHECK_EQ(lc_link_stats(NULL, &s), LC_ERR_ARG);
    return 0;
}

static int test_ref_capacity_and_info(void)
{
    struct lc_device *dev = NULL;
    struct lc_info info;
    CHECK_EQ(lc_open("ref", &dev), LC_OK);
    CHECK_EQ(lc_info(dev, &info), LC_OK);
    CHECK(strcmp(info.backend, "ref") == 0);
    CHECK_EQ(info.n_neurons, 1024);
    CHECK_EQ(info.n_inputs, 1024);
    CHECK_EQ(info.protocol_version, 0);
    CHECK_EQ(info.baud, 0);
    CHECK_EQ(lc_info(dev, NULL), LC_ERR_ARG);
    lc_close(dev);
    CHECK_EQ(lc_open("ref?n=256&m=128", &dev), LC_OK);
    CHECK_EQ(lc_info(dev, &info), LC_OK);
    CHECK_EQ(info.n_neurons, 256);
    CHECK_EQ(info.n_inputs, 128);
    CHECK(lc_last_error(dev)[0] == '\0');
    lc_close(dev);
    return 0;
}

static int test_calls_before_load_fail(void)
{
    struct lc_device *dev = NULL;
    uint8_t in[4] = {0};
    int8_t w[4];
    struct lc_neuron_state st[1];
    CHECK_EQ(lc_open("ref?n=4&m=4", &dev), LC_OK);
    CHECK_EQ(lc_run(dev, 1, in, NULL), LC_ERR_ARG);
    CHECK(strstr(lc_last_error(dev), "no network loaded") != NULL);
    CHECK_EQ(lc_reset_state(dev), LC_ERR_ARG);
    CHECK_EQ(lc_read_weights(dev, w, w, NULL, NULL), LC_ERR_ARG);
    CHECK_EQ(lc_read_state(dev, st, NULL), LC_ERR_ARG);
    CHECK_EQ(lc_stream(dev, 1, NULL, NULL, NULL), LC_ERR_ARG);
    lc_close(dev);
    return 0;
}

static int test_load_checks_range_and_size(void)
{
    struct lc_device *dev = NULL;
    struct lc_net *net = NULL;
    CHECK_EQ(lc_open("ref?n=8&m=4", &dev), LC_OK);
    CHECK_EQ(lc_load(dev, NULL), LC_ERR_ARG);
    CHECK(lc_net_create(8, 4, &net) == LC_OK);
    net->core.stdp_in.w_min = 5;
    net->core.stdp_in.w_max = 4;
    CHECK_EQ(lc_load(dev, net), LC_ERR_RANGE);
    CHECK(strstr(lc_last_error(dev), "stdp_in.w_min") != NULL);
    net->core.stdp_in.w_min = 0;
    net->plastic_rec[9] = 2;
    CHECK_EQ(lc_load(dev, net), LC_ERR_RANGE);
    CHECK(strstr(lc_last_error(dev), "plastic_rec[1][1]") != NULL);
    net->plastic_rec[9] = 1;
    CHECK_EQ(lc_load(dev, net), LC_OK);
    CHECK(lc_last_error(dev)[0] == '\0');
    lc_net_free(net);
    CHECK(lc_net_create(9, 4, &net) == LC_OK);
    CHECK_EQ(lc_load(dev, net), LC_ERR_SIZE);
    CHECK(strstr(lc_last_error(dev), "9 neurons") != NULL);
    /* a rejected network changes nothing: the previous one stays loaded */
    CHECK_EQ(lc_reset_state(dev), LC_OK);
    lc_net_free(net);
    CHECK(lc_net_create(8, 5, &net) == LC_OK);
    CHECK_EQ(lc_load(dev, net), LC_ERR_SIZE);
    CHECK(strstr(lc_last_error(dev), "5 inputs") != NULL);
    lc_net_free(net);
    lc_close(dev);
    return 0;
}

static int test_run_matches_model_on_random_networks(void)
{
    struct lc_device *dev = NULL;
    uint64_t seed;
    CHECK_EQ(lc_open("ref?n=96&m=64", &dev), LC_OK);
    for (seed = 1; seed <= 20; seed++) {
        struct lc_net *net = NULL;
        CHECK(lc_random_net(seed, 96, 64, &net) == LC_OK);
        if (compare_run(dev, net, 100, -1.0, seed, (int)(seed & 1), 1 + (unsigned)(seed % 4))) {
            lc_net_free(net);
            lc_close(dev);
            return 1;
        }
        lc_net_free(net);
    }
    lc_close(dev);
    return 0;
}

struct dup_input {
    uint32_t m;
};

static int duplicate_input(void *user, uint64_t step, uint32_t *idx, size_t cap, size_t *count)
{
    const struct dup_input *d = user;
    (void)step;
    if (cap < 4)
        return -1;
    idx[0] = 1;
    idx[1] = 1;
    idx[2] = d->m - 1;
    idx[3] = 1;
    *count = 4;
    return 0;
}

static int bad_index(void *user, uint64_t step, uint32_t *idx, size_t cap, size_t *count)
{
    (void)user;
    (void)cap;
    idx[0] = step == 3 ? 99 : 0;
    *count = 1;
    return 0;
}

static int too_many(void *user, uint64_t step, uint32_t *idx, size_t cap, size_t *count)
{
    (void)user;
    (void)step;
    (void)idx;
    *count = cap + 1;
    return 0;
}

static int stop_output(void *user, uint64_t step, const uint32_t *idx, size_t count)
{
    (void)user;
    (void)idx;
    (void)count;
    return step == 2 ? -5 : 0;
}

static int test_stream_errors_and_duplicates(void)
{
    struct lc_device *dev = NULL;
    struct lc_net *net = NULL;
    struct lc_counters c;
    struct dup_input d = {4};
    CHECK_EQ(lc_open("ref?n=4&m=4", &dev), LC_OK);
    CHECK(lc_net_create(4, 4, &net) == LC_OK);
    net->neuron[0].bias = 10; /* neuron 0 spikes every step */
    CHECK_EQ(lc_load(dev, net), LC_OK);
    CHECK_EQ(lc_stream(dev, 5, NULL, NULL, NULL), LC_ERR_ARG);
    CHECK_EQ(lc_stream(dev, 0, NULL, NULL, NULL), LC_OK);
    CHECK_EQ(lc_clear_counters(dev), LC_OK);
    CHECK_EQ(lc_stream(dev, 5, duplicate_input, NULL, &d), LC_OK);
    CHECK_EQ(lc_counters(dev, &c), LC_OK);
    CHECK_EQ(c.steps, 5);
    CHECK_EQ(c.spikes_in, 10); /* {1, 3} per step: duplicates removed */
    CHECK_EQ(c.spikes_out, 5);
    CHECK_EQ(lc_stream(dev, 10, bad_index, NULL, NULL), LC_ERR_ARG);
    CHECK(strstr(lc_last_error(dev), "step 3: input index 99 >= n_inputs 4") != NULL);
    CHECK_EQ(lc_stream(dev, 10, too_many, NULL, NULL), LC_ERR_ARG);
    CHECK(strstr(lc_last_error(dev), "room for") != NULL);
    CHECK_EQ(lc_stream(dev, 10, duplicate_input, stop_output, &d), LC_ERR_ARG);
    CHECK(strstr(lc_last_error(dev), "output function aborted at step 2") != NULL);
    CHECK_EQ(lc_run(dev, 3, NULL, NULL), LC_ERR_ARG);
    CHECK(strstr(lc_last_error(dev), "in is NULL") != NULL);
    lc_net_free(net);
    lc_close(dev);
    return 0;
}

static int test_reset_state_repeats_a_run(void)
{
    struct lc_device *dev = NULL;
    struct lc_net *net = NULL;
    uint8_t *in, out1[50 * 32], out2[50 * 32];
    struct lc_neuron_state s1[32], s2[32];
    CHECK(lc_random_net(77, 32, 16, &net) == LC_OK);
    net->core.learning = 0; /* weights stay, so a reset repeats the run */
    in = calloc(50 * (size_t)net->n_inputs + 1, 1);
    lc_random_inputs(77, net->n_inputs, 50, 0.3, in);
    CHECK_EQ(lc_open("ref?n=32&m=16", &dev), LC_OK);
    CHECK_EQ(lc_load(dev, net), LC_OK);
    CHECK_EQ(lc_run(dev, 50, in, out1), LC_OK);
    CHECK_EQ(lc_read_state(dev, s1, NULL), LC_OK);
    CHECK_EQ(lc_reset_state(dev), LC_OK);
    CHECK_EQ(lc_run(dev, 50, in, out2), LC_OK);
    CHECK_EQ(lc_read_state(dev, s2, NULL), LC_OK);
    CHECK(memcmp(out1, out2, 50 * (size_t)net->n_neurons) == 0);
    CHECK(memcmp(s1, s2, net->n_neurons * sizeof s1[0]) == 0);
    free(in);
    lc_net_free(net);
    lc_close(dev);
    return 0;
}

int main(void)
{
    RUN(test_version);
    RUN(test_open_rejects_bad_strings);
    RUN(test_null_handles);
    RUN(test_ref_capacity_and_info);
    RUN(test_calls_before_load_fail);
    RUN(test_load_checks_range_and_size);
    RUN(test_run_matches_model_on_random_networks);
    RUN(test_stream_errors_and_duplicates);
    RUN(test_reset_state_repeats_a_run);
    return tu_summary("device");
}
