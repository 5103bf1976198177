/* lc_netfile.h : the network file schema (docs/formats.md), read through
 * lc_json and written as text (internal; lc_net_load/lc_net_save are public)
 * SPDX-License-Identifier: MIT
 */
#ifndef LC_NETFILE_H
#define LC_NETFILE_H

#include "lc_json.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Build a network from the document's root (the schema of lc_net_load());
 *  failures are reported through @p doc. */
int lc_net_from_json(const struct lc_json_doc *doc, struct lc_net **out);

#ifdef __cplusplus
}
#endif
#endif /* LC_NETFILE_H */
