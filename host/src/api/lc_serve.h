/* lc_serve.h : lifcore serve, a simulated board behind a pseudo-terminal (internal)
 * SPDX-License-Identifier: MIT
 */
#ifndef LC_SERVE_H
#define LC_SERVE_H

#include <signal.h>
#include <stddef.h>
#include <stdio.h>

/* Open the byte pipe of @p device ("sim?..." or "emu?...", no protocol on top),
 * create a pseudo-terminal in raw mode, write its path and a newline to @p out
 * (flushed) and copy bytes both ways until *@p stop is set (a signal handler), or
 * @p stop_fd (>= 0, e.g. standard input) reads end of file. The device is clocked
 * while bytes move (and for a while after), at most as fast as the wall clock, so
 * its simulated time never runs ahead of a client's timeouts; idle, it is not clocked.
 * LC_OK on a stop, else an lc_error with msg. */
int lc_serve_pty(const char *device, FILE *out, int stop_fd, volatile sig_atomic_t *stop,
                 char *msg, size_t msg_len);

#endif /* LC_SERVE_H */
