/* lc_opts.h : options of a device string, "kind?key=value&key=value" (platform layer)
 * A backend's open function looks its options up; a lookup marks an option used,
 * and lc_opts_check_unused() then refuses a misspelt key. Messages go into msg.
 * SPDX-License-Identifier: MIT
 */
#ifndef LC_OPTS_H
#define LC_OPTS_H

#include <stddef.h>
#include <stdint.h>

#define LC_OPT_MAX 16
struct lc_opts {
    size_t n;
    char key[LC_OPT_MAX][32];
    char val[LC_OPT_MAX][256];
    int used[LC_OPT_MAX]; /* set by the lookups: an unused option is an error */
};

/* Parse "k=v&k=v" (may be NULL or empty). LC_ERR_FORMAT with msg on a bad pair. */
int lc_opts_parse(const char *s, struct lc_opts *opts, char *msg, size_t msg_len);
/* Value of @p key or NULL; marks it used. */
const char *lc_opts_get(struct lc_opts *opts, const char *key);
/* Unsigned integer option in lo..hi (decimal, or 0x hex); absent: *v untouched.
 * LC_ERR_ARG with msg naming the option when malformed or out of range. */
int lc_opts_u64(struct lc_opts *opts, const char *key, uint64_t lo, uint64_t hi, uint64_t *v,
                char *msg, size_t msg_len);
/* Floating option in lo..hi; absent: *v untouched. */
int lc_opts_double(struct lc_opts *opts, const char *key, double lo, double hi, double *v,
                   char *msg, size_t msg_len);
/* LC_ERR_ARG naming the first option no lookup has used (a misspelt key). */
int lc_opts_check_unused(const struct lc_opts *opts, const char *backend, const char *known,
                         char *msg, size_t msg_len);

#endif /* LC_OPTS_H */
