/* lc_spikes.h : reader and writer of spike files (docs/formats.md, "Spike file")
 * One line per timestep listing the indices that spike; '#' lines are
 * comments; blank lines are silent steps. The reader streams a file a line at
 * a time, so that memory does not grow with the number of steps.
 *
 * Errors: LC_ERR_FORMAT with "FILE:LINE: ..." in msg for a bad line or an
 * index >= the limit; LC_ERR_NOTFOUND / LC_ERR_IO when the file cannot be read.
 * Ownership: lc_spike_open() returns a reader freed by lc_spike_close().
 * Thread safety: one reader per thread.
 * SPDX-License-Identifier: MIT
 */
#ifndef LC_SPIKES_H
#define LC_SPIKES_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "lifcore_model.h"

#ifdef __cplusplus
extern "C" {
#endif

struct lc_spike_reader; /* opaque */

/**
 * Open a spike file for reading ("-" is standard input). Indices must be
 * below @p limit (the network's n_inputs for an input file).
 * @return LC_OK, LC_ERR_ARG, LC_ERR_NOTFOUND, LC_ERR_IO or LC_ERR_MEM.
 */
LC_API int lc_spike_open(const char *path, uint32_t limit, struct lc_spike_reader **out,
                         char *msg, size_t msg_len);

/**
 * Read the next step: its distinct indices, in file order, into @p idx (room
 * for @p cap; cap >= limit always suffices since duplicates are removed).
 * @return 1 when a step was read, 0 at the end of the file, LC_ERR_FORMAT
 *         (msg names the file and line), LC_ERR_ARG (cap too small) or LC_ERR_IO.
 */
LC_API int lc_spike_next(struct lc_spike_reader *r, uint32_t *idx, size_t cap, size_t *count,
                         char *msg, size_t msg_len);

/** Steps read so far. */
LC_API uint64_t lc_spike_steps(const struct lc_spike_reader *r);

/** Close a reader (NULL is fine). */
LC_API void lc_spike_close(struct lc_spike_reader *r);

/**
 * Write one step: the indices separated by one space, then a newline (an
 * empty line for a silent step). Pass the indices in increasing order for an
 * output file. @return LC_OK or LC_ERR_IO.
 */
LC_API int lc_spike_write_step(FILE *f, const uint32_t *idx, size_t count);

#ifdef __cplusplus
}
#endif
#endif /* LC_SPIKES_H */
