/* lc_sysfile.c : the system file (lc_system_load/lc_system_save, docs/formats.md)
 *   cores   required, a list of 1.. entries, each a network object (the
 *           schema of lc_netfile.c) or {"file": "PATH"} (a network file;
 *           a relative PATH is relative to the system file's folder)
 *   routes  optional, a list of [a, k, b, j, d] (five integers each)
 *   note    optional, any value, not read
 * A file without "cores" is read as a network file: a system of one core
 * without routes. Messages: "FILE: line L, column C: PATH: what".
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lc_netfile.h"
#include "lifcore.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const sys_keys[] = {"cores", "routes", "note"};
static const char *const file_keys[] = {"file"};

/* core @p i given as {"file": "PATH"}: PATH relative to the system file's folder */
static int core_from_file(const struct lc_json_doc *doc, const json_t *v, const char *at,
                          struct lc_net **out)
{
    char path[4096], inner[512], fpath[160];
    const char *name, *slash;
    const json_t *f;
    int rc;

    rc = lc_json_object(doc, v, at, file_keys, COUNT(file_keys));
    if (rc != LC_OK)
        return rc;
    f = json_object_get(v, "file");
    snprintf(fpath, sizeof fpath, "%s.file", at);
    if (!json_is_string(f))
        return lc_json_fail(doc, LC_ERR_FORMAT, fpath, 0, "%s: expected a file name, got %s",
                            fpath, lc_json_kind(f));
    name = json_string_value(f);
    slash = strrchr(doc->name, '/');
    if (name[0] == '/' || !slash)
        snprintf(path, sizeof path, "%s", name);
    else
        snprintf(path, sizeof path, "%.*s/%s", (int)(slash - doc->name), doc->name, name);
    rc = lc_net_load(path, out, inner, sizeof inner);
    if (rc != LC_OK)
        return lc_json_fail(doc, rc, fpath, 0, "%s: %s", fpath, inner);
    return LC_OK;
}

static int routes_from_json(const struct lc_json_doc *doc, const json_t *v, struct lc_system *sys)
{
    char at[64], why[256];
    int64_t x[5];
    size_t i;
    int rc;

    if (!json_is_array(v))
        return lc_json_fail(doc, LC_ERR_FORMAT, "routes", 0, "routes: expected a list, got %s",
                            lc_json_kind(v));
    for (i = 0; i < json_array_size(v); i++) {
        snprintf(at, sizeof at, "routes[%zu]", i);
        rc = lc_json_int_list(doc, json_array_get(v, i), at, 5, 0, UINT32_MAX, x);
        if (rc != LC_OK)
            return rc;
        rc = lc_system_add_route(sys, (uint32_t)x[0], (uint32_t)x[1], (uint32_t)x[2],
                                 (uint32_t)x[3], (uint32_t)x[4], why, sizeof why);
        if (rc != LC_OK)
            return lc_json_fail(doc, rc, at, 0, "%s: %s", at, why);
    }
    return LC_OK;
}

static int system_from_json(const struct lc_json_doc *doc, struct lc_system **out)
{
    const json_t *root = doc->root, *cores, *routes;
    struct lc_net **nets = NULL;
    struct lc_system *sys = NULL;
    size_t n = 0, i;
    char at[64];
    int rc;

    if (!json_is_object(root))
        return lc_json_fail(doc, LC_ERR_FORMAT, "", 0, "a system must be a JSON object");
    if (!json_object_get(root, "cores")) { /* a network file: one core, no routes */
        struct lc_net *net = NULL;
        rc = lc_net_from_json(doc, &net);
        if (rc != LC_OK)
            return rc;
        rc = lc_system_create((const struct lc_net *const *)&net, 1, out);
        lc_net_free(net);
        return rc == LC_OK ? LC_OK : lc_json_fail(doc, rc, NULL, 0, "%s", lc_strerror(rc));
    }
    rc = lc_json_object(doc, root, "", sys_keys, COUNT(sys_keys));
    if (rc != LC_OK)
        return rc;
    cores = json_object_get(root, "cores");
    if (!json_is_array(cores))
        return lc_json_fail(doc, LC_ERR_FORMAT, "cores", 0, "cores: expected a list, got %s",
                            lc_json_kind(cores));
    n = json_array_size(cores);
    if (n < 1 || n > LC_SYSTEM_MAX_CORES)
        return lc_json_fail(doc, LC_ERR_FORMAT, "cores", 0, "cores: expected 1..%d cores, got %zu",
                            LC_SYSTEM_MAX_CORES, n);
    nets = calloc(n, sizeof *nets);
    if (!nets)
        return lc_json_fail(doc, LC_ERR_MEM, NULL, 0, "out of memory");
    for (i = 0; i < n && rc == LC_OK; i++) {
        const json_t *c = json_array_get(cores, i);
        snprintf(at, sizeof at, "cores[%zu]", i);
        if (json_is_object(c) && json_object_get(c, "file"))
            rc = core_from_file(doc, c, at, &nets[i]);
        else
            rc = lc_net_from_json_at(doc, c, at, &nets[i]);
    }
    if (rc == LC_OK) {
        rc = lc_system_create((const struct lc_net *const *)nets, (uint32_t)n, &sys);
        if (rc != LC_OK)
            lc_json_fail(doc, rc, NULL, 0, "%s", lc_strerror(rc));
    }
    for (i = 0; i < n; i++)
        lc_net_free(nets[i]);
    free(nets);
    if (rc == LC_OK && (routes = json_object_get(root, "routes")) != NULL)
        rc = routes_from_json(doc, routes, sys);
    if (rc != LC_OK) {
        lc_system_free(sys);
        return rc;
    }
    *out = sys;
    return LC_OK;
}

LC_API int lc_system_load(const char *path, struct lc_system **out, char *msg, size_t msg_len)
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
    rc = system_from_json(&doc, out);
    lc_json_close(&doc);
    return rc;
}

LC_API int lc_system_save(const struct lc_system *sys, const char *path)
{
    const struct lc_route *r;
    size_t n_routes, i;
    uint32_t c, C;
    FILE *f;
    int rc;

    if (!sys || !path)
        return LC_ERR_ARG;
    C = lc_system_n_cores(sys);
    for (c = 0; c < C; c++) {
        rc = lc_net_validate(lc_system_core((struct lc_system *)sys, c), NULL, 0);
        if (rc != LC_OK)
            return rc;
    }
    r = lc_system_routes(sys, &n_routes);
    f = fopen(path, "wb");
    if (!f)
        return LC_ERR_IO;
    fputs("{\n\"cores\": [\n", f);
    rc = LC_OK;
    for (c = 0; c < C && rc == LC_OK; c++) {
        rc = lc_net_write(f, lc_system_core((struct lc_system *)sys, c));
        fputs(c + 1 < C ? ",\n" : "\n", f);
    }
    fputs("],\n\"routes\": [", f);
    for (i = 0; i < n_routes; i++)
        fprintf(f, "%s[%lu, %lu, %lu, %lu, %lu]", i ? ",\n  " : "\n  ", (unsigned long)r[i].a,
                (unsigned long)r[i].k, (unsigned long)r[i].b, (unsigned long)r[i].j,
                (unsigned long)r[i].d);
    fputs(n_routes ? "\n]\n}\n" : "]\n}\n", f);
    if (rc == LC_OK && ferror(f))
        rc = LC_ERR_IO;
    if (fclose(f) != 0)
        rc = LC_ERR_IO;
    return rc;
}
