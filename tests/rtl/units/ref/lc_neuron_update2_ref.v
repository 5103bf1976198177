// lc_neuron_update2_ref.v : lc_neuron_update2 as it was before the area work (the proofs' reference)
// The same function as lc_neuron_update on half the multipliers: two 24-bit decays
// serve u, v and theta, one 16-bit decay serves y then x, one multiplier and shifter
// give both depression terms. 6 SB_MAC16 instead of 10 for the small FPGAs.
// SPDX-License-Identifier: MIT
`default_nettype none

module lc_neuron_update2_ref #(
    parameter integer AW   = 17,    // synaptic sum a[i]: signed, in weight units
    parameter integer TAGW = 8      // caller's tag carried along with the neuron
) (
    input  wire                  i_clk,
    input  wire                  i_rst,      // synchronous: no neuron in flight
    // request: i_valid at most every other cycle; every other input (neuron
    // parameters, state, i_a, i_tag) must hold for the cycle after i_valid too
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
    // the depression multiplier and shifter lent out while no neuron is in flight
    // (the core's learning phase): o_aux = (i_aux_a * i_aux_x) >> i_aux_s, at once
    input  wire                  i_aux,
    input  wire [7:0]            i_aux_a,
    input  wire [15:0]           i_aux_x,
    input  wire [4:0]            i_aux_s,
    output wire [23:0]           o_aux,
    // result, combinational in the cycle o_valid is high, 2 cycles after the
    // request (no output register: the core writes it to its memories at once);
    // o_dep_in comes a cycle earlier, with o_first; the other outputs are 0 in
    // every cycle without a result once nothing is in flight
    output wire                  o_valid,
    output wire [TAGW-1:0]       o_tag,
    output wire                  o_spike,
    output wire signed [23:0]    o_u,
    output wire signed [23:0]    o_v,        // the new v, unless o_keep_v
    output wire                  o_keep_v,   // refractory: v is unchanged (not written)
    output wire [5:0]            o_r,
    output wire [22:0]           o_theta,
    output wire [15:0]           o_x,
    output wire [15:0]           o_y,
    output wire [15:0]           o_xdec,     // x after decay, before the increment
    output wire                  o_first,    // the cycle before o_valid: o_dep_in is valid
    output wire [23:0]           o_dep_in,   // (a_minus_in  * y_dec) >> s_minus_in
    output wire [23:0]           o_dep_rec   // (a_minus_rec * y_dec) >> s_minus_rec
);
    localparam integer USUMW = AW + 17;         // decay(u) + (a << 15), no overflow

    // cycle t (i_valid): u, v, y decay, the new current and decay(v) + bias; cycle t+1
    // (inputs still held): theta and x decay, a_minus_in * y, threshold and trace
    // candidates straight from the inputs; cycle t+2: a_minus_rec * y, membrane, spike
    reg                  p1_valid, p2_valid;

    // ---- the shared decays ----------------------------------------------
    wire [23:0] da_out, db_out;
    wire [15:0] dc_out;
    lc_decay #(.W(24), .SIGNED(1)) u_da (
        .i_z(p1_valid ? {1'b0, i_theta} : i_u), .i_d(p1_valid ? i_d_theta : i_du), .o_z(da_out));
    lc_decay #(.W(24), .SIGNED(1)) u_db (.i_z(i_v), .i_d(i_dv), .o_z(db_out));
    lc_decay #(.W(16), .SIGNED(0)) u_dc (
        .i_z(p1_valid ? i_x : i_y), .i_d(p1_valid ? i_dx : i_dy), .o_z(dc_out));

    // ---- t: the new current, decay(v) + bias and decay(y), held through t+2 -----
    wire signed [USUMW-1:0] a_wide  = {{17{i_a[AW-1]}}, i_a};
    wire signed [USUMW-1:0] a_shift = a_wide <<< i_w_shift;
    wire signed [USUMW-1:0] u_sum   = {{(USUMW-24){da_out[23]}}, da_out} + a_shift;
    // saturation to +/-(2^23-1) from the sign and the upper bits, not a wide compare
    wire                    u_hi    = !u_sum[USUMW-1] && (u_sum[USUMW-2:23] != 0);
    wire                    u_lo    =  u_sum[USUMW-1] && !((&u_sum[USUMW-2:23]) && (|u_sum[22:0]));
    wire signed [23:0]      u_new   = u_hi ?  24'sd8388607 : u_lo ? -24'sd8388607 : u_sum[23:0];

    reg  signed [23:0]   a_u;           // the new u
    reg  signed [24:0]   a_vb;          // decay(v) + bias, exact
    reg  [15:0]          a_y_dec;
    always @(posedge i_clk) begin
        p1_valid <= i_valid && !i_rst;
        p2_valid <= p1_valid && !i_rst;
        // 0 whenever no neuron is in flight (see the outputs)
        if (i_rst || (!i_valid && !p1_valid)) begin
            a_u     <= 24'sd0;
            a_vb    <= 25'sd0;
            a_y_dec <= 16'd0;
        end else if (i_valid) begin
            a_u     <= u_new;
            a_vb    <= {db_out[23], db_out} + {i_bias[23], i_bias};
            a_y_dec <= dc_out;
        end
    end

    // ---- the shared depression multiplier: in at t+1, rec at t+2 ---------
    wire [7:0]  dm_a    = i_aux ? i_aux_a : p2_valid ? i_am_rec : i_am_in;
    wire [15:0] dm_y    = i_aux ? i_aux_x : a_y_dec;
    wire [4:0]  dm_s    = i_aux ? i_aux_s : p2_valid ? i_sm_rec : i_sm_in;
    wire [23:0] dm_prod = {16'd0, dm_a} * {8'd0, dm_y};
    wire [23:0] dm_shr  = dm_prod >> dm_s;

    // ---- t+1: threshold and trace candidates --------------------------------
    wire [22:0]             th_dec  = da_out[22:0];
    wire [15:0]             x_dec   = dc_out;
    wire        [23:0]      th_plus = {1'b0, th_dec} + {1'b0, i_theta_plus};
    wire        [16:0]      x_inc   = {1'b0, x_dec} + {1'b0, i_x_imp};

    reg                  b_refr;
    reg  [TAGW-1:0]      b_tag;
    reg  [23:0]          b_thr;         // vth + decay(theta), exact
    reg  [22:0]          b_th_dec, b_th_sat;
    reg  [15:0]          b_x_dec, b_x_inc;
    reg  [5:0]           b_rn;          // r - 1 when refractory, else tref

    always @(posedge i_clk) begin
        if (p1_valid) begin
            b_tag     <= i_tag;
            b_th_sat  <= th_plus[23] ? 23'h7FFFFF : th_plus[22:0];
            b_x_inc   <= x_inc[16] ? 16'hFFFF : x_inc[15:0];
            b_rn      <= (i_r != 6'd0) ? i_r - 6'd1 : i_tref;
        end
        // these are 0 in every cycle without a result, so every output but o_dep_in
        // and o_first
        // is 0 then (the core ORs configuration data into the state write)
        if (p1_valid && !i_rst) begin
            b_thr     <= {1'b0, i_vth} + {1'b0, th_dec};
            b_th_dec  <= th_dec;
            b_x_dec   <= x_dec;
            b_refr    <= (i_r != 6'd0);
        end else begin
            b_thr     <= 24'd0;
            b_th_dec  <= 23'd0;
            b_x_dec   <= 16'd0;
            b_refr    <= 1'b0;
        end
    end

    // ---- t+2: membrane, spike, reset ----------------------------------------
    wire signed [25:0] v_sum = {a_vb[24], a_vb} + {{2{a_u[23]}}, a_u};
    wire               v_hi  = !v_sum[25] && (v_sum[24:23] != 2'b00);
    wire               v_lo  =  v_sum[25] && !((&v_sum[24:23]) && (|v_sum[22:0]));
    wire signed [23:0] v_int = v_hi ?  24'sd8388607 : v_lo ? -24'sd8388607 : v_sum[23:0];
    wire signed [25:0] v_cmp = {{2{v_int[23]}}, v_int};
    wire signed [25:0] t_cmp = {2'b00, b_thr};
    wire               spike = !b_refr && (v_cmp > t_cmp);
    wire        [16:0] y_inc = {1'b0, a_y_dec} + {1'b0, i_y_imp};

    assign o_valid   = p2_valid;
    assign o_tag     = b_tag;
    assign o_spike   = spike;
    assign o_u       = a_u;
    assign o_v       = spike ? i_v_reset : v_int;
    assign o_keep_v  = b_refr;
    assign o_r       = (b_refr || spike) ? b_rn : 6'd0;
    assign o_theta   = spike ? b_th_sat : b_th_dec;
    assign o_x       = spike ? b_x_inc : b_x_dec;
    assign o_y       = spike ? (y_inc[16] ? 16'hFFFF : y_inc[15:0]) : a_y_dec;
    assign o_xdec    = b_x_dec;
    assign o_dep_in  = dm_shr;          // in the o_first cycle
    assign o_first   = p1_valid;
    assign o_dep_rec = dm_shr;
    assign o_aux     = dm_shr;
endmodule

`default_nettype wire
