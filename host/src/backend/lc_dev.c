/* lc_dev.c : the error detail of a device, and of the thread's last lc_open failure
 * SPDX-License-Identifier: MIT
 */
#include "lc_dev.h"
#include "lc_error.h"

/* detail of the last lc_open failure, per thread */
static __thread char open_detail[LC_DETAIL_LEN];

char *lc_dev_open_detail(void)
{
    return open_detail;
}

int lc_dev_vfail(struct lc_device *dev, int code, const char *fmt, va_list ap)
{
    return lc_verrf(dev ? dev->detail : open_detail, LC_DETAIL_LEN, code, fmt, ap);
}

int lc_dev_fail(struct lc_device *dev, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    lc_dev_vfail(dev, code, fmt, ap);
    va_end(ap);
    return code;
}
