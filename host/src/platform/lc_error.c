/* lc_error.c : messages for the lc_error codes of lifcore_model.h, and lc_errf
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

LC_API const char *lc_strerror(int code)
{
    switch (code) {
    case LC_OK:              return "success";
    case LC_ERR_ARG:         return "invalid argument";
    case LC_ERR_MEM:         return "out of memory";
    case LC_ERR_RANGE:       return "parameter or weight out of range";
    case LC_ERR_SIZE:        return "network larger than the device";
    case LC_ERR_FORMAT:      return "malformed file or string";
    case LC_ERR_IO:          return "I/O error";
    case LC_ERR_NOTFOUND:    return "port, file or library not found";
    case LC_ERR_BUSY:        return "port busy or in use";
    case LC_ERR_TIMEOUT:     return "the device stopped answering";
    case LC_ERR_PROTO:       return "protocol violation by the device";
    case LC_ERR_LINK:        return "unrecoverable link error";
    case LC_ERR_VERSION:     return "protocol or library version mismatch";
    case LC_ERR_UNSUPPORTED: return "operation not supported by this backend";
    default:                 return "unknown error code";
    }
}
