/* lc_geom.h : geometry of the core's synapse memory and its addresses (format layer)
 * The synapse address of row r (0..N-1 recurrent, N+j input axon j; N is the
 * device's), column c is LC_REG_SYN | (r << (RWW + LW)) | ((c / P) << LW) | (c % P)
 * with RWW = max(1, ceil(log2(ceil(N/P)))), LW = max(1, ceil(log2(P))). Written
 * once here for the host engine, the emulated device and the test benches (C++
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

/* ceil(log2(x)); 0 for x <= 1 */
static inline uint32_t lc_clog2(uint32_t x)
{
    uint32_t b = 0;
    while ((1u << b) < x)
        b++;
    return b;
}

static inline void lc_geom_init(struct lc_geom *g, uint32_t n, uint32_t m, uint32_t p)
{
    g->n = n;
    g->m = m;
    g->p = p;
    g->rww = lc_clog2((n + p - 1) / p);
    if (g->rww < 1)
        g->rww = 1;
    g->lw = lc_clog2(p);
    if (g->lw < 1)
        g->lw = 1;
}

/* offset of column c inside its row */
static inline uint32_t lc_syn_col(const struct lc_geom *g, uint32_t c)
{
    return (c / g->p) << g->lw | (c % g->p);
}

static inline uint32_t lc_syn_addr(const struct lc_geom *g, uint32_t row, uint32_t col)
{
    return LC_REG_SYN | row << (g->rww + g->lw) | lc_syn_col(g, col);
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
