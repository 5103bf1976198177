// tb_units.v : wrapper exposing lc_decay, lc_stdp_lane, lc_neuron_update(2) to tb_units.cpp
// Each block is independent; the C++ side drives and checks them.
// SPDX-License-Identifier: MIT
`default_nettype none

module tb_units (
    input  wire         i_clk,
    // lc_decay, signed 24-bit and unsigned 16-bit
    input  wire [23:0]  i_dec_z,
    input  wire [15:0]  i_dec_zu,
    input  wire [12:0]  i_dec_d,
    output wire [23:0]  o_dec_z,
    output wire [15:0]  o_dec_zu,
    // lc_stdp_lane
    input  wire [8:0]   i_syn,
    input  wire         i_lane_ok, i_pre, i_post,
    input  wire [23:0]  i_pot, i_dep,
    input  wire [7:0]   i_w_min, i_w_max,
    output wire [8:0]   o_syn,
    // lc_neuron_update
    input  wire         i_valid,
    input  wire [7:0]   i_tag,
    input  wire [16:0]  i_a,
    input  wire [12:0]  i_du, i_dv,
    input  wire [22:0]  i_vth,
    input  wire [23:0]  i_bias,
    input  wire [5:0]   i_tref,
    input  wire [23:0]  i_u, i_v,
    input  wire [5:0]   i_r,
    input  wire [22:0]  i_theta,
    input  wire [15:0]  i_x, i_y,
    input  wire [3:0]   i_w_shift,
    input  wire [23:0]  i_v_reset,
    input  wire [22:0]  i_theta_plus,
    input  wire [12:0]  i_d_theta, i_dx, i_dy,
    input  wire [15:0]  i_x_imp, i_y_imp,
    input  wire [7:0]   i_am_in, i_am_rec,
    input  wire [4:0]   i_sm_in, i_sm_rec,
    input  wire         i_rst,
    input  wire         i_aux,
    input  wire [7:0]   i_aux_a,
    input  wire [15:0]  i_aux_x,
    input  wire [4:0]   i_aux_s,
    output wire [23:0]  o2_aux,
    output wire         o2_keep_v, o2_first,
    output wire         o_valid,
    output wire [7:0]   o_tag,
    output wire         o_spike,
    output wire [23:0]  o_u, o_v,
    output wire [5:0]   o_r,
    output wire [22:0]  o_theta,
    output wire [15:0]  o_x, o_y, o_xdec,
    output wire [23:0]  o_dep_in, o_dep_rec,
    // lc_neuron_update2 on the same inputs (applied every other cycle)
    output wire         o2_valid,
    output wire [7:0]   o2_tag,
    output wire         o2_spike,
    output wire [23:0]  o2_u, o2_v,
    output wire [5:0]   o2_r,
    output wire [22:0]  o2_theta,
    output wire [15:0]  o2_x, o2_y, o2_xdec,
    output wire [23:0]  o2_dep_in, o2_dep_rec
);
    lc_decay #(.W(24), .SIGNED(1)) u_dec_s (.i_z(i_dec_z),  .i_d(i_dec_d), .o_z(o_dec_z));
    lc_decay #(.W(16), .SIGNED(0)) u_dec_u (.i_z(i_dec_zu), .i_d(i_dec_d), .o_z(o_dec_zu));

    lc_stdp_lane u_lane (
        .i_syn(i_syn), .i_lane_ok(i_lane_ok), .i_pre(i_pre), .i_post(i_post),
        .i_pot(i_pot), .i_dep(i_dep), .i_w_min(i_w_min), .i_w_max(i_w_max), .o_syn(o_syn));

    lc_neuron_update #(.AW(17), .TAGW(8)) u_neuron (
        .i_clk(i_clk), .i_valid(i_valid), .i_tag(i_tag), .i_a(i_a),
        .i_du(i_du), .i_dv(i_dv), .i_vth(i_vth), .i_bias(i_bias), .i_tref(i_tref),
        .i_u(i_u), .i_v(i_v), .i_r(i_r), .i_theta(i_theta), .i_x(i_x), .i_y(i_y),
        .i_w_shift(i_w_shift), .i_v_reset(i_v_reset), .i_theta_plus(i_theta_plus),
        .i_d_theta(i_d_theta), .i_dx(i_dx), .i_dy(i_dy), .i_x_imp(i_x_imp), .i_y_imp(i_y_imp),
        .i_am_in(i_am_in), .i_sm_in(i_sm_in), .i_am_rec(i_am_rec), .i_sm_rec(i_sm_rec),
        .o_valid(o_valid), .o_tag(o_tag), .o_spike(o_spike), .o_u(o_u), .o_v(o_v), .o_r(o_r),
        .o_theta(o_theta), .o_x(o_x), .o_y(o_y), .o_xdec(o_xdec),
        .o_dep_in(o_dep_in), .o_dep_rec(o_dep_rec));

    lc_neuron_update2 #(.AW(17), .TAGW(8)) u_neuron2 (
        .i_clk(i_clk), .i_rst(i_rst), .i_valid(i_valid), .i_tag(i_tag), .i_a(i_a),
        .i_du(i_du), .i_dv(i_dv), .i_vth(i_vth), .i_bias(i_bias), .i_tref(i_tref),
        .i_u(i_u), .i_v(i_v), .i_r(i_r), .i_theta(i_theta), .i_x(i_x), .i_y(i_y),
        .i_w_shift(i_w_shift), .i_v_reset(i_v_reset), .i_theta_plus(i_theta_plus),
        .i_d_theta(i_d_theta), .i_dx(i_dx), .i_dy(i_dy), .i_x_imp(i_x_imp), .i_y_imp(i_y_imp),
        .i_am_in(i_am_in), .i_sm_in(i_sm_in), .i_am_rec(i_am_rec), .i_sm_rec(i_sm_rec),
        .i_aux(i_aux), .i_aux_a(i_aux_a), .i_aux_x(i_aux_x), .i_aux_s(i_aux_s), .o_aux(o2_aux), .o_keep_v(o2_keep_v), .o_first(o2_first),
        .o_valid(o2_valid), .o_tag(o2_tag), .o_spike(o2_spike), .o_u(o2_u), .o_v(o2_v),
        .o_r(o2_r), .o_theta(o2_theta), .o_x(o2_x), .o_y(o2_y), .o_xdec(o2_xdec),
        .o_dep_in(o2_dep_in), .o_dep_rec(o2_dep_rec));
endmodule

`default_nettype wire
