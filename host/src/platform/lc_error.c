/* lc_error.c : names and messages of the lc_error codes of lifcore_model.h, and lc_errf
 * One table, indexed by -code, so that the Python binding can read the codes
 * from the library (lc_error_count, lc_error_name) instead of copying them.
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>

#include "lc_error.h"

int lc_verrf(char *msg, size_t msg_len, int code, const char *fmt, va_list ap)
{
    if (msg && msg_len)
        vsnprintf(msg, msg_len, fmt, ap);
    return code;
}

int lc_errf(char *msg, size_t msg_len, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    lc_verrf(msg, msg_len, code, fmt, ap);
    va_end(ap);
    return code;
}

/* the name is the enumerator itself (#code), so it cannot disagree with the enum */
#define LC_E(code, msg) [-(code)] = {#code, msg}

static const struct {
    const char *name, *msg;
} lc_errors[] = {
    LC_E(LC_OK, "success"),
    LC_E(LC_ERR_ARG, "invalid argument"),
    LC_E(LC_ERR_MEM, "out of memory"),
    LC_E(LC_ERR_RANGE, "parameter or weight out of range"),
    LC_E(LC_ERR_SIZE, "network larger than the device"),
    LC_E(LC_ERR_FORMAT, "malformed file or string"),
    LC_E(LC_ERR_IO, "I/O error"),
    LC_E(LC_ERR_NOTFOUND, "port, file or library not found"),
    LC_E(LC_ERR_BUSY, "port busy or in use"),
    LC_E(LC_ERR_TIMEOUT, "the device stopped answering"),
    LC_E(LC_ERR_PROTO, "protocol violation by the device"),
    LC_E(LC_ERR_LINK, "unrecoverable link error"),
    LC_E(LC_ERR_VERSION, "protocol or library version mismatch"),
    LC_E(LC_ERR_UNSUPPORTED, "operation not supported by this backend"),
};

#define LC_NERR ((int)(sizeof lc_errors / sizeof lc_errors[0]))

LC_API const char *lc_strerror(int code)
{
    if (code > 0 || code <= -LC_NERR || !lc_errors[-code].msg)
        return "unknown error code";
    return lc_errors[-code].msg;
}

LC_API const char *lc_error_name(int code)
{
    if (code > 0 || code <= -LC_NERR)
        return NULL;
    return lc_errors[-code].name;
}

LC_API int lc_error_count(void)
{
    return LC_NERR;
}
