// tb_nu2_equiv.v : lc_neuron_update2 against its reference form (ref/), same inputs,
// o_diff is 1 in a cycle where any output differs. Driven by tb_nu2_equiv.cpp.
// SPDX-License-Identifier: MIT
`default_nettype none
module tb_nu2_equiv (
    input  wire         i_clk, i_rst, i_valid, i_tag,
    input  wire [16:0]  i_a,
    input  wire [12:0]  i_du, i_dv, i_d_theta, i_dx, i_dy,
    input  wire [22:0]  i_vth, i_theta, i_theta_plus,
    input  wire [23:0]  i_bias, i_u, i_v, i_v_reset,
    input  wire [5:0]   i_tref, i_r,
    input  wire [15:0]  i_x, i_y, i_x_imp, i_y_imp, i_aux_x,
    input  wire [3:0]   i_w_shift,
    input  wire [7:0]   i_am_in, i_am_rec, i_aux_a,
    input  wire [4:0]   i_sm_in, i_sm_rec, i_aux_s,
    input  wire         i_aux,
    output wire         o_diff
);
    localparam integer OW = 24 + 1 + 1 + 1 + 24 + 24 + 1 + 6 + 23 + 16 + 16 + 16 + 1 + 24 + 24;
    wire [OW-1:0] o_ref, o_new;
`define NU_PORTS(o) \
        .i_clk(i_clk), .i_rst(i_rst), .i_valid(i_valid), .i_tag(i_tag), .i_a(i_a), \
        .i_du(i_du), .i_dv(i_dv), .i_vth(i_vth), .i_bias(i_bias), .i_tref(i_tref), \
        .i_u(i_u), .i_v(i_v), .i_r(i_r), .i_theta(i_theta), .i_x(i_x), .i_y(i_y), \
        .i_w_shift(i_w_shift), .i_v_reset(i_v_reset), .i_theta_plus(i_theta_plus), \
        .i_d_theta(i_d_theta), .i_dx(i_dx), .i_dy(i_dy), .i_x_imp(i_x_imp), .i_y_imp(i_y_imp), \
        .i_am_in(i_am_in), .i_sm_in(i_sm_in), .i_am_rec(i_am_rec), .i_sm_rec(i_sm_rec), \
        .i_aux(i_aux), .i_aux_a(i_aux_a), .i_aux_x(i_aux_x), .i_aux_s(i_aux_s), \
        .o_aux(o[23:0]), .o_valid(o[24]), .o_tag(o[25]), .o_spike(o[26]), .o_u(o[50:27]), \
        .o_v(o[74:51]), .o_keep_v(o[75]), .o_r(o[81:76]), .o_theta(o[104:82]), \
        .o_x(o[120:105]), .o_y(o[136:121]), .o_xdec(o[152:137]), .o_first(o[153]), \
        .o_dep_in(o[177:154]), .o_dep_rec(o[201:178])
    lc_neuron_update2_ref #(.AW(17), .TAGW(1)) u_ref (`NU_PORTS(o_ref));
    lc_neuron_update2     #(.AW(17), .TAGW(1)) u_new (`NU_PORTS(o_new));
    assign o_diff = (o_ref != o_new);
endmodule
`default_nettype wire
