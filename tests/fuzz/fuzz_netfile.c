/* fuzz_netfile.c : libFuzzer target, the network file reader (docs/formats.md)
 * Any text: lc_net_load() returns a network or an error, never crashes (ASan, UBSan).
 * A network it returns is valid, and writing it and reading it back gives the same one.
 * SPDX-License-Identifier: MIT
 */
#include "fuzz_util.h"

#include "lifcore_model.h"

static int same_net(const struct lc_net *a, const struct lc_net *b)
{
    size_t n = a->n_neurons, m = a->n_inputs;
    return a->n_neurons == b->n_neurons && a->n_inputs == b->n_inputs &&
           memcmp(a->neuron, b->neuron, n * sizeof *a->neuron) == 0 &&
           memcmp(&a->core, &b->core, sizeof a->core) == 0 &&
           memcmp(a->w_in, b->w_in, n * m) == 0 && memcmp(a->w_rec, b->w_rec, n * n) == 0 &&
           memcmp(a->plastic_in, b->plastic_in, n * m) == 0 &&
           memcmp(a->plastic_rec, b->plastic_rec, n * n) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[128], back[128], msg[512];
    struct lc_net *net = (struct lc_net *)1, *again = NULL;
    int rc;

    fuzz_file("net.json", data, size, path, sizeof path);
    rc = lc_net_load(path, &net, msg, sizeof msg);
    if (rc != LC_OK) {
        if (net != NULL)
            fuzz_fail("lc_net_load failed (%d) but left a network", rc);
        if (!msg[0] || !memchr(msg, '\0', sizeof msg))
            fuzz_fail("lc_net_load failed (%d) without a message", rc);
        return 0;
    }
    if (lc_net_validate(net, msg, sizeof msg) != LC_OK)
        fuzz_fail("lc_net_load returned an invalid network: %s", msg);
    snprintf(back, sizeof back, "%s/back.json", fuzz_dir());
    if (lc_net_save(net, back) != LC_OK)
        fuzz_fail("lc_net_save failed on a loaded network");
    if (lc_net_load(back, &again, msg, sizeof msg) != LC_OK)
        fuzz_fail("a saved network does not load back: %s", msg);
    if (!same_net(net, again))
        fuzz_fail("a network differs after save and load");
    lc_net_free(again);
    lc_net_free(net);
    return 0;
}
