/* fuzz_sysfile.c : libFuzzer target, the system file reader (docs/formats.md)
 * Any text: lc_system_load() returns a system or an error, never crashes; a system it
 * returns passes lc_system_validate() and survives a save and a load unchanged.
 * A core may name a file ({"file": ...}): the input's folder holds net.json (a small
 * valid network) for it to find; anything else it names is not there, or not regular.
 * SPDX-License-Identifier: MIT
 */
#include "fuzz_util.h"

#include "lifcore.h"

static const char small_net[] =
    "{\"n_neurons\": 2, \"n_inputs\": 1, \"neuron\": {\"vth\": [5, 6]}, \"w_in\": [[3, 4]]}";

static int same_system(struct lc_system *a, struct lc_system *b)
{
    size_t na, nb;
    const struct lc_route *ra = lc_system_routes(a, &na), *rb = lc_system_routes(b, &nb);
    uint32_t c;
    if (lc_system_n_cores(a) != lc_system_n_cores(b) || na != nb ||
        (na && memcmp(ra, rb, na * sizeof *ra) != 0))
        return 0;
    for (c = 0; c < lc_system_n_cores(a); c++) {
        const struct lc_net *x = lc_system_core(a, c), *y = lc_system_core(b, c);
        size_t n = x->n_neurons, m = x->n_inputs;
        if (x->n_neurons != y->n_neurons || x->n_inputs != y->n_inputs ||
            memcmp(x->neuron, y->neuron, n * sizeof *x->neuron) != 0 ||
            memcmp(&x->core, &y->core, sizeof x->core) != 0 || memcmp(x->w_in, y->w_in, n * m) ||
            memcmp(x->w_rec, y->w_rec, n * n) || memcmp(x->plastic_in, y->plastic_in, n * m) ||
            memcmp(x->plastic_rec, y->plastic_rec, n * n))
            return 0;
    }
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    char path[128], back[128], msg[512];
    struct lc_system *sys = (struct lc_system *)1, *again = NULL;
    int rc;

    if (!ready) {
        fuzz_file("net.json", (const uint8_t *)small_net, sizeof small_net - 1, path,
                  sizeof path);
        ready = 1;
    }
    fuzz_file("sys.json", data, size, path, sizeof path);
    rc = lc_system_load(path, &sys, msg, sizeof msg);
    if (rc != LC_OK) {
        if (sys != NULL)
            fuzz_fail("lc_system_load failed (%d) but left a system", rc);
        if (!msg[0])
            fuzz_fail("lc_system_load failed (%d) without a message", rc);
        return 0;
    }
    if (lc_system_validate(sys, LC_SYSTEM_MAX_DELAY, msg, sizeof msg) != LC_OK)
        fuzz_fail("lc_system_load returned an invalid system: %s", msg);
    snprintf(back, sizeof back, "%s/back.json", fuzz_dir());
    if (lc_system_save(sys, back) != LC_OK)
        fuzz_fail("lc_system_save failed on a loaded system");
    if (lc_system_load(back, &again, msg, sizeof msg) != LC_OK)
        fuzz_fail("a saved system does not load back: %s", msg);
    if (!same_system(sys, again))
        fuzz_fail("a system differs after save and load");
    lc_system_free(again);
    lc_system_free(sys);
    return 0;
}
