// lc_stdp_lane.v : contract step 7 for one synapse of a weight word
// Combinational. A plastic synapse whose pre or post side spiked becomes
// clamp(w + [post]*pot - [pre]*dep, w_min, w_max); every other synapse is kept.
// SPDX-License-Identifier: MIT
`default_nettype none

module lc_stdp_lane (
    // the synapse: {plastic, weight (two's complement)}
    input  wire [8:0]         i_syn,
    // which sides spiked; i_lane_ok is 0 for padding lanes beyond neuron N-1
    input  wire               i_lane_ok,
    input  wire               i_pre,
    input  wire               i_post,
    // (a_plus * x_pre) >> s_plus and (a_minus * y_post) >> s_minus, both < 2^24
    input  wire [23:0]        i_pot,
    input  wire [23:0]        i_dep,
    // clamp bounds of the synapse's STDP set
    input  wire signed [7:0]  i_w_min,
    input  wire signed [7:0]  i_w_max,
    // updated synapse
    output wire [8:0]         o_syn
);
    // The same function as clamp(w + sat9(delta), w_min, w_max) with delta in full
    // precision and sat9 to [-256, 255] (scripts/fpga/prove_stdp_lane.sh proves it
    // equal to that form), built so that no 24-bit operand is gated per lane:
    // - pot - dep is one ungated adder, ~pot + dep: ~pot depends only on pot, which
    //   every lane of the core shares, so the inverters are shared, and
    //   pot - dep = {co, ~e}. Only pre and post spiking uses it.
    // - post alone is pot (its range test depends on pot alone: shared); pre alone
    //   is ~dep + 1, the 1 a carry into the weight adder.
    // - a delta out of range gives w_min (negative) or w_max (positive) outright,
    //   as the wide clamp would: w + delta is then below -128 or above 126.
    // - an untouched synapse adds 0 and is not clamped, so the adder passes w
    //   through and there is no output multiplexer (o_syn[8] is always i_syn[8]).
    // - the clamp compares w itself with the bounds less the addend (w + y < lo is
    //   w < lo - y), so the weight, which arrives last from the weight memory, goes
    //   through one carry chain to the clamp select instead of the adder and then a
    //   comparator; the addend there omits the plastic bit (also from the memory),
    //   which gates the selects instead.
    wire               plastic  = i_syn[8];
    wire signed [7:0]  w        = i_syn[7:0];
    wire               touched  = plastic && i_lane_ok && (i_pre || i_post);
    wire               only_pre = !i_post;     // with touched: pre alone
    wire               only_post = !i_pre;     // with touched: post alone

    wire [24:0]        e        = {1'b0, ~i_pot} + {1'b0, i_dep};   // 2^24 + dep - pot - 1
    wire               neg      = e[24];                            // pot - dep < 0
    wire               e_fits   = (e[23:8] == {16{!neg}});          // pot - dep in [-256, 255]
    wire               pot_big  = |i_pot[23:8];                     // pot > 255
    wire               dep_big  = |i_dep[23:8];                     // -dep < -255

    wire [7:0]         y        = !touched  ? 8'd0                  // the addend's low bits
                                : only_pre  ? ~i_dep[7:0]
                                : only_post ? i_pot[7:0]
                                :             ~e[7:0];
    wire               sat_neg  = only_pre ? dep_big : (!only_post && !e_fits && neg);
    wire               sat_pos  = !only_pre && (only_post ? pot_big : (!e_fits && !neg));
    wire [7:0]         sum      = w + y + {7'd0, touched && only_pre};
    // the addend of a touched synapse for the clamp's bounds, which only a touched
    // synapse uses: without the touched gate, so without the plastic bit;
    // lo - (y_e + c) = lo + ~y_e + (1 - c): one adder per bound, with a carry in
    wire [8:0]         y_e      = only_pre  ? ~i_dep[8:0]
                                : only_post ? i_pot[8:0]
                                :             ~e[8:0];
    wire [9:0]         ny_e     = ~{y_e[8], y_e};
    wire [9:0]         c_in     = {9'd0, !only_pre};
    wire signed [9:0]  w10      = {{2{w[7]}}, w};
    wire signed [9:0]  lo_t     = {{2{i_w_min[7]}}, i_w_min} + ny_e + c_in;  // w < lo_t: sum < w_min
    wire signed [9:0]  hi_t     = {{2{i_w_max[7]}}, i_w_max} + ny_e + c_in;  // w > hi_t: sum > w_max
    wire               sel_lo   = touched && (sat_neg || (!sat_pos && (w10 < lo_t)));
    wire               sel_hi   = touched && (sat_pos || (w10 > hi_t));

    assign o_syn = {plastic, sel_lo ? i_w_min : sel_hi ? i_w_max : sum[7:0]};
endmodule

`default_nettype wire
