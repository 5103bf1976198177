// lc_core_lanes_half.v : the learning engine's lanes, single-port weight memory (compact)
// Reads and writes alternate: a word is read in one cycle and written two later; its
// STDP lanes run in two halves of LH units, the first at w1, the second at w2.
// SPDX-License-Identifier: MIT
`default_nettype none

// the same ports as lc_core_lanes (dual-port), which lc_core picks instead. The
// second half is updated with the word's w1 values, which hold through its w2; the
// word is written at w3, in the write slot between two reads.
module lc_core_lanes_half #(
    parameter integer N       = 64,  // neurons
    parameter integer M       = 32,  // input axons
    parameter integer P       = 4,   // synapses per weight word, >= 2
    parameter integer COMPACT = 1    // must be 1
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
    // the word and its post-spike flags, read at w0; the depression terms of its
    // first half (read at w0) and of its second half (read at w1)
    input  wire [WWID-1:0]   i_wm_rdata;
    input  wire [P*LMW-1:0]  i_lm_rdata;    // dual-port only
    input  wire [LH*24-1:0]  i_lq_rdata;
    input  wire [P-1:0]      i_pf_rdata;
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
    output reg               o_slot;        // the read slot: a word may be issued
    output wire              o_busy;
    output wire              o_rd_hi;
    output wire              o_wm_we;
    output reg  [WAW-1:0]    o_wm_waddr;
    output wire [WWID-1:0]   o_wm_wdata;

    initial if (COMPACT == 0) $error("lc_core_lanes_half: for the compact core");

    reg                 w2_valid, w3_valid;
    wire [LH*9-1:0]     lane_out;
    reg  [LH*9-1:0]     h_lo;      // first half, updated
    reg  [HL*9-1:0]     h_syn;     // second half, as read
    reg  [HL-1:0]       h_post;    // its post-spike flags
    reg  [HL*9-1:0]     h_hi;      // second half, updated
    always @(posedge i_clk) begin
        if (i_w1_valid) begin
            h_lo   <= lane_out;
            h_syn  <= i_wm_rdata[WWID-1:LH*9];
            h_post <= i_pf_rdata[P-1:LH];
        end
        if (w2_valid)
            h_hi <= lane_out[HL*9-1:0];
        if (i_learn_start)
            o_slot <= 1'b1;
        else if (i_state == S_LEARN)
            o_slot <= ~o_slot;
        w2_valid   <= i_w1_valid;
        w3_valid   <= w2_valid;
        o_wm_waddr <= i_w1_addr;
        if (i_rst) begin
            w2_valid <= 1'b0;
            w3_valid <= 1'b0;
        end
    end
    // h_lo holds until the next word's w1 ends, which is this word's w3
    assign o_wm_we    = w3_valid;
    assign o_wm_wdata = {h_hi, h_lo};
    assign o_busy     = w2_valid || w3_valid;
    assign o_rd_hi    = i_w1_valid;

    wire                hi    = w2_valid;
    wire signed [7:0]   l_min = i_w1_in ? i_wmin_in : i_wmin_rec;
    wire signed [7:0]   l_max = i_w1_in ? i_wmax_in : i_wmax_rec;
    genvar gl;
    generate
        for (gl = 0; gl < LH; gl = gl + 1) begin : g_lane
            wire [8:0] syn_hi;
            wire       post_hi;
            if (gl < HL) begin : g_hi
                assign syn_hi  = h_syn[gl*9 +: 9];
                assign post_hi = h_post[gl];
            end else begin : g_nohi
                assign syn_hi  = 9'd0;
                assign post_hi = 1'b0;
            end
            wire lane_ok = (i_w1_w != RW_M1) || ((hi ? LH + gl : gl) < LAST_LANES);
            lc_stdp_lane u_lane (
                .i_syn(hi ? syn_hi : i_wm_rdata[gl*9 +: 9]),
                .i_lane_ok(lane_ok),
                .i_pre(i_w1_pre),
                .i_post(hi ? post_hi : i_pf_rdata[gl]),
                .i_pot(i_w1_pot),
                .i_dep(i_lq_rdata[gl*24 +: 24]),
                .i_w_min(l_min),
                .i_w_max(l_max),
                .o_syn(lane_out[gl*9 +: 9]));
        end
    endgenerate
    wire unused = &{1'b0, i_lm_rdata};
endmodule

`default_nettype wire
