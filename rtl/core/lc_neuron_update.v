// lc_neuron_update.v : one LIF neuron step (contract steps 2-6 and 8), 3-stage pipeline
// Takes a neuron's parameters, state and summed synaptic input; returns the new
// state, its spike, the decayed pre-trace and the two STDP depression terms.
// One neuron enters per cycle; results leave 3 cycles later (decays; current;
// membrane and spike), short enough paths for 48 MHz on ECP5.
// SPDX-License-Identifier: MIT
`default_nettype none

module lc_neuron_update #(
    parameter integer AW   = 17,    // synaptic sum a[i]: signed, in weight units
    parameter integer TAGW = 8      // caller's tag carried along with the neuron
) (
    input  wire                  i_clk,
    // request: one neuron per cycle when i_valid
    input  wire                  i_valid,
    input  wire [TAGW-1:0]       i_tag,
    input  wire signed [AW-1:0]  i_a,
    // neuron parameters
    input  wire [12:0]           i_du,       // 0..4096
    input  wire [12:0]           i_dv,       // 0..4096
    input  wire [22:0]           i_vth,      // 0..2^23-1
    input  wire signed [23:0]    i_bias,     // +/-(2^23-1)
    input  wire [5:0]            i_tref,     // steps
    // neuron state
    input  wire signed [23:0]    i_u,
    input  wire signed [23:0]    i_v,
    input  wire [5:0]            i_r,
    input  wire [22:0]           i_theta,
    input  wire [15:0]           i_x,
    input  wire [15:0]           i_y,
    // core parameters, stable during a step
    input  wire [3:0]            i_w_shift,
    input  wire signed [23:0]    i_v_reset,
    input  wire [22:0]           i_theta_plus,
    input  wire [12:0]           i_d_theta,
    input  wire [12:0]           i_dx,
    input  wire [12:0]           i_dy,
    input  wire [15:0]           i_x_imp,
    input  wire [15:0]           i_y_imp,
    input  wire [7:0]            i_am_in,    // stdp_in.a_minus
    input  wire [4:0]            i_sm_in,    // stdp_in.s_minus
    input  wire [7:0]            i_am_rec,   // stdp_rec.a_minus
    input  wire [4:0]            i_sm_rec,   // stdp_rec.s_minus
    // result, 3 cycles after the request
    output reg                   o_valid,
    output reg  [TAGW-1:0]       o_tag,
    output reg                   o_spike,
    output reg  signed [23:0]    o_u,
    output reg  signed [23:0]    o_v,
    output reg  [5:0]            o_r,
    output reg  [22:0]           o_theta,
    output reg  [15:0]           o_x,
    output reg  [15:0]           o_y,
    output reg  [15:0]           o_xdec,     // x after decay, before the increment
    output reg  [23:0]           o_dep_in,   // (a_minus_in  * y_dec) >> s_minus_in
    output reg  [23:0]           o_dep_rec   // (a_minus_rec * y_dec) >> s_minus_rec
);
    localparam integer USUMW = AW + 17;         // decay(u) + (a << 15), no overflow
    localparam signed [USUMW-1:0] U_HI =  (1 <<< 23) - 1;   // state bound +(2^23-1)
    localparam signed [USUMW-1:0] U_LO = -(1 <<< 23) + 1;   // state bound -(2^23-1)
    localparam signed [25:0]      V_HI =  26'sd8388607;
    localparam signed [25:0]      V_LO = -26'sd8388607;

    // ---- stage A: decays (the multipliers) ------------------------------
    wire [23:0] u_dec_w, v_dec_w;
    wire [22:0] th_dec_w;
    wire [15:0] x_dec_w, y_dec_w;
    lc_decay #(.W(24), .SIGNED(1)) u_du  (.i_z(i_u),     .i_d(i_du),      .o_z(u_dec_w));
    lc_decay #(.W(24), .SIGNED(1)) u_dv  (.i_z(i_v),     .i_d(i_dv),      .o_z(v_dec_w));
    lc_decay #(.W(23), .SIGNED(0)) u_dth (.i_z(i_theta), .i_d(i_d_theta), .o_z(th_dec_w));
    lc_decay #(.W(16), .SIGNED(0)) u_dx  (.i_z(i_x),     .i_d(i_dx),      .o_z(x_dec_w));
    lc_decay #(.W(16), .SIGNED(0)) u_dy  (.i_z(i_y),     .i_d(i_dy),      .o_z(y_dec_w));

    reg                  a_valid;
    reg  [TAGW-1:0]      a_tag;
    reg  signed [AW-1:0] a_a;
    reg  signed [23:0]   a_u_dec, a_v_dec, a_v, a_bias;
    reg  [22:0]          a_th_dec, a_vth;
    reg  [15:0]          a_x_dec, a_y_dec;
    reg  [5:0]           a_r, a_tref;

    always @(posedge i_clk) begin
        a_valid  <= i_valid;
        a_tag    <= i_tag;
        a_a      <= i_a;
        a_u_dec  <= u_dec_w;
        a_v_dec  <= v_dec_w;
        a_th_dec <= th_dec_w;
        a_x_dec  <= x_dec_w;
        a_y_dec  <= y_dec_w;
        a_v      <= i_v;
        a_r      <= i_r;
        a_vth    <= i_vth;
        a_bias   <= i_bias;
        a_tref   <= i_tref;
    end

    // ---- stage B: current, threshold, trace candidates, depression terms ---
    wire signed [USUMW-1:0] a_wide  = {{17{a_a[AW-1]}}, a_a};
    wire signed [USUMW-1:0] a_shift = a_wide <<< i_w_shift;
    wire signed [USUMW-1:0] u_sum   = {{(USUMW-24){a_u_dec[23]}}, a_u_dec} + a_shift;
    wire signed [23:0]      u_new   = (u_sum > U_HI) ?  24'sd8388607 :
                                      (u_sum < U_LO) ? -24'sd8388607 : u_sum[23:0];
    wire        [23:0]      th_plus = {1'b0, a_th_dec} + {1'b0, i_theta_plus};
    wire        [16:0]      x_inc   = {1'b0, a_x_dec} + {1'b0, i_x_imp};
    wire        [16:0]      y_inc   = {1'b0, a_y_dec} + {1'b0, i_y_imp};
    wire        [23:0]      dm_in   = i_am_in  * a_y_dec;
    wire        [23:0]      dm_rec  = i_am_rec * a_y_dec;

    reg                  b_valid, b_refr;
    reg  [TAGW-1:0]      b_tag;
    reg  signed [23:0]   b_u, b_v;
    reg  signed [24:0]   b_vb;          // decay(v) + bias, exact
    reg  [23:0]          b_thr;         // vth + decay(theta), exact
    reg  [22:0]          b_th_dec, b_th_sat;
    reg  [15:0]          b_x_dec, b_y_dec, b_x_inc, b_y_inc;
    reg  [5:0]           b_r, b_tref;
    reg  [23:0]          b_dep_in, b_dep_rec;

    always @(posedge i_clk) begin
        b_valid   <= a_valid;
        b_tag     <= a_tag;
        b_u       <= u_new;
        b_v       <= a_v;
        b_vb      <= {a_v_dec[23], a_v_dec} + {a_bias[23], a_bias};
        b_thr     <= {1'b0, a_vth} + {1'b0, a_th_dec};
        b_th_dec  <= a_th_dec;
        b_th_sat  <= th_plus[23] ? 23'h7FFFFF : th_plus[22:0];
        b_x_dec   <= a_x_dec;
        b_y_dec   <= a_y_dec;
        b_x_inc   <= x_inc[16] ? 16'hFFFF : x_inc[15:0];
        b_y_inc   <= y_inc[16] ? 16'hFFFF : y_inc[15:0];
        b_refr    <= (a_r != 6'd0);
        b_r       <= a_r;
        b_tref    <= a_tref;
        b_dep_in  <= dm_in  >> i_sm_in;
        b_dep_rec <= dm_rec >> i_sm_rec;
    end

    // ---- stage C: membrane, spike, reset -----------------------------------
    wire signed [25:0] v_sum = {b_vb[24], b_vb} + {{2{b_u[23]}}, b_u};
    wire signed [23:0] v_int = (v_sum > V_HI) ?  24'sd8388607 :
                               (v_sum < V_LO) ? -24'sd8388607 : v_sum[23:0];
    wire signed [25:0] v_cmp = {{2{v_int[23]}}, v_int};
    wire signed [25:0] t_cmp = {2'b00, b_thr};
    wire               spike = !b_refr && (v_cmp > t_cmp);

    always @(posedge i_clk) begin
        o_valid   <= b_valid;
        o_tag     <= b_tag;
        o_spike   <= spike;
        o_u       <= b_u;
        o_v       <= b_refr ? b_v : (spike ? i_v_reset : v_int);
        o_r       <= b_refr ? b_r - 6'd1 : (spike ? b_tref : 6'd0);
        o_theta   <= spike ? b_th_sat : b_th_dec;
        o_x       <= spike ? b_x_inc : b_x_dec;
        o_y       <= spike ? b_y_inc : b_y_dec;
        o_xdec    <= b_x_dec;
        o_dep_in  <= b_dep_in;
        o_dep_rec <= b_dep_rec;
    end
endmodule

`default_nettype wire
