# sim/core.mk : Verilator build of the lc_core test bench (included by the top Makefile)
# One build per core geometry: build/sim/core_N<n>_M<m>_P<p>_S<single-port>[_trace]/
# SPDX-License-Identifier: MIT
