// lc_stdp_lane_ref.v : lc_stdp_lane as it was before the area work (the proofs' reference)
// Combinational. A plastic synapse whose pre or post side spiked becomes
// clamp(w + [post]*pot - [pre]*dep, w_min, w_max); every other synapse is kept.
// SPDX-License-Identifier: MIT
`default_nettype none

module lc_stdp_lane_ref (
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
    wire               plastic = i_syn[8];
    wire signed [7:0]  w       = i_syn[7:0];
    // delta in full precision, then saturated to [-256, 255]: beyond that range
    // w + delta lies outside [-128, 127] and the clamp gives w_min or w_max anyway
    wire signed [24:0] pot     = i_post ? {1'b0, i_pot} : 25'sd0;
    wire signed [24:0] dep     = i_pre  ? {1'b0, i_dep} : 25'sd0;
    wire signed [24:0] delta   = pot - dep;                          // |delta| < 2^24
    wire               fits    = (delta[24:8] == 17'h00000) || (delta[24:8] == 17'h1FFFF);
    wire signed [8:0]  dsat    = fits ? delta[8:0] : (delta[24] ? -9'sd256 : 9'sd255);
    wire signed [9:0]  sum     = {{2{w[7]}}, w} + {dsat[8], dsat};
    wire signed [9:0]  lo      = {{2{i_w_min[7]}}, i_w_min};
    wire signed [9:0]  hi      = {{2{i_w_max[7]}}, i_w_max};
    wire signed [7:0]  clamped = (sum < lo) ? i_w_min : (sum > hi) ? i_w_max : sum[7:0];
    wire               touched = plastic && i_lane_ok && (i_pre || i_post);

    assign o_syn = touched ? {1'b1, clamped} : i_syn;
endmodule

`default_nettype wire
