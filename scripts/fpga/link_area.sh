#!/bin/sh
# scripts/fpga/link_area.sh : logic cells of the link alone on the iCE40UP5K
# (lc_uart_rx + lc_uart_tx + lc_link with lc_link_exec, the CRCs and the RAMs; lc_core's
# ports brought out), at the iCEBreaker's parameters: Yosys synth_ice40 -dsp -abc9, then
# nextpnr-ice40 --pack-only. Prints LUT4, flip-flops, EBR and ICESTORM_LC.
# Usage: scripts/fpga/link_area.sh [build dir]   (default build/link_area)
# SPDX-License-Identifier: MIT
set -e
B=${1:-build/link_area}
mkdir -p "$B"
cat > "$B/link_wrap.v" <<'V'
`default_nettype none
module link_wrap (
    input  wire i_clk, input wire i_rst, input wire i_uart_rx, output wire o_uart_tx,
    output wire o_cfg_valid, output wire o_cfg_write, output wire [27:0] o_cfg_addr,
    output wire [31:0] o_cfg_wdata, input wire i_cfg_ready, input wire i_cfg_rvalid,
    input wire [31:0] i_cfg_rdata, output wire o_in_valid, output wire [15:0] o_in_idx,
    input wire i_in_ready, output wire o_step, input wire i_step_done,
    input wire i_out_valid, input wire [15:0] i_out_idx, output wire o_error
);
    wire       rx_valid, rx_ferr, tx_valid, tx_ready;
    wire [7:0] rx_data, tx_data;
    lc_uart_rx #(.CLKS_PER_BIT(4)) u_rx (.i_clk(i_clk), .i_rst(i_rst), .i_rx(i_uart_rx),
        .o_valid(rx_valid), .o_data(rx_data), .o_frame_err(rx_ferr));
    lc_uart_tx #(.CLKS_PER_BIT(4)) u_tx (.i_clk(i_clk), .i_rst(i_rst), .i_valid(tx_valid),
        .i_data(tx_data), .o_ready(tx_ready), .o_tx(o_uart_tx));
    lc_link #(.N(256), .M(120), .P(3), .CLK_HZ(12000000), .BAUD(3000000), .RXB(256), .TXB(256))
    u_link (.i_clk(i_clk), .i_rst(i_rst),
        .i_rx_valid(rx_valid), .i_rx_data(rx_data), .i_rx_ferr(rx_ferr),
        .o_tx_valid(tx_valid), .o_tx_data(tx_data), .i_tx_ready(tx_ready),
        .o_cfg_valid(o_cfg_valid), .o_cfg_write(o_cfg_write), .o_cfg_addr(o_cfg_addr),
        .o_cfg_wdata(o_cfg_wdata), .i_cfg_ready(i_cfg_ready), .i_cfg_rvalid(i_cfg_rvalid),
        .i_cfg_rdata(i_cfg_rdata), .o_in_valid(o_in_valid), .o_in_idx(o_in_idx),
        .i_in_ready(i_in_ready), .o_step(o_step), .i_step_done(i_step_done),
        .i_out_valid(i_out_valid), .i_out_idx(i_out_idx), .o_error(o_error));
endmodule
`default_nettype wire
V
yosys -q -l "$B/yosys.log" -p "read_verilog -DSYNTHESIS -Irtl/include rtl/link/lc_uart_rx.v rtl/link/lc_uart_tx.v rtl/link/lc_link.v rtl/link/lc_link_exec.v rtl/link/lc_crc16.v rtl/mem/lc_ram_sdp.v $B/link_wrap.v; synth_ice40 ${LINK_SYNTH:--dsp -abc9} -top link_wrap; stat; write_json $B/link.json"
nextpnr-ice40 --up5k --package sg48 --pack-only --json "$B/link.json" -l "$B/pnr.log" -q >/dev/null 2>&1 || true
awk '/Number of cells/ {f=1} f && /SB_LUT4|SB_DFF|SB_RAM40|SB_CARRY/ {print "  " $1, $2}' "$B/yosys.log" | sort | uniq
grep -E "ICESTORM_LC|ICESTORM_RAM" "$B/pnr.log" | head -2
