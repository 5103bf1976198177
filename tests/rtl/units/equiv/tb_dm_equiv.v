// tb_dm_equiv.v : lc_neuron_update2's depression product and shift, the reference
// expression (lc_neuron_update2_ref) against the current one, copied verbatim;
// tb_dm_equiv.cpp drives all 2^29 inputs
// SPDX-License-Identifier: MIT
`default_nettype none
module tb_dm_equiv (
    input  wire [7:0]  dm_a,
    input  wire [15:0] dm_y,
    input  wire [4:0]  dm_s,
    output wire        o_diff
);
    // reference
    wire [23:0] r_prod  = {16'd0, dm_a} * {8'd0, dm_y};
    wire [23:0] r_shr   = r_prod >> dm_s;
    // rtl/core/lc_neuron_update2.v
    wire [14:0] dm_ap   = {7'd0, dm_a} << (3'd7 - dm_s[2:0]);
    wire [30:0] dm_prod = {16'd0, dm_ap} * {15'd0, dm_y};
    wire [23:0] dm_shr  = dm_prod[30:7] >> {dm_s[4:3], 3'b000};
    wire        unused_dm = &{1'b0, dm_prod[6:0]};
    assign o_diff = (r_shr != dm_shr);
endmodule
`default_nettype wire
