/* lc_api.h : public-API entry points not in lifcore.h, exported for the tests (internal)
 * SPDX-License-Identifier: MIT
 */
#ifndef LC_API_H
#define LC_API_H

#include <stdint.h>

#include "lc_transport.h"
#include "lifcore.h"

/* Open a device on any transport (taken over: closed on failure too) as the wire
 * backend; lc_last_error(NULL) has the detail of a failure. */
LC_API int lc_open_transport(struct lc_transport *t, const char *backend, uint32_t timeout_ms,
                             struct lc_device **out);

#endif /* LC_API_H */
