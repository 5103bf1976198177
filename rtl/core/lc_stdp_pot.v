// lc_stdp_pot.v : the potentiation term of an STDP row, (a_plus * x_pre) >> s_plus
// Combinational; the dual-port core computes it at the learning pipeline's stage w0
// (the compact core borrows the neuron update's multiplier instead).
// SPDX-License-Identifier: MIT
`default_nettype none

module lc_stdp_pot (
    input  wire [7:0]  i_a,     // a_plus of the row's STDP set
    input  wire [15:0] i_x,     // the row's pre trace
    input  wire [4:0]  i_s,     // s_plus
    output wire [23:0] o_pot
);
    wire [23:0] prod = {16'd0, i_a} * {8'd0, i_x};
    assign o_pot = prod >> i_s;
endmodule

`default_nettype wire
