// lc_core_lanes.v : the learning engine's lanes, dual-port weight memory: a word a cycle
// One lc_stdp_lane per synapse updates the word read at w1; it is written at w2 while
// the next word is read (the memory has a read and a write port).
// SPDX-License-Identifier: MIT
`default_nettype none

// the same ports as lc_core_lanes_half (the compact variant's), which lc_core picks
// instead; the ports only that one uses are tied off here
module lc_core_lanes #(
    parameter integer N       = 64,  // neurons
    parameter integer M       = 32,  // input axons
    parameter integer P       = 4,   // synapses per weight word
    parameter integer COMPACT = 0    // must be 0
) (
    i_clk, i_rst, i_state, i_learn_start, i_wm_rdata, i_lm_rdata, i_lq_rdata, i_pf_rdata,
    i_w1_valid, i_w1_addr, i_w1_w, i_w1_pre, i_w1_in, i_w1_pot,
    i_wmin_in, i_wmax_in, i_wmin_rec, i_wmax_rec,
    o_slot, o_busy, o_rd_hi, o_wm_we, o_wm_waddr, o_wm_wdata
);
`include "lc_core_geom.vh"
    input  wire              i_clk;
    input  wire              i_rst;
    input  wire [3:0]        i_state;
    input  wire              i_learn_start;
    // the word, its post-spike flags and depression terms, read at w0
    input  wire [WWID-1:0]   i_wm_rdata;
    input  wire [P*LMW-1:0]  i_lm_rdata;    // per lane {post spiked, dep_in, dep_rec}
    input  wire [LH*24-1:0]  i_lq_rdata;    // compact only
    input  wire [P-1:0]      i_pf_rdata;    // compact only
    // the word at w1 (lc_core_learn)
    input  wire              i_w1_valid;
    input  wire [WAW-1:0]    i_w1_addr;
    input  wire [RWW-1:0]    i_w1_w;
    input  wire              i_w1_pre;
    input  wire              i_w1_in;
    input  wire [23:0]       i_w1_pot;
    input  wire signed [7:0] i_wmin_in;
    input  wire signed [7:0] i_wmax_in;
    input  wire signed [7:0] i_wmin_rec;
    input  wire signed [7:0] i_wmax_rec;
    // the weight memory's schedule and the write
    output wire              o_slot;        // a word may be issued this cycle
    output wire              o_busy;        // a word is still to be written
    output wire              o_rd_hi;       // compact only: read the second half's terms
    output reg               o_wm_we;
    output reg  [WAW-1:0]    o_wm_waddr;
    output reg  [WWID-1:0]   o_wm_wdata;

    initial if (COMPACT != 0) $error("lc_core_lanes: the compact core uses lc_core_lanes_half");

    wire [WWID-1:0]     w_new;
    genvar gl;
    generate
        for (gl = 0; gl < P; gl = gl + 1) begin : g_lane
            wire [LMW-1:0] lm = i_lm_rdata[gl*LMW +: LMW];
            wire lane_ok = (i_w1_w != RW_M1) || (gl < LAST_LANES);
            lc_stdp_lane u_lane (
                .i_syn(i_wm_rdata[gl*9 +: 9]),
                .i_lane_ok(lane_ok),
                .i_pre(i_w1_pre),
                .i_post(lm[48]),
                .i_pot(i_w1_pot),
                .i_dep(i_w1_in ? lm[47:24] : lm[23:0]),
                .i_w_min(i_w1_in ? i_wmin_in : i_wmin_rec),
                .i_w_max(i_w1_in ? i_wmax_in : i_wmax_rec),
                .o_syn(w_new[gl*9 +: 9]));
        end
    endgenerate

    always @(posedge i_clk) begin
        o_wm_we    <= i_w1_valid;
        o_wm_waddr <= i_w1_addr;
        o_wm_wdata <= w_new;
        if (i_rst)
            o_wm_we <= 1'b0;
    end
    assign o_slot  = 1'b1;
    assign o_busy  = o_wm_we;
    assign o_rd_hi = 1'b0;
    wire unused = &{1'b0, i_state, i_learn_start, i_lq_rdata, i_pf_rdata};
endmodule

`default_nettype wire
