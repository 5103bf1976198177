/* lifcore_board.h : the Verilated lifcore board (rtl/lc_board.v) behind its UART pins, plain C ABI
 * The shared library build/sim/liblcsim*.so holds one board geometry (N, M, P, clock,
 * baud: see sim/Makefile; sim/simboard.cpp implements it). The host 'sim' transport loads it with dlopen() and talks the
 * link protocol of docs/protocol.md through lcsim_write() / lcsim_read().
 *
 * Time: the model's clock only advances inside lcsim_read() and lcsim_run(). Bytes
 * given to lcsim_write() are queued and shifted into the board's RX pin bit by bit at
 * the board's baud rate (8N1, back to back) while the clock runs. The TX pin is decoded
 * bit by bit (mid-bit sampling) into a queue that lcsim_read() returns.
 *
 * Fault injection (options of lcsim_open()): every UART bit on the wire, in both
 * directions, start and stop bits included, is inverted with probability `ber`; every
 * byte is lost with probability `drop` (host to board: never transmitted; board to
 * host: decoded, then discarded). A byte whose decoded stop bit is 0 is still delivered
 * to the host, like a serial port that ignores framing errors.
 *
 * Errors: functions returning int return 0 on success and -1 on failure; lcsim_error()
 * says why. Ownership: lcsim_open() allocates, lcsim_close() frees (NULL is fine).
 * Thread safety: one handle per thread; handles are independent (each holds its own
 * model), but a trace file name must not be shared.
 * SPDX-License-Identifier: MIT
 */
#ifndef LIFCORE_BOARD_H
#define LIFCORE_BOARD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define LCSIM_ABI_VERSION 1

#ifndef LCSIM_API
#define LCSIM_API __attribute__((visibility("default")))
#endif

/** An open board model (opaque). */
typedef struct lcsim lcsim;

/** What the library was built for (compile-time parameters of lc_board). */
struct lcsim_info {
    uint32_t abi_version;   /**< LCSIM_ABI_VERSION */
    uint32_t n, m, p;       /**< core geometry */
    uint32_t wmem_1port;    /**< 1: single-ported weight memory */
    uint32_t clk_hz;        /**< simulated clock, Hz */
    uint32_t baud;          /**< UART bit rate; clk_hz / baud clocks per bit */
    uint32_t rxb, txb;      /**< link buffers, bytes */
};

/**
 * Create a board model, hold it in reset for a few cycles and release it (the
 * board then clears its memories and sends a CONNECTED control frame).
 * @param opts  NULL or "" for defaults, else comma-, '&'- or ';'-separated key=value:
 *              ber=<0..1>    bit error rate on the wire, both directions (default 0)
 *              drop=<0..1>   byte loss rate, both directions (default 0)
 *              seed=<u64>    random seed of the fault injection (default 1)
 *              trace=<path>  write an FST waveform of the whole run to path
 * @return a handle, or NULL (bad option, trace file cannot be opened): see lcsim_error().
 */
LCSIM_API lcsim *lcsim_open(const char *opts);

/** Free the model and close its trace (NULL is fine). */
LCSIM_API void lcsim_close(lcsim *h);

/** Describe the built board. @return 0, or -1 when h or info is NULL. */
LCSIM_API int lcsim_info(const lcsim *h, struct lcsim_info *info);

/**
 * Queue @p len bytes for the board's RX pin (no clock advances).
 * @return 0, or -1 (NULL handle or data with len > 0).
 */
LCSIM_API int lcsim_write(lcsim *h, const uint8_t *data, size_t len);

/**
 * Return bytes the board has sent: run the clock until at least one decoded byte
 * is waiting or @p max_cycles cycles have passed, then hand over up to @p max
 * waiting bytes (those already decoded; the clock stops at the first byte).
 * With max = 0 it just runs max_cycles cycles (bytes decoded meanwhile stay queued).
 * @return number of bytes copied (0 when the budget ran out), -1 on a NULL argument.
 */
LCSIM_API long lcsim_read(lcsim *h, uint8_t *buf, size_t max, uint64_t max_cycles);

/** Run exactly @p cycles clock cycles. @return 0 or -1 (NULL handle). */
LCSIM_API int lcsim_run(lcsim *h, uint64_t cycles);

/** Clock cycles simulated since lcsim_open(). */
LCSIM_API uint64_t lcsim_cycles(const lcsim *h);

/** Bytes queued by lcsim_write() not yet fully shifted into the board. */
LCSIM_API size_t lcsim_tx_pending(const lcsim *h);

/**
 * A statistic by name, 0 for an unknown name:
 *   "bytes_to_board", "bytes_from_board"  bytes completed on the wire
 *   "bits_flipped_to_board", "bits_flipped_from_board"
 *   "bytes_dropped_to_board", "bytes_dropped_from_board"
 *   "framing_from_board"                  bytes the host side decoded with a 0 stop bit
 *   "led_error", "led_activity"           current LED outputs
 */
LCSIM_API uint64_t lcsim_stat(const lcsim *h, const char *name);

/** Reason of the last failure in this thread (never NULL; "" when none). */
LCSIM_API const char *lcsim_error(void);

#ifdef __cplusplus
}
#endif
#endif /* LIFCORE_BOARD_H */
