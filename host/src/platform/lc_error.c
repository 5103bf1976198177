/* lc_error.c : names and messages of the lc_error codes of lifcore_model.h, and lc_errf
 * One table, indexed by -code, so that the Python binding can read the codes
 * from the library (lc_error_count, lc_error_name) instead of copying them.
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>

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

const char *lc_quote(char *buf, size_t cap, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t i, o = 0;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char e[4];
        size_t k = 0;
        if (c == '\'' || c == '"' || c == '\\') {
            e[k++] = '\\';
            e[k++] = (char)c;
        } else if (c >= 0x20 && c < 0x7f) {
            e[k++] = (char)c;
        } else {
            e[k++] = '\\';
            e[k++] = 'x';
            e[k++] = hex[c >> 4];
            e[k++] = hex[c & 15];
        }
        if (o + k + 4 > cap) { /* room for "..." and the NUL */
            memcpy(buf + o, "...", 3);
            o += 3;
            break;
        }
        memcpy(buf + o, e, k);
        o += k;
    }
    buf[o] = '\0';
    return buf;
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
