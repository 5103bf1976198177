/* lc_opts.c : options of a device string (lc_opts.h)
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "lc_error.h"
#include "lc_opts.h"

int lc_opts_parse(const char *s, struct lc_opts *opts, char *msg, size_t msg_len)
{
    memset(opts, 0, sizeof *opts);
    while (s && *s) {
        const char *amp = strchr(s, '&'), *end = amp ? amp : s + strlen(s);
        const char *eq = memchr(s, '=', (size_t)(end - s));
        size_t klen, vlen;
        char q[96];
        if (end == s) { /* "a=1&&b=2": an empty pair */
            s++;
            continue;
        }
        if (!eq || eq == s)
            return lc_errf(msg, msg_len, LC_ERR_FORMAT, "option '%s' is not of the form key=value",
                           lc_quote(q, sizeof q, s, (size_t)(end - s)));
        klen = (size_t)(eq - s);
        vlen = (size_t)(end - eq - 1);
        if (opts->n == LC_OPT_MAX || klen >= sizeof opts->key[0] ||
            vlen >= sizeof opts->val[0])
            return lc_errf(msg, msg_len, LC_ERR_FORMAT, "option '%s' too long or too many options",
                           lc_quote(q, sizeof q, s, (size_t)(end - s)));
        memcpy(opts->key[opts->n], s, klen);
        opts->key[opts->n][klen] = '\0';
        memcpy(opts->val[opts->n], eq + 1, vlen);
        opts->val[opts->n][vlen] = '\0';
        opts->n++;
        s = amp ? amp + 1 : end;
    }
    return LC_OK;
}

const char *lc_opts_get(struct lc_opts *opts, const char *key)
{
    size_t i;
    const char *v = NULL;
    for (i = 0; i < opts->n; i++)
        if (strcmp(opts->key[i], key) == 0) {
            opts->used[i] = 1;
            v = opts->val[i]; /* the last one wins */
        }
    return v;
}

int lc_opts_u64(struct lc_opts *opts, const char *key, uint64_t lo, uint64_t hi, uint64_t *v,
                char *msg, size_t msg_len)
{
    const char *s = lc_opts_get(opts, key);
    char *end;
    unsigned long long x;
    char q[96];
    if (!s)
        return LC_OK;
    errno = 0;
    x = strtoull(s, &end, 0);
    if (!*s || *end || errno || s[0] == '-')
        return lc_errf(msg, msg_len, LC_ERR_ARG, "option %s='%s' is not an unsigned integer",
                       key, lc_quote(q, sizeof q, s, strlen(s)));
    if (x < lo || x > hi)
        return lc_errf(msg, msg_len, LC_ERR_ARG,
                       "option %s=%llu out of range %" PRIu64 "..%" PRIu64, key, x, lo, hi);
    *v = x;
    return LC_OK;
}

int lc_opts_double(struct lc_opts *opts, const char *key, double lo, double hi, double *v,
                   char *msg, size_t msg_len)
{
    const char *s = lc_opts_get(opts, key);
    char *end;
    double x;
    char q[96];
    if (!s)
        return LC_OK;
    errno = 0;
    x = strtod(s, &end);
    if (!*s || *end || errno)
        return lc_errf(msg, msg_len, LC_ERR_ARG, "option %s='%s' is not a number", key,
                       lc_quote(q, sizeof q, s, strlen(s)));
    if (!(x >= lo && x <= hi))
        return lc_errf(msg, msg_len, LC_ERR_ARG, "option %s=%s out of range %g..%g", key,
                       lc_quote(q, sizeof q, s, strlen(s)), lo, hi);
    *v = x;
    return LC_OK;
}

int lc_opts_check_unused(const struct lc_opts *opts, const char *backend, const char *known,
                         char *msg, size_t msg_len)
{
    size_t i;
    char q[96];
    for (i = 0; i < opts->n; i++)
        if (!opts->used[i])
            return lc_errf(msg, msg_len, LC_ERR_ARG,
                           "unknown option '%s' for device '%s' (known: %s)",
                           lc_quote(q, sizeof q, opts->key[i], strlen(opts->key[i])), backend,
                           known);
    return LC_OK;
}
