/* lc_map.h : protocol constants and the configuration address map (format layer)
 * The constants come from one table, rtl/include/lc_map.toml, through the generated
 * public header lifcore_map.h (scripts/gen_map.py; make lint checks it is current).
 * SPDX-License-Identifier: MIT
 */
#ifndef LC_MAP_H
#define LC_MAP_H

#include "lifcore_map.h"

/* the region base of a configuration address */
#define LC_REG_REGION(addr) ((addr) & ((uint32_t)0xF << LC_REGION_SHIFT))

#endif /* LC_MAP_H */
