/* lc_clock.h : monotonic wall-clock time (platform layer, internal)
 * SPDX-License-Identifier: MIT
 */
#ifndef LC_CLOCK_H
#define LC_CLOCK_H

#include <stdint.h>

/* Monotonic wall-clock time in nanoseconds. */
uint64_t lc_mono_ns(void);

#endif /* LC_CLOCK_H */
