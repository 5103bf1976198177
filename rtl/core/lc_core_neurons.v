// lc_core_neurons.v : the core's neuron pass: one neuron per cycle from a completed bank
// Issues the neurons of a completed word to the neuron update unit (lc_neuron_update*,
// chosen by lc_core) and routes its results: state word, spike lists, learning terms.
// SPDX-License-Identifier: MIT
`default_nettype none

// Results leave the update unit in the order they entered: they are counted here
// (neuron, lane, word) instead of carried along its pipeline. The compact core's unit
// takes a neuron every other cycle (ni_hold).
module lc_core_neurons #(
    parameter integer N       = 64,  // neurons
    parameter integer M       = 32,  // input axons
    parameter integer P       = 4,   // synapses per weight word
    parameter integer COMPACT = 0    // 1: compact variant (a neuron every other cycle)
) (
    i_clk, i_rst, i_state, i_step_start, i_full, i_sum,
    i_nu_valid, i_nu_tag, i_nu_spike,
    o_take, o_take_bank, o_take_lane, o_take_last, o_idx,
    o_n0_valid, o_n0_tag, o_n0_a,
    o_nu_idx, o_nu_lane, o_nu_word, o_nu_lastw, o_nu_half, o_nu_slot1h, o_pf_cur,
    o_kw_we, o_out_cnt, o_kw_cnt, o_done, o_out_valid, o_out_idx
);
`include "lc_core_geom.vh"
    input  wire              i_clk;
    input  wire              i_rst;
    input  wire [3:0]        i_state;
    input  wire              i_step_start;
    // the synaptic stage's banks
    input  wire [1:0]        i_full;
    input  wire signed [AW-1:0] i_sum;
    // results of the neuron update unit
    input  wire              i_nu_valid;
    input  wire [TAGW-1:0]   i_nu_tag;
    input  wire              i_nu_spike;
    // issue: take a sum, read the neuron's parameter and state words
    output wire              o_take;
    output reg               o_take_bank;
    output reg  [LW-1:0]     o_take_lane;
    output wire              o_take_last;   // the last neuron of its word
    output reg  [NW-1:0]     o_idx;
    // to the neuron update unit
    output reg               o_n0_valid;
    output reg  [TAGW-1:0]   o_n0_tag;
    output reg  signed [AW-1:0] o_n0_a;
    // the result's neuron, lane and word, and where its learning terms go
    output reg  [NW-1:0]     o_nu_idx;
    output reg  [LW-1:0]     o_nu_lane;
    output reg  [RWW-1:0]    o_nu_word;
    output wire              o_nu_lastw;
    output wire              o_nu_half;     // compact: the neuron's half word
    output wire [LH-1:0]     o_nu_slot1h;   // compact: and its slot there, one-hot
    output reg  [P-1:0]      o_pf_cur;      // post-spike flags of the word so far
    output wire              o_kw_we;       // the word holds a spike: list it
    // counts
    output reg  [NCW-1:0]    o_out_cnt;     // spikes of this step
    output reg  [RCW-1:0]    o_kw_cnt;      // words holding a spike this step
    output reg               o_done;        // every neuron's result is written
    // output spikes, ascending, at most one per cycle
    output reg               o_out_valid;
    output reg  [15:0]       o_out_idx;

    localparam integer  P_M1_I = P - 1;
    localparam [LW-1:0] P_M1   = P_M1_I[LW-1:0];
    localparam [LW-1:0] HL_LW  = LH[LW-1:0];

    reg                 ni_active;
    reg                 ni_hold;      // compact: the neuron issued last cycle is still read
    reg  [P-1:0]        pf_bits;
    reg                 word_spiked;
    assign o_take_last = (o_take_lane == P_M1) || ({1'b0, o_idx} == N_M1);
    assign o_take      = (i_state == S_SYN) && ni_active && i_full[o_take_bank] && !ni_hold;
    assign o_nu_lastw  = i_nu_tag[0];
    wire [LW-1:0]       nu_slot = o_nu_half ? o_nu_lane - HL_LW : o_nu_lane;
    assign o_nu_half   = ({{(32-LW){1'b0}}, o_nu_lane} >= LH);
    assign o_nu_slot1h = {{(LH-1){1'b0}}, 1'b1} << nu_slot;
    assign o_kw_we     = i_nu_valid && o_nu_lastw && (word_spiked || i_nu_spike);

    integer pk;
    always @* begin
        for (pk = 0; pk < P; pk = pk + 1)
            o_pf_cur[pk] = (o_nu_lane == pk[LW-1:0]) ? i_nu_spike
                         : ({{(32-LW){1'b0}}, o_nu_lane} > pk) ? pf_bits[pk] : 1'b0;
    end

    always @(posedge i_clk) begin
        o_out_valid <= 1'b0;
        if (i_step_start) begin
            ni_active   <= 1'b1; o_idx <= {NW{1'b0}}; o_take_lane <= {LW{1'b0}};
            o_take_bank <= 1'b0;
            o_done      <= 1'b0; word_spiked <= 1'b0;
            o_out_cnt   <= {NCW{1'b0}}; o_kw_cnt <= {RCW{1'b0}};
        end
        // issue
        o_n0_valid <= 1'b0;
        ni_hold    <= o_take && (COMPACT != 0);
        if (o_take) begin
            o_n0_valid <= 1'b1;
            o_n0_tag   <= o_take_last;
            o_n0_a     <= i_sum;
            o_idx      <= o_idx + 1'b1;
            if (o_take_last) begin
                o_take_lane <= {LW{1'b0}};
                o_take_bank <= ~o_take_bank;
            end else begin
                o_take_lane <= o_take_lane + 1'b1;
            end
            if ({1'b0, o_idx} == N_M1)
                ni_active <= 1'b0;
        end
        // results
        if (i_nu_valid)
            pf_bits <= o_pf_cur;
        if (i_step_start) begin
            o_nu_idx  <= {NW{1'b0}};
            o_nu_lane <= {LW{1'b0}};
            o_nu_word <= {RWW{1'b0}};
        end else if (i_nu_valid) begin
            o_nu_idx  <= o_nu_idx + 1'b1;
            o_nu_lane <= o_nu_lastw ? {LW{1'b0}} : o_nu_lane + 1'b1;
            if (o_nu_lastw)
                o_nu_word <= o_nu_word + 1'b1;
        end
        if (i_nu_valid) begin
            if (i_nu_spike) begin
                o_out_cnt   <= o_out_cnt + 1'b1;
                o_out_valid <= 1'b1;
                o_out_idx   <= {{(16-NW){1'b0}}, o_nu_idx};
            end
            if (o_nu_lastw) begin
                word_spiked <= 1'b0;
                if (word_spiked || i_nu_spike)
                    o_kw_cnt <= o_kw_cnt + 1'b1;
            end else if (i_nu_spike) begin
                word_spiked <= 1'b1;
            end
            if ({1'b0, o_nu_idx} == N_M1)
                o_done <= 1'b1;
        end
        if (i_rst) begin
            o_out_cnt   <= {NCW{1'b0}};
            ni_active   <= 1'b0;
            o_n0_valid  <= 1'b0;
            ni_hold     <= 1'b0;
            o_out_valid <= 1'b0;
        end
    end
endmodule

`default_nettype wire
