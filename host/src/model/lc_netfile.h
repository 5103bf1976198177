/* lc_netfile.h : the network file schema (docs/formats.md), read through
 * lc_json and written as text (internal; lc_net_load/lc_net_save are public)
 * SPDX-License-Identifier: MIT
 */
#ifndef LC_NETFILE_H
#define LC_NETFILE_H

#include <stdio.h>

#include "lc_json.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Build a network from the document's root (the schema of lc_net_load());
 *  failures are reported through @p doc. */
int lc_net_from_json(const struct lc_json_doc *doc, struct lc_net **out);

/** The same for the network object @p v found at @p base in the document
 *  (e.g. "cores[2]": paths in messages are prefixed with it). */
int lc_net_from_json_at(const struct lc_json_doc *doc, const json_t *v, const char *base,
                        struct lc_net **out);

/** Write @p net (valid) as a network object (no newline after the closing
 *  brace). @return LC_OK or LC_ERR_IO. */
int lc_net_write(FILE *f, const struct lc_net *net);

#ifdef __cplusplus
}
#endif
#endif /* LC_NETFILE_H */
