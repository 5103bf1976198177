// lc_decay.v : the contract's decay, z * (4096 - d) / 4096 truncated toward zero
// Combinational. Signed or unsigned operand; d = 0 keeps z, d = 4096 gives 0.
// Magnitudes are at most 2^(W-1) - 1 for signed operands (state saturates below that).
// SPDX-License-Identifier: MIT
`default_nettype none

module lc_decay #(
    parameter integer W = 24,       // operand width in bits
    parameter integer SIGNED = 1    // 1: two's complement operand, 0: unsigned
) (
    input  wire [W-1:0]  i_z,       // value to decay
    input  wire [12:0]   i_d,       // decay constant, 0..4096
    output wire [W-1:0]  o_z        // decayed value, same format as i_z
);
    wire [12:0]   keep = 13'd4096 - i_d;                 // 0..4096

    generate
        if (SIGNED != 0) begin : g_signed
            // a signed product, floored by the shift; a negative one with a remainder
            // goes up by one, which rounds toward zero (one incrementer instead of the
            // two negations of a sign-magnitude product)
            wire signed [W+13:0] prod = $signed(i_z) * $signed({1'b0, keep});
            wire                 up   = prod[W+13] && (|prod[11:0]);
            assign o_z = prod[W+11:12] + {{(W-1){1'b0}}, up};
            wire unused = &{1'b0, prod[W+12]};       // fits: keep <= 4096
        end else begin : g_unsigned
            wire [W+12:0] prod = i_z * keep;                 // z * (4096 - d)
            assign o_z = prod[W+11:12];                      // floor(/4096)
            wire unused = &{1'b0, prod[W+12], prod[11:0]};   // remainder and guard bit
        end
    endgenerate
endmodule

`default_nettype wire
