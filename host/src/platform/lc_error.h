/* lc_error.h : the one "format a message, return a code" helper (platform layer, internal)
 * The codes themselves are the lc_error enum of lifcore_model.h; lc_strerror() names them.
 * SPDX-License-Identifier: MIT
 */
#ifndef LC_ERROR_H
#define LC_ERROR_H

#include <stdarg.h>
#include <stddef.h>

#include "lifcore_model.h"

/* Write the message into msg (when msg is not NULL and msg_len > 0, cut to fit)
 * and return code, so that a failure is one statement: return lc_errf(...). */
int lc_errf(char *msg, size_t msg_len, int code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
int lc_verrf(char *msg, size_t msg_len, int code, const char *fmt, va_list ap);

/* Copy the n bytes at s into buf (cap bytes, cap >= 8) for a message: printable ASCII
 * as is, a quote or backslash escaped, any other byte as \xNN; a text that does not fit
 * ends in "...". Returns buf. So that a message never carries raw bytes of bad input. */
const char *lc_quote(char *buf, size_t cap, const char *s, size_t n);

#endif /* LC_ERROR_H */
