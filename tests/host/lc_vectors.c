/* lc_vectors.c : the conformance-vector loader: the network part through
 * lc_net_from_json, then steps, input_spikes and expected (output_spikes per
 * step, the final w_in and w_rec, the final state with x_in); unknown keys
 * inside expected are errors, as everywhere in the schema
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lc_netfile.h"
#include "lc_vectors.h"

void lc_vector_free(struct lc_vector *vec)
{
    uint32_t t;
    if (!vec)
        return;
    lc_net_free(vec->net);
    if (vec->input_spikes)
        for (t = 0; t < vec->steps; t++)
            free(vec->input_spikes[t]);
    if (vec->output_spikes)
        for (t = 0; t < vec->steps; t++)
            free(vec->output_spikes[t]);
    free(vec->input_spikes);
    free(vec->n_input_spikes);
    free(vec->output_spikes);
    free(vec->n_output_spikes);
    free(vec->w_in);
    free(vec->w_rec);
    free(vec->state);
    free(vec->x_in);
    free(vec);
}

/* a list of @p steps lists of indices < @p limit */
static int spike_lists(const struct lc_json_doc *doc, const json_t *arr, const char *path,
                       uint32_t steps, uint32_t limit, uint32_t ***lists, size_t **counts)
{
    char tpath[64], epath[96];
    uint32_t t;
    size_t i;
    int rc;

    if (!json_is_array(arr) || json_array_size(arr) != steps)
        return lc_json_fail(doc, LC_ERR_FORMAT, path, 0, "%s: expected a list of %u lists",
                            path, (unsigned)steps);
    *lists = calloc(steps ? steps : 1, sizeof **lists);
    *counts = calloc(steps ? steps : 1, sizeof **counts);
    if (!*lists || !*counts)
        return lc_json_fail(doc, LC_ERR_MEM, NULL, 0, "out of memory");
    for (t = 0; t < steps; t++) {
        const json_t *row = json_array_get(arr, t);
        snprintf(tpath, sizeof tpath, "%s[%u]", path, (unsigned)t);
        if (!json_is_array(row))
            return lc_json_fail(doc, LC_ERR_FORMAT, tpath, 0, "%s: expected a list, got %s",
                                tpath, lc_json_kind(row));
        (*lists)[t] = malloc(sizeof(uint32_t) * (json_array_size(row) + 1));
        if (!(*lists)[t])
            return lc_json_fail(doc, LC_ERR_MEM, NULL, 0, "out of memory");
        for (i = 0; i < json_array_size(row); i++) {
            int64_t x;
            snprintf(epath, sizeof epath, "%s[%zu]", tpath, i);
            rc = lc_json_int(doc, json_array_get(row, i), epath, 0, (int64_t)limit - 1, &x);
            if (rc != LC_OK)
                return rc;
            (*lists)[t][i] = (uint32_t)x;
        }
        (*counts)[t] = json_array_size(row);
    }
    return LC_OK;
}

static int vector_body(const struct lc_json_doc *doc, struct lc_vector *vec)
{
    static const char *const expected_keys[] = {"output_spikes", "w_in", "w_rec", "state"};
    static const char *const state_keys[] = {"u", "v", "r", "theta", "x", "y", "x_in"};
    static const size_t state_offs[] = {
        offsetof(struct lc_neuron_state, u), offsetof(struct lc_neuron_state, v),
        offsetof(struct lc_neuron_state, r), offsetof(struct lc_neuron_state, theta),
        offsetof(struct lc_neuron_state, x), offsetof(struct lc_neuron_state, y)};
    const json_t *root = doc->root, *v, *exp, *st;
    const uint32_t n = vec->net->n_neurons, m = vec->net->n_inputs;
    int64_t s, *tmp;
    char path[64];
    size_t k, i;
    int rc;

    if (!(v = lc_json_need(doc, root, "", "steps")))
        return LC_ERR_FORMAT;
    rc = lc_json_int(doc, v, "steps", 0, 100000000, &s);
    if (rc != LC_OK)
        return rc;
    vec->steps = (uint32_t)s;
    if ((v = json_object_get(root, "note")) != NULL) {
        if (!json_is_string(v))
            return lc_json_fail(doc, LC_ERR_FORMAT, "note", 0, "note: expected a string, got %s",
                                lc_json_kind(v));
        snprintf(vec->note, sizeof vec->note, "%s", json_string_value(v));
    }
    if (!(v = lc_json_need(doc, root, "", "input_spikes")))
        return LC_ERR_FORMAT;
    rc = spike_lists(doc, v, "input_spikes", vec->steps, m, &vec->input_spikes,
                     &vec->n_input_spikes);
    if (rc != LC_OK)
        return rc;
    if (!(exp = lc_json_need(doc, root, "", "expected")))
        return LC_ERR_FORMAT;
    rc = lc_json_object(doc, exp, "expected", expected_keys, 4);
    if (rc != LC_OK)
        return rc;
    if (!(v = lc_json_need(doc, exp, "expected", "output_spikes")))
        return LC_ERR_FORMAT;
    rc = spike_lists(doc, v, "expected.output_spikes", vec->steps, n, &vec->output_spikes,
                     &vec->n_output_spikes);
    if (rc != LC_OK)
        return rc;
    vec->w_in = malloc((size_t)m * n + 1);
    vec->w_rec = malloc((size_t)n * n + 1);
    vec->state = calloc(n, sizeof *vec->state);
    vec->x_in = calloc((size_t)m + 1, sizeof *vec->x_in);
    tmp = malloc(sizeof *tmp * ((n > m ? n : m) + 1));
    if (!vec->w_in || !vec->w_rec || !vec->state || !vec->x_in || !tmp) {
        free(tmp);
        return lc_json_fail(doc, LC_ERR_MEM, NULL, 0, "out of memory");
    }
    rc = LC_ERR_FORMAT;
    if ((v = lc_json_need(doc, exp, "expected", "w_in")) != NULL)
        rc = lc_json_byte_matrix(doc, v, "expected.w_in", m, n, -128, 127, 1, vec->w_in, tmp);
    if (rc == LC_OK) {
        rc = LC_ERR_FORMAT;
        if ((v = lc_json_need(doc, exp, "expected", "w_rec")) != NULL)
            rc = lc_json_byte_matrix(doc, v, "expected.w_rec", n, n, -128, 127, 1, vec->w_rec,
                                     tmp);
    }
    if (rc == LC_OK) {
        rc = LC_ERR_FORMAT;
        if ((st = lc_json_need(doc, exp, "expected", "state")) != NULL)
            rc = lc_json_object(doc, st, "expected.state", state_keys, 7);
    }
    for (k = 0; rc == LC_OK && k < 7; k++) {
        rc = LC_ERR_FORMAT;
        lc_json_key_path(path, sizeof path, "expected.state", state_keys[k]);
        if (!(v = lc_json_need(doc, st, "expected.state", state_keys[k])))
            break;
        rc = lc_json_int_list(doc, v, path, k < 6 ? n : m, INT32_MIN, INT32_MAX, tmp);
        for (i = 0; rc == LC_OK && k < 6 && i < n; i++)
            *(int32_t *)((char *)&vec->state[i] + state_offs[k]) = (int32_t)tmp[i];
        for (i = 0; rc == LC_OK && k == 6 && i < m; i++)
            vec->x_in[i] = (int32_t)tmp[i];
    }
    free(tmp);
    return rc;
}

int lc_vector_load(const char *path, struct lc_vector **out, char *msg, size_t msg_len)
{
    struct lc_json_doc doc;
    struct lc_vector *vec;
    int rc;

    if (!out)
        return LC_ERR_ARG;
    *out = NULL;
    rc = lc_json_load(&doc, path, msg, msg_len);
    if (rc != LC_OK)
        return rc;
    vec = calloc(1, sizeof *vec);
    if (!vec) {
        lc_json_close(&doc);
        return LC_ERR_MEM;
    }
    rc = lc_net_from_json(&doc, &vec->net);
    if (rc == LC_OK)
        rc = vector_body(&doc, vec);
    lc_json_close(&doc);
    if (rc != LC_OK) {
        lc_vector_free(vec);
        return rc;
    }
    *out = vec;
    return LC_OK;
}
