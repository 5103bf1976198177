/* lc_netfile.c : the network file (lc_net_load/lc_net_save), the schema of
 * tests/vectors/caseNN.json and docs/formats.md:
 *   n_neurons, n_inputs                       required integers
 *   neuron {du, dv, vth, bias, tref}          required, lists of n_neurons integers
 *   core {w_shift, v_reset, theta_plus, d_theta, dx, dy, x_imp, y_imp}
 *   learning, stdp_in {a_plus, a_minus, s_plus, s_minus, w_min, w_max}, stdp_rec
 *                                             optional, contract defaults
 *   w_in [n_inputs][n_neurons], w_rec [n_neurons][n_neurons]   required
 *   plastic_in, plastic_rec (same shapes, 0/1 or true/false)     optional, 0
 * The vectors' own keys (steps, input_spikes, expected, note) are allowed at
 * the top level and not read here; any other unknown key is an error (typos).
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lc_netfile.h"

struct field {
    const char *key;
    size_t off;
};

static const char *const top_keys[] = {
    "n_neurons", "n_inputs", "neuron", "core", "learning", "stdp_in", "stdp_rec", "w_in",
    "w_rec", "plastic_in", "plastic_rec",
    /* a conformance vector is a network file too */
    "note", "steps", "input_spikes", "expected"};

static const char *const core_keys[] = {"w_shift", "v_reset", "theta_plus", "d_theta",
                                        "dx",      "dy",      "x_imp",      "y_imp"};
static const size_t core_offs[] = {
    offsetof(struct lc_core_params, w_shift),    offsetof(struct lc_core_params, v_reset),
    offsetof(struct lc_core_params, theta_plus), offsetof(struct lc_core_params, d_theta),
    offsetof(struct lc_core_params, dx),         offsetof(struct lc_core_params, dy),
    offsetof(struct lc_core_params, x_imp),      offsetof(struct lc_core_params, y_imp)};

static const char *const stdp_keys[] = {"a_plus", "a_minus", "s_plus", "s_minus", "w_min",
                                        "w_max"};
static const size_t stdp_offs[] = {
    offsetof(struct lc_stdp, a_plus), offsetof(struct lc_stdp, a_minus),
    offsetof(struct lc_stdp, s_plus), offsetof(struct lc_stdp, s_minus),
    offsetof(struct lc_stdp, w_min),  offsetof(struct lc_stdp, w_max)};

static const char *const neuron_keys[] = {"du", "dv", "vth", "bias", "tref"};
static const size_t neuron_offs[] = {
    offsetof(struct lc_neuron_params, du), offsetof(struct lc_neuron_params, dv),
    offsetof(struct lc_neuron_params, vth), offsetof(struct lc_neuron_params, bias),
    offsetof(struct lc_neuron_params, tref)};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define PATH_LEN 192

/* ---- reader ------------------------------------------------------------ */

/* an optional object of int32 fields; the contract's ranges are checked later */
static int fields(const struct lc_json_doc *doc, const json_t *root, const char *at,
                  const char *key, const char *const *keys, const size_t *offs, size_t n,
                  void *base)
{
    const json_t *obj = json_object_get(root, key);
    char path[PATH_LEN], opath[PATH_LEN];
    size_t k;
    int rc;

    if (!obj)
        return LC_OK;
    lc_json_key_path(opath, sizeof opath, at, key);
    rc = lc_json_object(doc, obj, opath, keys, n);
    for (k = 0; rc == LC_OK && k < n; k++) {
        const json_t *v = json_object_get(obj, keys[k]);
        int64_t x;
        if (!v)
            continue;
        rc = lc_json_int(doc, v, lc_json_key_path(path, sizeof path, opath, keys[k]), INT32_MIN,
                         INT32_MAX, &x);
        if (rc == LC_OK)
            *(int32_t *)((char *)base + offs[k]) = (int32_t)x;
    }
    return rc;
}

/* lc_net_validate names the field first ("neuron[3].vth = ..."): point at it
 * in the file, where it is written neuron.vth[3] */
static int validate(const struct lc_json_doc *doc, const char *base, const struct lc_net *net)
{
    char vmsg[256], rel[64], at[PATH_LEN], name[16];
    unsigned idx;
    int rc = lc_net_validate(net, vmsg, sizeof vmsg);

    if (rc == LC_OK)
        return LC_OK;
    if (sscanf(vmsg, "neuron[%u].%15[a-z_]", &idx, name) == 2)
        snprintf(rel, sizeof rel, "neuron.%s[%u]", name, idx);
    else
        snprintf(rel, sizeof rel, "%.*s", (int)strcspn(vmsg, " "), vmsg);
    lc_json_key_path(at, sizeof at, base, rel);
    return lc_json_fail(doc, rc, at, 0, "%s%s%s", base, *base ? ": " : "", vmsg);
}

static int net_body(const struct lc_json_doc *doc, const json_t *root, const char *base,
                    struct lc_net *net, int64_t *tmp)
{
    const size_t n = net->n_neurons, m = net->n_inputs;
    const json_t *neuron, *v;
    char path[PATH_LEN], npath[PATH_LEN];
    size_t k, i;
    int rc;

#define AT(key) lc_json_key_path(path, sizeof path, base, key)
    if (!(neuron = lc_json_need(doc, root, base, "neuron")))
        return LC_ERR_FORMAT;
    lc_json_key_path(npath, sizeof npath, base, "neuron");
    rc = lc_json_object(doc, neuron, npath, neuron_keys, COUNT(neuron_keys));
    for (k = 0; rc == LC_OK && k < COUNT(neuron_keys); k++) {
        if (!(v = lc_json_need(doc, neuron, npath, neuron_keys[k])))
            return LC_ERR_FORMAT;
        rc = lc_json_int_list(doc, v, lc_json_key_path(path, sizeof path, npath, neuron_keys[k]),
                              n, INT32_MIN, INT32_MAX, tmp);
        for (i = 0; rc == LC_OK && i < n; i++)
            *(int32_t *)((char *)&net->neuron[i] + neuron_offs[k]) = (int32_t)tmp[i];
    }
    if (rc == LC_OK)
        rc = fields(doc, root, base, "core", core_keys, core_offs, COUNT(core_keys),
                    &net->core);
    if (rc == LC_OK && (v = json_object_get(root, "learning")) != NULL) {
        int64_t x;
        rc = lc_json_int(doc, v, AT("learning"), INT32_MIN, INT32_MAX, &x);
        net->core.learning = (int32_t)x;
    }
    if (rc == LC_OK)
        rc = fields(doc, root, base, "stdp_in", stdp_keys, stdp_offs, COUNT(stdp_keys),
                    &net->core.stdp_in);
    if (rc == LC_OK)
        rc = fields(doc, root, base, "stdp_rec", stdp_keys, stdp_offs, COUNT(stdp_keys),
                    &net->core.stdp_rec);
    if (rc != LC_OK)
        return rc;
    if (!(v = lc_json_need(doc, root, base, "w_in")))
        return LC_ERR_FORMAT;
    rc = lc_json_byte_matrix(doc, v, AT("w_in"), m, n, -128, 127, 1, net->w_in, tmp);
    if (rc != LC_OK)
        return rc;
    if (!(v = lc_json_need(doc, root, base, "w_rec")))
        return LC_ERR_FORMAT;
    rc = lc_json_byte_matrix(doc, v, AT("w_rec"), n, n, -128, 127, 1, net->w_rec, tmp);
    if (rc == LC_OK && (v = json_object_get(root, "plastic_in")) != NULL)
        rc = lc_json_byte_matrix(doc, v, AT("plastic_in"), m, n, 0, 1, 0, net->plastic_in, tmp);
    if (rc == LC_OK && (v = json_object_get(root, "plastic_rec")) != NULL)
        rc = lc_json_byte_matrix(doc, v, AT("plastic_rec"), n, n, 0, 1, 0, net->plastic_rec,
                                 tmp);
#undef AT
    return rc != LC_OK ? rc : validate(doc, base, net);
}

int lc_net_from_json(const struct lc_json_doc *doc, struct lc_net **out)
{
    return lc_net_from_json_at(doc, doc ? doc->root : NULL, "", out);
}

int lc_net_from_json_at(const struct lc_json_doc *doc, const json_t *root, const char *base,
                        struct lc_net **out)
{
    struct lc_net *net = NULL;
    int64_t n, m, *tmp;
    const json_t *v;
    char path[PATH_LEN];
    int rc;

    if (!out)
        return LC_ERR_ARG;
    *out = NULL;
    if (!root || !doc || !base)
        return LC_ERR_ARG;
    if (!json_is_object(root))
        return *base ? lc_json_fail(doc, LC_ERR_FORMAT, base, 0,
                                    "%s: expected a network object, got %s", base,
                                    lc_json_kind(root))
                     : lc_json_fail(doc, LC_ERR_FORMAT, "", 0, "a network must be a JSON object");
    rc = lc_json_object(doc, root, base, top_keys, COUNT(top_keys));
    if (rc != LC_OK)
        return rc;
    if (!(v = lc_json_need(doc, root, base, "n_neurons")))
        return LC_ERR_FORMAT;
    rc = lc_json_int(doc, v, lc_json_key_path(path, sizeof path, base, "n_neurons"), 1,
                     LC_NET_MAX_NEURONS, &n);
    if (rc != LC_OK)
        return rc;
    if (!(v = lc_json_need(doc, root, base, "n_inputs")))
        return LC_ERR_FORMAT;
    rc = lc_json_int(doc, v, lc_json_key_path(path, sizeof path, base, "n_inputs"), 0,
                     LC_NET_MAX_INPUTS, &m);
    if (rc != LC_OK)
        return rc;
    rc = lc_net_create((uint32_t)n, (uint32_t)m, &net);
    if (rc != LC_OK)
        return lc_json_fail(doc, rc, NULL, 0, "%s", lc_strerror(rc));
    tmp = malloc(sizeof *tmp * (size_t)(n > m ? n : m));
    if (!tmp) {
        lc_net_free(net);
        return lc_json_fail(doc, LC_ERR_MEM, NULL, 0, "out of memory");
    }
    rc = net_body(doc, root, base, net, tmp);
    free(tmp);
    if (rc != LC_OK) {
        lc_net_free(net);
        return rc;
    }
    *out = net;
    return LC_OK;
}

LC_API int lc_net_load(const char *path, struct lc_net **out, char *msg, size_t msg_len)
{
    struct lc_json_doc doc;
    int rc;

    if (msg && msg_len)
        msg[0] = '\0';
    if (!out) {
        if (msg && msg_len)
            snprintf(msg, msg_len, "no output pointer");
        return LC_ERR_ARG;
    }
    *out = NULL;
    rc = lc_json_load(&doc, path, msg, msg_len);
    if (rc != LC_OK)
        return rc;
    rc = lc_net_from_json(&doc, out);
    lc_json_close(&doc);
    return rc;
}

/* ---- writer ------------------------------------------------------------ */

static void write_i32_list(FILE *f, const struct lc_neuron_params *p, size_t n, size_t off)
{
    size_t i;
    fputc('[', f);
    for (i = 0; i < n; i++)
        fprintf(f, i ? ",%ld" : "%ld", (long)*(const int32_t *)((const char *)&p[i] + off));
    fputc(']', f);
}

static void write_matrix(FILE *f, const char *key, const void *data, size_t rows, size_t cols,
                         int is_signed, int last)
{
    size_t r, c;
    fprintf(f, "  \"%s\": [", key);
    for (r = 0; r < rows; r++) {
        fputs(r ? ",\n    [" : "\n    [", f);
        for (c = 0; c < cols; c++) {
            int x = is_signed ? ((const int8_t *)data)[r * cols + c]
                              : ((const uint8_t *)data)[r * cols + c];
            fprintf(f, c ? ",%d" : "%d", x);
        }
        fputc(']', f);
    }
    fputs(rows ? "\n  ]" : "]", f);
    fputs(last ? "\n" : ",\n", f);
}

static void write_stdp(FILE *f, const char *key, const struct lc_stdp *s)
{
    fprintf(f,
            "  \"%s\": {\"a_plus\": %ld, \"a_minus\": %ld, \"s_plus\": %ld, \"s_minus\": %ld, "
            "\"w_min\": %ld, \"w_max\": %ld},\n",
            key, (long)s->a_plus, (long)s->a_minus, (long)s->s_plus, (long)s->s_minus,
            (long)s->w_min, (long)s->w_max);
}

int lc_net_write(FILE *f, const struct lc_net *net)
{
    const struct lc_core_params *c;
    size_t n, m, k;

    n = net->n_neurons;
    m = net->n_inputs;
    c = &net->core;
    fprintf(f, "{\n  \"n_neurons\": %zu,\n  \"n_inputs\": %zu,\n  \"neuron\": {\n", n, m);
    for (k = 0; k < 5; k++) {
        fprintf(f, "    \"%s\": ", neuron_keys[k]);
        write_i32_list(f, net->neuron, n, neuron_offs[k]);
        fputs(k < 4 ? ",\n" : "\n  },\n", f);
    }
    fprintf(f,
            "  \"core\": {\"w_shift\": %ld, \"v_reset\": %ld, \"theta_plus\": %ld, "
            "\"d_theta\": %ld, \"dx\": %ld, \"dy\": %ld, \"x_imp\": %ld, \"y_imp\": %ld},\n",
            (long)c->w_shift, (long)c->v_reset, (long)c->theta_plus, (long)c->d_theta,
            (long)c->dx, (long)c->dy, (long)c->x_imp, (long)c->y_imp);
    fprintf(f, "  \"learning\": %ld,\n", (long)c->learning);
    write_stdp(f, "stdp_in", &c->stdp_in);
    write_stdp(f, "stdp_rec", &c->stdp_rec);
    write_matrix(f, "w_in", net->w_in, m, n, 1, 0);
    write_matrix(f, "w_rec", net->w_rec, n, n, 1, 0);
    write_matrix(f, "plastic_in", net->plastic_in, m, n, 0, 0);
    write_matrix(f, "plastic_rec", net->plastic_rec, n, n, 0, 1);
    fputs("}", f);
    return ferror(f) ? LC_ERR_IO : LC_OK;
}

LC_API int lc_net_save(const struct lc_net *net, const char *path)
{
    FILE *f;
    int rc;

    if (!net || !path)
        return LC_ERR_ARG;
    rc = lc_net_validate(net, NULL, 0);
    if (rc != LC_OK)
        return rc;
    f = fopen(path, "wb");
    if (!f)
        return LC_ERR_IO;
    rc = lc_net_write(f, net);
    if (rc == LC_OK && (fputc('\n', f) == EOF || ferror(f)))
        rc = LC_ERR_IO;
    if (fclose(f) != 0)
        rc = LC_ERR_IO;
    return rc;
}
