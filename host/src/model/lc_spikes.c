/* lc_spikes.c : spike files (docs/formats.md), read a line at a time
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 200809L /* getline */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "lc_error.h"
#include "lc_spikes.h"

struct lc_spike_reader {
    FILE *f;
    int own; /* close f at the end (not stdin) */
    char *path;
    char *line;
    size_t line_cap;
    uint64_t lineno, steps;
    uint32_t limit;
    uint8_t *seen; /* limit flags, 0 between calls */
};

LC_API int lc_spike_open(const char *path, uint32_t limit, struct lc_spike_reader **out,
                         char *msg, size_t msg_len)
{
    struct lc_spike_reader *r;
    if (msg && msg_len)
        msg[0] = '\0';
    if (!out)
        return lc_errf(msg, msg_len, LC_ERR_ARG, "lc_spike_open: out is NULL");
    *out = NULL;
    if (!path)
        return lc_errf(msg, msg_len, LC_ERR_ARG, "lc_spike_open: path is NULL");
    r = calloc(1, sizeof *r);
    if (!r || !(r->path = strdup(path)) || !(r->seen = calloc(limit ? limit : 1, 1))) {
        lc_spike_close(r);
        return lc_errf(msg, msg_len, LC_ERR_MEM, "out of memory");
    }
    r->limit = limit;
    if (strcmp(path, "-") == 0) {
        r->f = stdin;
    } else {
        r->f = fopen(path, "r");
        r->own = 1;
        if (!r->f) {
            int e = errno;
            lc_spike_close(r);
            return lc_errf(msg, msg_len, e == ENOENT ? LC_ERR_NOTFOUND : LC_ERR_IO,
                        "cannot open spike file %s: %s", path, strerror(e));
        }
    }
    *out = r;
    return LC_OK;
}

LC_API int lc_spike_next(struct lc_spike_reader *r, uint32_t *idx, size_t cap, size_t *count,
                         char *msg, size_t msg_len)
{
    if (count)
        *count = 0;
    if (!r || !count || (!idx && cap))
        return lc_errf(msg, msg_len, LC_ERR_ARG, "lc_spike_next: NULL argument");
    for (;;) {
        ssize_t len;
        char *p, *end, q[96];
        size_t k = 0, i;
        errno = 0;
        len = getline(&r->line, &r->line_cap, r->f);
        if (len < 0) {
            if (ferror(r->f))
                return lc_errf(msg, msg_len, LC_ERR_IO, "%s: read error: %s", r->path,
                            strerror(errno));
            return 0;
        }
        r->lineno++;
        if (r->line[0] == '#')
            continue;
        p = r->line;
        for (;;) {
            unsigned long long v;
            while (*p == ' ' || *p == '\t')
                p++;
            if (*p == '\0' || *p == '\n' || (*p == '\r' && (p[1] == '\n' || p[1] == '\0')))
                break;
            if (*p < '0' || *p > '9') {
                int tl = 0;
                while (p[tl] && p[tl] != ' ' && p[tl] != '\t' && p[tl] != '\n' && tl < 20)
                    tl++;
                for (i = 0; i < k; i++)
                    r->seen[idx[i]] = 0;
                return lc_errf(msg, msg_len, LC_ERR_FORMAT,
                            "%s:%" PRIu64 ": '%s' is not a spike index", r->path, r->lineno,
                            lc_quote(q, sizeof q, p, (size_t)tl));
            }
            errno = 0;
            v = strtoull(p, &end, 10);
            if (errno || v >= r->limit || (*end && *end != ' ' && *end != '\t' &&
                                           *end != '\n' && *end != '\r')) {
                for (i = 0; i < k; i++)
                    r->seen[idx[i]] = 0;
                if (!errno && v >= r->limit && !(*end && *end != ' ' && *end != '\t' &&
                                                 *end != '\n' && *end != '\r'))
                    return lc_errf(msg, msg_len, LC_ERR_FORMAT,
                                "%s:%" PRIu64 ": index %llu out of range (limit %" PRIu32 ")",
                                r->path, r->lineno, v, r->limit);
                return lc_errf(msg, msg_len, LC_ERR_FORMAT,
                            "%s:%" PRIu64 ": '%s' is not a spike index", r->path, r->lineno,
                            lc_quote(q, sizeof q, p, (size_t)(end - p) + (*end != '\0')));
            }
            p = end;
            if (r->seen[v])
                continue;
            if (k == cap) {
                for (i = 0; i < k; i++)
                    r->seen[idx[i]] = 0;
                return lc_errf(msg, msg_len, LC_ERR_ARG,
                            "%s:%" PRIu64 ": more than %zu spikes (room too small)", r->path,
                            r->lineno, cap);
            }
            r->seen[v] = 1;
            idx[k++] = (uint32_t)v;
        }
        for (i = 0; i < k; i++)
            r->seen[idx[i]] = 0;
        *count = k;
        r->steps++;
        return 1;
    }
}

LC_API uint64_t lc_spike_steps(const struct lc_spike_reader *r)
{
    return r ? r->steps : 0;
}

LC_API void lc_spike_close(struct lc_spike_reader *r)
{
    if (!r)
        return;
    if (r->own && r->f)
        fclose(r->f);
    free(r->path);
    free(r->line);
    free(r->seen);
    free(r);
}

LC_API int lc_spike_write_step(FILE *f, const uint32_t *idx, size_t count)
{
    size_t i;
    if (!f || (!idx && count))
        return LC_ERR_ARG;
    for (i = 0; i < count; i++)
        if (fprintf(f, i ? " %" PRIu32 : "%" PRIu32, idx[i]) < 0)
            return LC_ERR_IO;
    return fputc('\n', f) == EOF ? LC_ERR_IO : LC_OK;
}
