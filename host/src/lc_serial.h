/* lc_serial.h : checks of the serial transport, exposed for its tests (internal)
 * SPDX-License-Identifier: MIT
 */
#ifndef LC_SERIAL_H
#define LC_SERIAL_H

#include <stddef.h>

#include "lifcore_model.h"

/* The lc_error for an errno of opening or locking a port: ENOENT/ENODEV/ENXIO
 * LC_ERR_NOTFOUND, EBUSY/EWOULDBLOCK LC_ERR_BUSY, EACCES/EPERM and the rest
 * LC_ERR_IO, ENOMEM LC_ERR_MEM. */
LC_API int lc_serial_errno_code(int err);

/* Check that @p port can be a serial port before libserialport sees it:
 * LC_ERR_NOTFOUND (missing), LC_ERR_ARG (not a character device, or a
 * pseudo-terminal), LC_ERR_IO (permission denied on the path); msg says which. */
LC_API int lc_serial_check_path(const char *port, char *msg, size_t msg_len);

#endif /* LC_SERIAL_H */
