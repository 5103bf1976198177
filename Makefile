# lifcore top-level Makefile: one target per concern.
#   make demo        the main job (learning network on the Verilator model)
#   make test        the whole test suite, ends with "N passed, N failed"
#   make lint | sim [TRACE=1] | bench | test-long | fuzz [FUZZ_SECONDS=60] | docs | install PREFIX=...
#   make bitstream|prog|report BOARD=icebreaker|ulx3s-85f|...
# SPDX-License-Identifier: MIT

BUILD     ?= build
VERILATOR ?= verilator
PYTHON    ?= python3
JOBS      ?= 2
TRACE     ?= 0
SEEDS     ?= 1:60
SETUP     ?= scripts/setup
PREFIX    ?= /usr/local

.DEFAULT_GOAL := help
SETUP_GROUPS ?= core python fpga fuzz formal
.PHONY: help setup setup-all setup-python host lint sim test test-long bench demo docs clean sim-sys \
        core-tests install sim-libs python-lib fuzz formal

help:
	@echo "lifcore: make demo | test | lint | sim [TRACE=1] | bench | test-long | fuzz | docs | install PREFIX=..."
	@echo "         make bitstream|prog|report BOARD=icebreaker|ulx3s-85f"

setup:
	@$(SETUP) core

setup-all:
	@$(SETUP) $(SETUP_GROUPS)

setup-python:
	@$(SETUP) core python

# ----------------------------------------------------------------------------
# RTL sources
# ----------------------------------------------------------------------------
# rtl/core: the core and its phases; rtl/mem: the memory wrappers (rtl/mem/<family>/x.v
# replaces rtl/mem/x.v on that family); rtl/link: the UART link; rtl/lc_board.v: link + core
RTL_CORE := $(sort $(wildcard rtl/core/*.v)) rtl/mem/lc_ram_sdp.v rtl/mem/lc_ram_mask.v rtl/mem/lc_wmem.v
RTL_ALL  := $(sort $(wildcard rtl/*.v rtl/core/*.v rtl/link/*.v rtl/mem/*.v rtl/system/*.v))
WAIVERS  := $(wildcard rtl/lint_waivers.vlt)
# Verilog includes (the generated address map, the core's derived sizes): one path
RTL_INC  := $(wildcard rtl/include/*.vh)
VINC     := -Irtl/include

# ----------------------------------------------------------------------------
# host library (C reference model, protocol, transports)
# ----------------------------------------------------------------------------
HOSTLIB := $(BUILD)/host/liblifcore.a
HOSTSO  := $(BUILD)/host/liblifcore.so

host: setup
	@$(MAKE) --no-print-directory -C host BUILD=$(CURDIR)/$(BUILD)

$(HOSTLIB) $(HOSTSO): $(wildcard host/src/*/*.c host/src/*/*.h host/include/*.h)
	@$(MAKE) --no-print-directory -C host BUILD=$(CURDIR)/$(BUILD) lib

# the conformance-vector loader of the host tests, also linked into the core test bench;
# the library reads JSON with jansson
HOSTVEC := $(BUILD)/host/tests/lc_vectors.o
JANSSON_LIBS := $(shell pkg-config --libs jansson 2>/dev/null || echo -ljansson)

$(HOSTVEC): tests/host/lc_vectors.c tests/host/lc_vectors.h $(HOSTLIB)
	@$(MAKE) --no-print-directory -C host BUILD=$(CURDIR)/$(BUILD) $(CURDIR)/$(HOSTVEC)

# ----------------------------------------------------------------------------
# lint: every module, and the core in several geometries; the host library's layers
# (scripts/check_layers.py: no cycle between host modules, no use of a layer above)
# ----------------------------------------------------------------------------
LINT_CORE_CFGS := "-GN=64 -GM=32 -GP=4" "-GN=256 -GM=128 -GP=7 -GCOMPACT=1" \
                  "-GN=256 -GM=120 -GP=3 -GCOMPACT=1" "-GN=7 -GM=3 -GP=1" "-GN=9 -GM=300 -GP=16"
# the board with a system of cores behind its link (lc_board CORES > 1)
LINT_BOARD_CFGS := "-GCORES=4" "-GCORES=3 -GN=12 -GM=10 -GP=3 -GCOMPACT=1 -GD=20" \
                   "-GCORES=2 -GN=256 -GM=128 -GP=7"
# the iCE40 weight memory (with the SPRAM model) in its shapes: one bank, two banks
LINT_WMEM_CFGS := "-GWIDTH=63 -GDEPTH=16384" "-GWIDTH=27 -GDEPTH=32336" "-GWIDTH=27 -GDEPTH=2112"

lint: setup
	@set -e; for m in $(basename $(notdir $(RTL_ALL))); do \
	    $(VERILATOR) --lint-only -Wall $(WAIVERS) $(VINC) --top-module $$m $(RTL_ALL) \
	        || { echo "lint: $$m failed"; exit 1; }; \
	done; \
	for g in $(LINT_CORE_CFGS); do \
	    $(VERILATOR) --lint-only -Wall $(WAIVERS) $(VINC) --top-module lc_core $$g $(RTL_CORE) \
	        || { echo "lint: lc_core $$g failed"; exit 1; }; \
	done; \
	for g in $(LINT_BOARD_CFGS); do \
	    $(VERILATOR) --lint-only -Wall $(WAIVERS) $(VINC) --top-module lc_board $$g $(RTL_ALL) \
	        || { echo "lint: lc_board $$g failed"; exit 1; }; \
	done; \
	for g in $(LINT_WMEM_CFGS); do \
	    $(VERILATOR) --lint-only -Wall $(WAIVERS) --top-module lc_wmem $$g rtl/mem/ice40/lc_wmem.v \
	        sim/models/SB_SPRAM256KA.v || { echo "lint: rtl/mem/ice40/lc_wmem.v $$g failed"; exit 1; }; \
	done; \
	echo "lint: $(words $(RTL_ALL)) modules and rtl/mem/ice40/lc_wmem.v clean (verilator -Wall)"
	@$(MAKE) --no-print-directory -C host BUILD=$(CURDIR)/$(BUILD) layers
	@$(PYTHON) scripts/gen_map.py --check

# ----------------------------------------------------------------------------
# Verilator model of the core with its test bench: build/sim/core_<cfg>/Vlc_core
# cfg = n<N>_m<M>_p<P>_s<single-port weight memory>[_trace]
# ----------------------------------------------------------------------------
cfg_word = $(patsubst $(2)%,%,$(word $(1),$(subst _, ,$(3))))
core_gparams = -GN=$(call cfg_word,1,n,$(1)) -GM=$(call cfg_word,2,m,$(1)) \
               -GP=$(call cfg_word,3,p,$(1)) -GCOMPACT=$(call cfg_word,4,s,$(1))
VFLAGS := -O3 --x-assign fast --x-initial fast -Wno-fatal --threads 1

# cfg suffix _ice40: the iCE40 weight memory (rtl/mem/ice40/lc_wmem.v, the SPRAMs through
# sim/models/SB_SPRAM256KA.v) instead of the generic one
RTL_WMEM_ICE40 := rtl/mem/ice40/lc_wmem.v sim/models/SB_SPRAM256KA.v
core_rtl = $(if $(findstring _ice40,$(1)),$(filter-out rtl/mem/lc_wmem.v,$(RTL_CORE)) $(RTL_WMEM_ICE40),$(RTL_CORE))

$(BUILD)/sim/core_%/Vlc_core: $(RTL_CORE) $(RTL_INC) $(RTL_WMEM_ICE40) tests/rtl/core_tb.cpp $(HOSTLIB) $(HOSTVEC)
	@mkdir -p $(@D)
	$(VERILATOR) --cc --exe --build -j $(JOBS) $(VFLAGS) \
	    $(if $(findstring _trace,$*),--trace-fst,) \
	    $(VINC) $(call core_gparams,$*) --top-module lc_core -Mdir $(@D) \
	    -CFLAGS "-O2 -I$(CURDIR)/host/include -I$(CURDIR)/host/src/model -I$(CURDIR)/host/src/format -I$(CURDIR)/tests/host" \
	    -LDFLAGS "$(CURDIR)/$(HOSTVEC) $(CURDIR)/$(HOSTLIB) $(JANSSON_LIBS) -lm" \
	    $(call core_rtl,$*) $(CURDIR)/tests/rtl/core_tb.cpp -o Vlc_core > $(@D)/build.log 2>&1 \
	    || { tail -n 40 $(@D)/build.log; exit 1; }

# Verilator model of a system (lc_system: C cores and the spike router) with its test bench
# against lc_sysref: build/sim/system_<cfg>/Vlc_system, cfg = c<C>_n<N>_m<M>_p<P>_s<COMPACT>_d<D>_r<ROUTES>
RTL_SYSTEM := $(RTL_CORE) $(sort $(wildcard rtl/system/*.v))
sys_gparams = -GC=$(call cfg_word,1,c,$(1)) -GN=$(call cfg_word,2,n,$(1)) -GM=$(call cfg_word,3,m,$(1)) \
              -GP=$(call cfg_word,4,p,$(1)) -GCOMPACT=$(call cfg_word,5,s,$(1)) \
              -GD=$(call cfg_word,6,d,$(1)) -GROUTES=$(call cfg_word,7,r,$(1))
sys_defs = -DSYS_C=$(call cfg_word,1,c,$(1)) -DSYS_D=$(call cfg_word,6,d,$(1)) -DSYS_ROUTES=$(call cfg_word,7,r,$(1))
$(BUILD)/sim/system_%/Vlc_system: $(RTL_SYSTEM) $(RTL_INC) tests/rtl/system/system_tb.cpp $(HOSTLIB)
	@mkdir -p $(@D)
	$(VERILATOR) --cc --exe --build -j $(JOBS) $(VFLAGS) \
	    $(VINC) $(call sys_gparams,$*) --top-module lc_system -Mdir $(@D) \
	    -CFLAGS "-O2 -I$(CURDIR)/host/include -I$(CURDIR)/host/src/model -I$(CURDIR)/host/src/format $(call sys_defs,$*)" \
	    -LDFLAGS "$(CURDIR)/$(HOSTLIB) $(JANSSON_LIBS) -lm" \
	    $(RTL_SYSTEM) $(CURDIR)/tests/rtl/system/system_tb.cpp -o Vlc_system > $(@D)/build.log 2>&1 \
	    || { tail -n 40 $(@D)/build.log; exit 1; }

# systems checked by make test: 4 dual-port cores (P=4), 3 compact cores (P=3), and 2 cores
# with a delay ring of D = 20 (not a power of two: the slot wraps by a compare)
SYS_TEST_CFGS := c4_n16_m12_p4_s0_d16_r128 c3_n12_m10_p3_s1_d16_r96 c2_n24_m20_p5_s0_d20_r200
SYS_TEST_BINS := $(foreach c,$(SYS_TEST_CFGS),$(BUILD)/sim/system_$(c)/Vlc_system)

SIM_CFG  := n64_m32_p4_s0$(if $(filter 1,$(TRACE)),_trace,)
sim: setup $(BUILD)/sim/core_$(SIM_CFG)/Vlc_core
	$(BUILD)/sim/core_$(SIM_CFG)/Vlc_core --seeds 1:5 --steps 100 --verbose \
	    $(if $(filter 1,$(TRACE)),--trace $(BUILD)/sim/core.fst,)
	@$(if $(filter 1,$(TRACE)),echo "waveform: $(BUILD)/sim/core.fst (gtkwave $(BUILD)/sim/core.fst)",true)

# geometries checked by make test: dual-port P=4, single-port (SPRAM-like) P=7 and P=3
# (the iCEBreaker's, odd: 2 lane units, 1 lane in the second half), and P=1; and the
# iCEBreaker's largest P=3 geometry on the iCE40 weight memory (two SPRAM banks); and a
# dual-port geometry with an odd row count and odd N (the learning phase's row pairs:
# the last row alone, a pair of a neuron row and an axon row)
CORE_TEST_CFGS := n64_m32_p4_s0 n40_m24_p7_s1 n40_m24_p3_s1 n13_m9_p1_s0 n200_m100_p7_s1 \
                  n256_m125_p3_s1_ice40 n21_m10_p3_s0
CORE_TEST_BINS := $(foreach c,$(CORE_TEST_CFGS),$(BUILD)/sim/core_$(c)/Vlc_core)
VECTORS        := $(sort $(wildcard tests/vectors/case*.json))

core-tests: $(CORE_TEST_BINS) $(SYS_TEST_BINS) $(BUILD)/tests/rtl_units/tb_units $(BUILD)/tests/rtl_wmem/tb_wmem

# the iCE40 weight memory in its shapes (one bank of 4 SPRAMs, two banks of 2) against an array
$(BUILD)/tests/rtl_wmem/tb_wmem: tests/rtl/wmem/tb_wmem.v tests/rtl/wmem/tb_wmem.cpp $(RTL_WMEM_ICE40)
	@mkdir -p $(@D)
	$(VERILATOR) --cc --exe --build -j $(JOBS) -O2 -Wall -Wno-fatal --top-module tb_wmem -Mdir $(@D) \
	    tests/rtl/wmem/tb_wmem.v $(RTL_WMEM_ICE40) $(CURDIR)/tests/rtl/wmem/tb_wmem.cpp \
	    -CFLAGS -std=c++17 -o tb_wmem > $(@D)/build.log 2>&1 || { tail -n 40 $(@D)/build.log; exit 1; }

# unit tests of the core's arithmetic modules
RTL_UNITS := rtl/core/lc_decay.v rtl/core/lc_stdp_lane.v rtl/core/lc_neuron_update.v rtl/core/lc_neuron_update2.v
$(BUILD)/tests/rtl_units/tb_units: tests/rtl/units/tb_units.v tests/rtl/units/tb_units.cpp $(RTL_UNITS)
	@mkdir -p $(@D)
	$(VERILATOR) --cc --exe --build -j $(JOBS) -O2 -Wno-fatal --top-module tb_units -Mdir $(@D) \
	    tests/rtl/units/tb_units.v $(RTL_UNITS) $(CURDIR)/tests/rtl/units/tb_units.cpp \
	    -CFLAGS -std=c++17 -o tb_units > $(@D)/build.log 2>&1 || { tail -n 40 $(@D)/build.log; exit 1; }

# the address map of rtl/include/lc_map.toml against the core (tests/rtl/map): every
# register, field and synapse address through the generated lifcore_map.h, in a
# dual-port, a single-port (compact) and a one-lane geometry; the RTL list is RTL_CORE
MAP_TEST_CFGS := n64_m32_p4_s0 n40_m24_p3_s1 n13_m9_p1_s0
MAP_TEST_BINS := $(foreach c,$(MAP_TEST_CFGS),$(BUILD)/tests/rtl_map/$(c)/Vtb_map)
$(BUILD)/tests/rtl_map/%/Vtb_map: tests/rtl/map/tb_map.v tests/rtl/map/test_map.cpp $(RTL_CORE) \
        $(RTL_INC) host/include/lifcore_map.h
	@mkdir -p $(@D)
	$(VERILATOR) --cc --exe --build -j $(JOBS) -O2 --x-assign fast --x-initial fast -Wall \
	    -Wno-fatal $(VINC) $(call core_gparams,$*) --top-module tb_map -Mdir $(@D) \
	    -CFLAGS "-std=c++17 -O2 -I$(CURDIR)/host/include $(subst -G,-DGEOM_,$(call core_gparams,$*))" \
	    tests/rtl/map/tb_map.v $(RTL_CORE) $(CURDIR)/tests/rtl/map/test_map.cpp -o Vtb_map \
	    > $(@D)/build.log 2>&1 || { tail -n 40 $(@D)/build.log; exit 1; }

.PHONY: rtl-map
rtl-map: $(MAP_TEST_BINS)
	@scripts/testrun $(foreach c,$(MAP_TEST_CFGS),"map-$(c)::$(BUILD)/tests/rtl_map/$(c)/Vtb_map")

# ----------------------------------------------------------------------------
# the simulated board (lc_board behind its UART pins) as a shared library:
# build/sim/liblcsim.so is N=256 M=128 P=7 with single-port weights (the compact core;
# the iCEBreaker's earlier geometry, kept because the digits demo needs 128 inputs);
# a small board (N=64 M=32 P=4) keeps the host's end-to-end tests quick
# ----------------------------------------------------------------------------
SIM_LIB       := $(BUILD)/sim/liblcsim.so
SIM_LIB_SMALL := $(BUILD)/sim/board_n64_m32_p4_s0_c12000000_b3000000/liblcsim.so
# the ULX3S top level itself (power-on reset, ECP5 memories; the PLL bypassed)
SIM_LIB_ULX3S := $(BUILD)/sim/board_n64_m32_p8_s0_c24000000_b3000000_ulx3s/liblcsim.so
# the iCEBreaker top level itself (power-on reset, SPRAM weights through the model in
# sim/models, the compact core at the board's P = 3; at 12 MHz there is no PLL). At this
# size the weights take one SPRAM bank; the two-bank shape of the N=256 board is checked
# by rtl-wmem-ice40 and by the core at N=256 M=125 with the iCE40 weight memory
SIM_LIB_ICE   := $(BUILD)/sim/board_n64_m32_p3_s1_c12000000_b3000000_icebreaker/liblcsim.so

# a board of a system of 4 cores (lc_board CORES=4: N=64 M=32 P=4 each, D=16, 256 routes),
# the model behind "sim?cores=4" (the library looks for build/sim/liblcsim_c4.so)
SIM_SYS_CFG   := N=64 M=32 P=4 S=0 D=16 ROUTES=256
SIM_LIB_SYS4  := $(BUILD)/sim/liblcsim_c4.so

# test-long also runs 3 cores of N=128 M=100 (two-byte spike indices, axons beyond M in
# each core's index range, a core count that is not a power of two), D=20, 300 routes
SIM_SYS3_CFG  := N=128 M=100 P=4 S=0 CORES=3 D=20 ROUTES=300
SIM_LIB_SYS3  := $(BUILD)/sim/board_n128_m100_p4_s0_c12000000_b3000000_k3_d20_r300/liblcsim.so

sim-sys: $(HOSTLIB)
	@$(MAKE) --no-print-directory -C sim BUILD=$(CURDIR)/$(BUILD) $(SIM_SYS_CFG) CORES=4 lib
	@cp -f $(BUILD)/sim/board_n64_m32_p4_s0_c12000000_b3000000_k4_d16_r256/liblcsim.so \
	    $(SIM_LIB_SYS4).tmp && mv -f $(SIM_LIB_SYS4).tmp $(SIM_LIB_SYS4)

sim-libs: $(HOSTLIB) sim-sys
	@$(MAKE) --no-print-directory -C sim BUILD=$(CURDIR)/$(BUILD)
	@$(MAKE) --no-print-directory -C sim BUILD=$(CURDIR)/$(BUILD) N=64 M=32 P=4 S=0 lib
	@$(MAKE) --no-print-directory -C sim BUILD=$(CURDIR)/$(BUILD) TOP=ulx3s N=64 M=32 P=8 S=0 \
	    CLK_HZ=24000000 lib
	@$(MAKE) --no-print-directory -C sim BUILD=$(CURDIR)/$(BUILD) TOP=icebreaker N=64 M=32 P=3 S=1 \
	    RXB=256 TXB=256 lib

# the Python package finds the C library in its folder once copied there
python-lib: $(HOSTSO)
	@cp $(BUILD)/host/liblifcore.so python/lifcore/.liblifcore.so.tmp \
	    && mv -f python/lifcore/.liblifcore.so.tmp python/lifcore/liblifcore.so

# make test places and routes both reference boards: the iCEBreaker (UP5K, N=256) and the
# ULX3S (ECP5-25F); each must fit and meet timing
FPGA_TEST_BOARDS ?= icebreaker ulx3s-25f
include firmware/boards.mk

# ----------------------------------------------------------------------------
# tests
# ----------------------------------------------------------------------------
TEST_GROUPS = \
    "lint::$(MAKE) --no-print-directory lint" \
    "host::LIFCORE_SIM_LIB=$(CURDIR)/$(SIM_LIB_SMALL) $(MAKE) --no-print-directory -C host BUILD=$(CURDIR)/$(BUILD) test SIM_OPTIONAL=0" \
    "board-top-ulx3s::LIFCORE_SIM_LIB=$(CURDIR)/$(SIM_LIB_ULX3S) LC_SIM_OPTIONAL=0 $(BUILD)/host/tests/test_sim 6" \
    "board-top-icebreaker::LIFCORE_SIM_LIB=$(CURDIR)/$(SIM_LIB_ICE) LC_SIM_OPTIONAL=0 $(BUILD)/host/tests/test_sim 6" \
    "sim-system-c4::LIFCORE_SIM_LIB_C4=$(CURDIR)/$(SIM_LIB_SYS4) LC_SIM_OPTIONAL=0 $(BUILD)/host/tests/test_simsys 6" \
    "rtl-units::$(BUILD)/tests/rtl_units/tb_units" \
    "rtl-wmem-ice40::$(BUILD)/tests/rtl_wmem/tb_wmem" \
    "rtl-link::$(MAKE) --no-print-directory -C tests/rtl BUILD=$(CURDIR)/$(BUILD) test" \
    "rtl-map::$(MAKE) --no-print-directory rtl-map" \
    "rtl-vectors::scripts/run_vectors $(BUILD)/sim/core_n64_m32_p4_s0/Vlc_core $(VECTORS)" \
    "rtl-vectors-p7::scripts/run_vectors $(BUILD)/sim/core_n40_m24_p7_s1/Vlc_core $(VECTORS)" \
    "rtl-directed-p4::$(BUILD)/sim/core_n64_m32_p4_s0/Vlc_core --directed" \
    "rtl-directed-p7-spram::$(BUILD)/sim/core_n40_m24_p7_s1/Vlc_core --directed" \
    "rtl-directed-p3-spram::$(BUILD)/sim/core_n40_m24_p3_s1/Vlc_core --directed" \
    "rtl-directed-p1::$(BUILD)/sim/core_n13_m9_p1_s0/Vlc_core --directed" \
    "rtl-random-p4::$(BUILD)/sim/core_n64_m32_p4_s0/Vlc_core --seeds 1000:300 --steps 150" \
    "rtl-random-p7-spram::$(BUILD)/sim/core_n40_m24_p7_s1/Vlc_core --seeds 2000:200 --steps 150" \
    "rtl-random-p3-spram::$(BUILD)/sim/core_n40_m24_p3_s1/Vlc_core --seeds 5000:200 --steps 150" \
    "rtl-random-p1::$(BUILD)/sim/core_n13_m9_p1_s0/Vlc_core --seeds 3000:100 --steps 100" \
    "rtl-random-n256-p3-ice40::$(BUILD)/sim/core_n256_m125_p3_s1_ice40/Vlc_core --seeds 6000:4 --steps 100" \
    "rtl-system-c4-p4::$(BUILD)/sim/system_c4_n16_m12_p4_s0_d16_r128/Vlc_system --seeds 1:200 --steps 120" \
    "rtl-system-c3-p3-compact::$(BUILD)/sim/system_c3_n12_m10_p3_s1_d16_r96/Vlc_system --seeds 1000:200 --steps 120" \
    "rtl-system-c2-d20::$(BUILD)/sim/system_c2_n24_m20_p5_s0_d20_r200/Vlc_system --seeds 5000:100 --steps 120" \
    "rtl-random-n200::$(BUILD)/sim/core_n200_m100_p7_s1/Vlc_core --seeds 4000:25 --steps 120" \
    "rtl-directed-odd-rows::$(BUILD)/sim/core_n21_m10_p3_s0/Vlc_core --directed" \
    "rtl-random-odd-rows::$(BUILD)/sim/core_n21_m10_p3_s0/Vlc_core --seeds 7000:200 --steps 150" \
    "python::PYTHONPATH=$(CURDIR)/python LIFCORE_LIB=$(CURDIR)/$(BUILD)/host/liblifcore.so LIFCORE_SIM_LIB=$(CURDIR)/$(SIM_LIB) LIFCORE_SIM_LIB_C4=$(CURDIR)/$(SIM_LIB_SYS4) MPLBACKEND=Agg $(PYTHON) -m pytest -q -p no:cacheprovider -m 'not long' tests/python" \
    "fuzz::$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=8" \
    "formal::$(MAKE) --no-print-directory formal" \
    "fpga::$(MAKE) --no-print-directory fpga-test FPGA_TEST_BOARDS='$(FPGA_TEST_BOARDS)'"

test: setup-all
	@$(MAKE) --no-print-directory $(HOSTLIB) $(HOSTSO) core-tests sim-libs
	@scripts/testrun $(TEST_GROUPS)

test-long: setup-all
	@$(MAKE) --no-print-directory $(HOSTLIB) $(HOSTSO) core-tests
	@$(MAKE) --no-print-directory sim-sys
	@$(MAKE) --no-print-directory -C sim BUILD=$(CURDIR)/$(BUILD) $(SIM_SYS3_CFG) lib
	@scripts/testrun \
	    "sim-system-c4-long::LIFCORE_SIM_LIB_C4=$(CURDIR)/$(SIM_LIB_SYS4) LC_SIM_OPTIONAL=0 $(BUILD)/host/tests/test_simsys 120" \
	    "sim-system-c3-n128-long::LC_SIM_OPTIONAL=0 $(BUILD)/host/tests/test_simsys 20 'sim?cores=3&lib=$(CURDIR)/$(SIM_LIB_SYS3)'" \
	    "rtl-system-c4-p4-long::$(BUILD)/sim/system_c4_n16_m12_p4_s0_d16_r128/Vlc_system --seeds 100000:2000 --steps 300" \
	    "rtl-system-c3-compact-long::$(BUILD)/sim/system_c3_n12_m10_p3_s1_d16_r96/Vlc_system --seeds 200000:1000 --steps 300" \
	    "fpga-long::$(MAKE) --no-print-directory fpga-test-long" \
	    "fuzz-long::$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=300" \
	    "rtl-frame-fuzz-long::$(MAKE) --no-print-directory -C tests/rtl BUILD=$(CURDIR)/$(BUILD) fuzz_board FUZZ_FRAMES=1000000 FUZZ_SEED=2" \
    "formal-long::$(MAKE) --no-print-directory formal FORMAL_LONG=1" \
	    "rtl-random-p4-long::$(BUILD)/sim/core_n64_m32_p4_s0/Vlc_core --seeds 10000:2000 --steps 400" \
	    "rtl-random-p7-long::$(BUILD)/sim/core_n40_m24_p7_s1/Vlc_core --seeds 20000:2000 --steps 400" \
	    "python-long::PYTHONPATH=$(CURDIR)/python LIFCORE_LIB=$(CURDIR)/$(BUILD)/host/liblifcore.so MPLBACKEND=Agg $(PYTHON) -m pytest -q -p no:cacheprovider -m long tests/python"

# the RTL's proofs (tests/formal/run.py, docs/testing.md): PDR (unbounded) and BMC with
# yosys-smtbmc and z3; FORMAL_LONG=1 adds the long checks (the link, deeper BMC)
formal:
	@$(SETUP) formal
	@$(PYTHON) tests/formal/run.py --build $(BUILD)/formal $(if $(filter 1,$(FORMAL_LONG)),--long,)

# the host's parsers under libFuzzer, ASan and UBSan (tests/fuzz/Makefile): FUZZ_SECONDS
# per target from the seed corpus; make test runs 8 s each, make test-long 300 s
FUZZ_SECONDS ?= 60
fuzz:
	@$(SETUP) core fuzz
	@$(MAKE) --no-print-directory -C tests/fuzz BUILD=$(CURDIR)/$(BUILD) run FUZZ_SECONDS=$(FUZZ_SECONDS)

# ----------------------------------------------------------------------------
# performance, demo, docs
# ----------------------------------------------------------------------------
BENCH_CFGS := n256_m120_p3_s1 n256_m128_p7_s1 n256_m128_p8_s0 n1024_m256_p8_s0

bench: setup $(HOSTLIB) $(foreach c,$(BENCH_CFGS),$(BUILD)/sim/core_$(c)/Vlc_core)
	@$(MAKE) --no-print-directory sim-libs
	@echo "## Core: cycles per timestep (Verilator model, cycle accurate)"
	@for c in $(BENCH_CFGS); do echo; $(BUILD)/sim/core_$$c/Vlc_core --bench || exit 1; done
	@echo
	@echo "## C reference model, and the link: load time, bytes per spike, CPU per step"
	@$(MAKE) --no-print-directory -C host BUILD=$(CURDIR)/$(BUILD) bench \
	    BENCH_LOAD_DEV='sim?lib=$(CURDIR)/$(SIM_LIB)'
	@echo
	@echo "## Link efficiency on a line-limited board (48 MHz, every input and neuron spiking)"
	@$(MAKE) --no-print-directory -C tests/rtl BUILD=$(CURDIR)/$(BUILD) efficiency

demo: setup setup-python $(HOSTSO)
	@$(MAKE) --no-print-directory -C sim BUILD=$(CURDIR)/$(BUILD)
	@BUILD=$(BUILD) PYTHON=$(PYTHON) LIFCORE_SIM_LIB=$(CURDIR)/$(SIM_LIB) scripts/demo

docs:
	@ls docs/*.md

install: host
	@$(MAKE) --no-print-directory -C host BUILD=$(CURDIR)/$(BUILD) PREFIX=$(PREFIX) install

clean:
	rm -rf $(BUILD)
