/* lc_serial.h : the serial transport (a real board), and its checks exposed for tests
 * SPDX-License-Identifier: MIT
 */
#ifndef LC_SERIAL_H
#define LC_SERIAL_H

#include <stddef.h>
#include <stdint.h>

#include "lc_transport.h"
#include "lifcore_model.h"

/* The lc_error for an errno of opening or locking a port: ENOENT/ENODEV/ENXIO
 * LC_ERR_NOTFOUND, EBUSY/EWOULDBLOCK LC_ERR_BUSY, EACCES/EPERM and the rest
 * LC_ERR_IO, ENOMEM LC_ERR_MEM. */
LC_API int lc_serial_errno_code(int err);

/* Check that @p port can be a serial port before libserialport sees it:
 * LC_ERR_NOTFOUND (missing), LC_ERR_ARG (not a character device, or a
 * pseudo-terminal), LC_ERR_IO (permission denied on the path); msg says which. */
LC_API int lc_serial_check_path(const char *port, char *msg, size_t msg_len);

/* 1 when built with libserialport, else lc_serial_transport() is LC_ERR_UNSUPPORTED. */
int lc_serial_supported(void);

/* Check, open, lock (flock) and configure @p port at @p baud 8N1 into @p t; a write
 * waits at most @p write_timeout_ms. LC_ERR_NOTFOUND, LC_ERR_BUSY, LC_ERR_ARG,
 * LC_ERR_IO with msg. */
int lc_serial_transport(const char *port, uint32_t baud, uint32_t write_timeout_ms,
                        struct lc_transport *t, char *msg, size_t msg_len);

/* A pseudo-terminal (lifcore serve --pty; "serial:/dev/pts/N?pty=1") as a serial port,
 * through termios (libserialport cannot open one: it needs a sysfs entry and modem
 * control ioctls): opened, locked (flock), raw at @p baud. LC_ERR_ARG (not a
 * pseudo-terminal, not a termios rate), LC_ERR_BUSY, LC_ERR_NOTFOUND, LC_ERR_IO. */
int lc_serial_pty_transport(const char *port, uint32_t baud, uint32_t write_timeout_ms,
                            struct lc_transport *t, char *msg, size_t msg_len);

#endif /* LC_SERIAL_H */
