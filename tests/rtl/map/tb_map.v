// tb_map.v : lc_core behind the generated address-map include, for test_map.cpp
// Passes the core's ports through and shows what rtl/include/lc_map.vh computes
// for this geometry, so the test can hold the Verilog include to the C header.
// SPDX-License-Identifier: MIT
`default_nettype none
`include "lc_map.vh"

module tb_map #(
    parameter integer N          = 64,  // neurons
    parameter integer M          = 32,  // input axons
    parameter integer P          = 4,   // lanes per weight word
    parameter integer COMPACT = 0    // 1: single-port (compact) core
) (
    input  wire         i_clk,
    input  wire         i_rst,
    input  wire         i_cfg_valid,
    input  wire         i_cfg_write,
    input  wire [27:0]  i_cfg_addr,
    input  wire [31:0]  i_cfg_wdata,
    output wire         o_cfg_ready,
    output wire         o_cfg_rvalid,
    output wire [31:0]  o_cfg_rdata,
    input  wire         i_in_valid,
    input  wire [15:0]  i_in_idx,
    output wire         o_in_ready,
    input  wire         i_step,
    output wire         o_busy,
    output wire         o_step_done,
    output wire         o_out_valid,
    output wire [15:0]  o_out_idx,
    // the include's view: synapse index widths, region bases, a synapse offset
    output wire [7:0]   o_vh_lw,
    output wire [7:0]   o_vh_rww,
    output wire [27:0]  o_vh_reg_syn,
    output wire [27:0]  o_vh_reg_link,
    output wire [23:0]  o_vh_syn_last       // offset of the last row's last lane
);
    localparam integer LW  = `LC_SYN_LW(P);
    localparam integer RWW = `LC_SYN_RWW(N, P);
    localparam integer LAST = `LC_SYN_OFFSET(N + M - 1, (N - 1) / P, (N - 1) % P, RWW, LW);
    assign o_vh_lw       = LW[7:0];
    assign o_vh_rww      = RWW[7:0];
    assign o_vh_reg_syn  = `LC_REG_SYN;
    assign o_vh_reg_link = `LC_REG_LINK;
    assign o_vh_syn_last = LAST[23:0];

    lc_core #(.N(N), .M(M), .P(P), .COMPACT(COMPACT)) u_core (
        .i_clk(i_clk), .i_rst(i_rst),
        .i_cfg_valid(i_cfg_valid), .i_cfg_write(i_cfg_write), .i_cfg_addr(i_cfg_addr),
        .i_cfg_wdata(i_cfg_wdata), .o_cfg_ready(o_cfg_ready), .o_cfg_rvalid(o_cfg_rvalid),
        .o_cfg_rdata(o_cfg_rdata),
        .i_in_valid(i_in_valid), .i_in_idx(i_in_idx), .o_in_ready(o_in_ready),
        .i_step(i_step), .o_busy(o_busy), .o_step_done(o_step_done),
        .o_out_valid(o_out_valid), .o_out_idx(o_out_idx));
endmodule
