/* test_vectors.c : the conformance vectors on the C reference model
 * For each tests/vectors/caseNN.json: run lc_ref from a reset state on the
 * vector's inputs and compare the output spikes of every step, then the final
 * weights and the full state. A failure names the case, the first diverging
 * step or variable, and both values. Also checks that lc_net_load() reads the
 * same network as the vector loader.
 * Usage: test_vectors case01.json ...
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lc_vectors.h"
#include "lc_ref.h"
#include "test_util.h"

static const char *case_path;

static void print_list(const char *label, const uint32_t *v, size_t n)
{
    size_t i;
    printf("      %s:", label);
    for (i = 0; i < n; i++)
        printf(" %u", (unsigned)v[i]);
    printf("\n");
}

static int same_net(const struct lc_net *a, const struct lc_net *b)
{
    size_t n = a->n_neurons, m = a->n_inputs;
    return a->n_neurons == b->n_neurons && a->n_inputs == b->n_inputs &&
           memcmp(a->neuron, b->neuron, n * sizeof *a->neuron) == 0 &&
           memcmp(&a->core, &b->core, sizeof a->core) == 0 &&
           memcmp(a->w_in, b->w_in, m * n) == 0 && memcmp(a->w_rec, b->w_rec, n * n) == 0 &&
           memcmp(a->plastic_in, b->plastic_in, m * n) == 0 &&
           memcmp(a->plastic_rec, b->plastic_rec, n * n) == 0;
}

static int run_case(void)
{
    static const char *names[6] = {"u", "v", "r", "theta", "x", "y"};
    struct lc_vector *vec = NULL;
    struct lc_net *net = NULL;
    struct lc_ref *ref = NULL;
    char msg[256] = "";
    uint32_t *out = NULL;
    size_t n_out, i, n, m;
    uint32_t t;
    int rc = 1, err;

    err = lc_vector_load(case_path, &vec, msg, sizeof msg);
    if (err != LC_OK) {
        printf("    %s: cannot load: %s (%s)\n", case_path, msg, lc_strerror(err));
        return 1;
    }
    err = lc_net_load(case_path, &net, msg, sizeof msg);
    if (err != LC_OK || !same_net(net, vec->net)) {
        printf("    %s: lc_net_load differs from the vector loader (%s)\n", case_path, msg);
        goto done;
    }
    n = vec->net->n_neurons;
    m = vec->net->n_inputs;
    if (lc_ref_create(vec->net, &ref) != LC_OK || !(out = malloc(n * sizeof *out)))
        goto done;
    for (t = 0; t < vec->steps; t++) {
        if (lc_ref_step(ref, vec->input_spikes[t], vec->n_input_spikes[t], out, &n_out) != LC_OK) {
            printf("    %s step %u: lc_ref_step failed\n", case_path, (unsigned)t);
            goto done;
        }
        if (n_out != vec->n_output_spikes[t] ||
            memcmp(out, vec->output_spikes[t], n_out * sizeof *out) != 0) {
            printf("    %s: first diverging step %u: output spikes\n", case_path, (unsigned)t);
            print_list("ref     ", out, n_out);
            print_list("expected", vec->output_spikes[t], vec->n_output_spikes[t]);
            goto done;
        }
    }
    for (i = 0; i < m * n; i++)
        if (lc_ref_net(ref)->w_in[i] != vec->w_in[i]) {
            printf("    %s after step %u: w_in[%zu][%zu] ref %d expected %d\n", case_path,
                   (unsigned)vec->steps - 1, i / n, i % n, lc_ref_net(ref)->w_in[i], vec->w_in[i]);
            goto done;
        }
    for (i = 0; i < n * n; i++)
        if (lc_ref_net(ref)->w_rec[i] != vec->w_rec[i]) {
            printf("    %s after step %u: w_rec[%zu][%zu] ref %d expected %d\n", case_path,
                   (unsigned)vec->steps - 1, i / n, i % n, lc_ref_net(ref)->w_rec[i],
                   vec->w_rec[i]);
            goto done;
        }
    for (i = 0; i < n; i++) {
        const struct lc_neuron_state *a = &lc_ref_state(ref)[i], *b = &vec->state[i];
        const int32_t got[6] = {a->u, a->v, a->r, a->theta, a->x, a->y};
        const int32_t want[6] = {b->u, b->v, b->r, b->theta, b->x, b->y};
        int f;
        for (f = 0; f < 6; f++)
            if (got[f] != want[f]) {
                printf("    %s after the last step: %s[%zu] ref %d expected %d\n", case_path,
                       names[f], i, got[f], want[f]);
                goto done;
            }
    }
    for (i = 0; i < m; i++)
        if (lc_ref_x_in(ref)[i] != vec->x_in[i]) {
            printf("    %s after the last step: x_in[%zu] ref %d expected %d\n", case_path, i,
                   lc_ref_x_in(ref)[i], vec->x_in[i]);
            goto done;
        }
    rc = 0;
done:
    free(out);
    lc_ref_free(ref);
    lc_net_free(net);
    lc_vector_free(vec);
    return rc;
}

int main(int argc, char **argv)
{
    int k;
    if (argc < 2) {
        printf("usage: test_vectors case01.json ...\n");
        return 2;
    }
    for (k = 1; k < argc; k++) {
        case_path = argv[k];
        if (run_case() == 0) {
            tu_passed++;
        } else {
            tu_failed++;
            printf("FAIL %s\n", case_path);
        }
    }
    return tu_summary("conformance vectors (lc_ref)");
}
