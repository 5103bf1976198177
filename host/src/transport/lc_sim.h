/* lc_sim.h : the 'sim' transport, the Verilator model of the board behind its UART pins
 * SPDX-License-Identifier: MIT
 */
#ifndef LC_SIM_H
#define LC_SIM_H

#include <stddef.h>

#include "lc_transport.h"

/* Load liblcsim.so (@p cores 1) or liblcsim_c<cores>.so (a board of a system of @p cores
 * cores) from @p lib, or when NULL the places listed in lc_sim.c, and open a board
 * with lcsim_open(@p simopts) ("ber=..&drop=..&seed=..&trace=.."), into @p t.
 * LC_ERR_NOTFOUND (no library), LC_ERR_VERSION (wrong ABI), LC_ERR_ARG, with msg. */
int lc_sim_transport(const char *lib, unsigned cores, const char *simopts,
                     struct lc_transport *t, char *msg, size_t msg_len);

#endif /* LC_SIM_H */
