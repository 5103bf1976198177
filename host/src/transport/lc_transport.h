/* lc_transport.h : the byte pipe under the link protocol (internal)
 * A transport moves bytes to and from a device: a serial port (lc_serial.c),
 * the Verilator model's UART pins (lc_sim.c), the C emulation of the board
 * (lc_emu.c) or a fake device in the tests. A transport never opens a device:
 * the backend table's entry opens it and hands it to the wire backend.
 * The protocol engine (lc_link.c) only sees this table, so it can be tested
 * with a fake transport that corrupts, drops, repeats or withholds bytes.
 *
 * Time: every timeout is in the transport's own clock. For a serial port that
 * is wall-clock time; for the simulator it is simulated time (the simulated
 * board only advances while the host reads), so that a test never waits for
 * real seconds and the link's efficiency can be measured at the simulated baud.
 *
 * Errors: functions return LC_OK or a negative lc_error and write a detail
 * (which port, what failed) into err. Ownership: close() frees ctx.
 * Thread safety: one thread at a time.
 * SPDX-License-Identifier: MIT
 */
#ifndef LC_TRANSPORT_H
#define LC_TRANSPORT_H

#include <stddef.h>
#include <stdint.h>

struct lc_transport {
    void *ctx;
    const char *name; /* for messages: the port, "sim", "fake" */
    /* Send all @p len bytes. */
    int (*write)(void *ctx, const uint8_t *buf, size_t len, char *err, size_t err_len);
    /* Receive up to @p cap bytes, waiting at most @p timeout_us (transport
     * time) for the first one; *got is 0 when the wait expired (not an error).
     * A transport may return as soon as one byte is there. */
    int (*read)(void *ctx, uint8_t *buf, size_t cap, size_t *got, uint64_t timeout_us,
                char *err, size_t err_len);
    /* Transport time in nanoseconds (simulated time for the simulator); may be
     * NULL, then the link uses the monotonic clock (lc_clock.h). */
    uint64_t (*now_ns)(void *ctx);
    /* Optional: cycles the device's core clock has run (simulator only). */
    uint64_t (*cycles)(void *ctx);
    void (*close)(void *ctx);
    uint32_t baud;     /* bits per second on the wire (0: unknown) */
    uint32_t clock_hz; /* device clock, when the transport knows it (0: unknown) */
};

#endif /* LC_TRANSPORT_H */
