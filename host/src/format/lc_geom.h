/* lc_geom.h : geometry of the core's synapse memory and its addresses (format layer)
 * The synapse address formula is the generated lifcore_map.h's (lc_syn_offset,
 * from rtl/include/lc_map.toml); this header caches the field widths of one
 * geometry for the host engine, the emulated device and the test benches (C++
 * includes it too, hence static inline).
 * SPDX-License-Identifier: MIT
 */
#ifndef LC_GEOM_H
#define LC_GEOM_H

#include <stdint.h>

#include "lc_map.h"

struct lc_geom {
    uint32_t n, m, p; /* neurons, inputs, lanes */
    uint32_t rww, lw; /* widths of the word and lane fields of a synapse address */
};

static inline void lc_geom_init(struct lc_geom *g, uint32_t n, uint32_t m, uint32_t p)
{
    g->n = n;
    g->m = m;
    g->p = p;
    g->rww = lc_syn_rww(n, p);
    g->lw = lc_syn_lw(p);
}

/* offset of column c inside its row */
static inline uint32_t lc_syn_col(const struct lc_geom *g, uint32_t c)
{
    return lc_syn_offset(g->rww, g->lw, g->p, 0, c);
}

static inline uint32_t lc_syn_addr(const struct lc_geom *g, uint32_t row, uint32_t col)
{
    return LC_REG_SYN | lc_syn_offset(g->rww, g->lw, g->p, row, col);
}

/* addresses a row spans up to its last column cols-1 (missing lanes included) */
static inline uint32_t lc_row_span(const struct lc_geom *g, uint32_t cols)
{
    return cols ? lc_syn_col(g, cols - 1) + 1 : 0;
}

/* addresses of a full row: ceil(N/P) words of 2^LW lanes */
static inline uint32_t lc_row_words(const struct lc_geom *g)
{
    return ((g->n + g->p - 1) / g->p) << g->lw;
}

/* row and column of a synapse offset (the address less LC_REG_SYN); 0 when the
 * lane field is past P (an address of a missing lane); col may still be >= N */
static inline int lc_syn_decode(const struct lc_geom *g, uint32_t off, uint32_t *row,
                                uint32_t *col)
{
    uint32_t lane = off & ((1u << g->lw) - 1), word = off >> g->lw & ((1u << g->rww) - 1);
    *row = off >> (g->lw + g->rww);
    *col = word * g->p + lane;
    return lane < g->p;
}

#endif /* LC_GEOM_H */
