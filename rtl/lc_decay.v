// lc_decay.v : the contract's decay, z * (4096 - d) / 4096 truncated toward zero
// Combinational. Signed or unsigned operand; d = 0 keeps z, d = 4096 gives 0.
// Magnitudes are at most 2^(W-1) for signed operands (state saturates below that).
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
    wire          neg  = (SIGNED != 0) && i_z[W-1];
    wire [W-1:0]  mag  = neg ? (~i_z + 1'b1) : i_z;
    wire [12:0]   keep = 13'd4096 - i_d;                 // 0..4096
    wire [W+12:0] prod = mag * keep;                     // |z| * (4096 - d)
    wire [W-1:0]  res  = prod[W+11:12];                  // floor(/4096), fits: keep <= 4096
    assign o_z = neg ? (~res + 1'b1) : res;

    wire unused = &{1'b0, prod[W+12], prod[11:0]};   // remainder and guard bit

endmodule

`default_nettype wire
