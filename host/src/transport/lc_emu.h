/* lc_emu.h : a C emulation of the board's link (docs/protocol.md) in front of the
 * C model, behind a fake wire with simulated time and fault injection (internal)
 * It lets the protocol engine be tested without the RTL, with scripted faults
 * (truncated, corrupted, lost, duplicated frames, garbage, a mute device) and
 * random ones (bit errors, dropped bytes). Device string "emu?n=&m=&p=&ber=&drop="
 * opens it as a device (the emu entry of the backend table, backend/lc_dev_links.c).
 *
 * The wire carries 10 bits per byte at @c baud, in both directions, in
 * simulated time that advances only while the host waits in read(); the device
 * executes commands instantly (a step costs no time) and emulates the core's
 * configuration address space on an lc_ref of N neurons and M inputs.
 * Differences from rtl/lc_link.v: the receiver rescans a rejected frame's bytes
 * for a start marker, and the device may send more control frames.
 * Ownership: the transport owns the emulator (freed by its close()).
 * SPDX-License-Identifier: MIT
 */
#ifndef LC_EMU_H
#define LC_EMU_H

#include <stddef.h>
#include <stdint.h>

#include "lc_transport.h"
#include "lifcore_model.h"

/* A fault hook sees every frame before it goes on the wire (@p to_device: a
 * host frame, else a device frame; @p index counts the frames of that
 * direction from 0). It may change buf and *len (room: 2 * LC_MAX_FRAME) and
 * returns how many copies to send: 0 drops the frame, 2 duplicates it. */
typedef int (*lc_emu_hook)(void *user, int to_device, uint64_t index, uint8_t *buf,
                           size_t *len);

struct lc_emu_opts {
    uint32_t n, m, p;        /* core geometry */
    uint32_t rxb, txb;       /* buffer sizes (credit, output) */
    uint32_t baud, clk_hz;
    uint32_t protocol;       /* IDENTIFY's protocol version (1) */
    uint32_t rx_timeout_us;  /* inter-byte timeout (2000) */
    double ber;              /* bit errors per bit, both directions */
    double drop;             /* lost bytes per byte, both directions */
    uint64_t seed;
    lc_emu_hook hook;
    void *hook_user;
};

/* Defaults: n 64, m 32, p 4, rxb 1024, txb 1024, 3 Mbaud, 12 MHz, version 1. */
void lc_emu_defaults(struct lc_emu_opts *o);

/* A transport with the emulated device behind it. */
LC_API int lc_emu_transport(const struct lc_emu_opts *o, struct lc_transport *t);

#endif /* LC_EMU_H */
