// lc_neuron_update2.v : one LIF neuron step (contract steps 2-6 and 8) every other cycle
// The same function as lc_neuron_update on half the multipliers: two 24-bit decays
// serve u, v and theta, one 16-bit decay serves y then x, one multiplier and shifter
// give both depression terms. 6 SB_MAC16 instead of 10 for the small FPGAs.
// SPDX-License-Identifier: MIT
`default_nettype none

module lc_neuron_update2 #(
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
    // the signed decays are lc_decay's, but their round-up increment (a negative
    // product with a remainder) is the carry into the adder that takes the decayed
    // value (u_sum, a_vb). lc_decay's 24-bit increment wraps only from 0x7FFFFF, for a
    // d above 4096: the sign extension *_sx follows it.
    wire [23:0] da_z    = p1_valid ? {1'b0, i_theta} : i_u;
    wire [12:0] da_keep = 13'd4096 - (p1_valid ? i_d_theta : i_du);
    wire signed [37:0] da_prod = $signed(da_z) * $signed({1'b0, da_keep});
    wire        da_up   = da_prod[37] && (|da_prod[11:0]);
    wire [23:0] da_fl   = da_prod[35:12];
    wire        da_sx   = da_fl[23] || (da_up && (&da_fl[22:0]));   // sign of floor + up
    wire [12:0] db_keep = 13'd4096 - i_dv;
    wire signed [37:0] db_prod = $signed(i_v) * $signed({1'b0, db_keep});
    wire        db_up   = db_prod[37] && (|db_prod[11:0]);
    wire [23:0] db_fl   = db_prod[35:12];
    wire        db_sx   = db_fl[23] || (db_up && (&db_fl[22:0]));
    wire        unused_d = &{1'b0, da_prod[36], db_prod[36]};   // as in lc_decay
    wire [15:0] dc_out;
    lc_decay #(.W(16), .SIGNED(0)) u_dc (
        .i_z(p1_valid ? i_x : i_y), .i_d(p1_valid ? i_dx : i_dy), .o_z(dc_out));

    // ---- t: the new current, decay(v) + bias and decay(y), held through t+2 -----
    wire signed [USUMW-1:0] a_wide  = {{17{i_a[AW-1]}}, i_a};
    wire signed [USUMW-1:0] a_shift = a_wide <<< i_w_shift;
    wire signed [USUMW-1:0] u_sum   = {{(USUMW-24){da_sx}}, da_fl} + a_shift
                                    + {{(USUMW-1){1'b0}}, da_up};
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
            a_vb    <= {db_sx, db_fl} + {i_bias[23], i_bias} + {24'd0, db_up};
            a_y_dec <= dc_out;
        end
    end

    // ---- the shared depression multiplier: in at t+1, rec at t+2 ---------
    wire [7:0]  dm_a    = i_aux ? i_aux_a : p2_valid ? i_am_rec : i_am_in;
    wire [15:0] dm_y    = i_aux ? i_aux_x : a_y_dec;
    wire [4:0]  dm_s    = i_aux ? i_aux_s : p2_valid ? i_sm_rec : i_sm_in;
    // (a * y) >> s as ((a << (7 - s[2:0])) * y) >> (7 + 8 * s[4:3]): the multiplier
    // (15 x 16 bits, still one SB_MAC16) does most of the shift, the rest is by bytes
    wire [14:0] dm_ap   = {7'd0, dm_a} << (3'd7 - dm_s[2:0]);
    wire [30:0] dm_prod = {16'd0, dm_ap} * {15'd0, dm_y};
    wire [23:0] dm_shr  = dm_prod[30:7] >> {dm_s[4:3], 3'b000};
    wire        unused_dm = &{1'b0, dm_prod[6:0]};

    // ---- t+1: threshold and trace candidates --------------------------------
    wire [22:0]             th_dec  = da_fl[22:0];       // theta >= 0: no round-up
    wire [15:0]             x_dec   = dc_out;
    wire        [23:0]      th_plus = {1'b0, th_dec} + {1'b0, i_theta_plus};
    wire        [16:0]      x_inc   = {1'b0, x_dec} + {1'b0, i_x_imp};

    reg                  b_refr;
    reg  [TAGW-1:0]      b_tag;
    reg  [23:0]          b_nthr;        // ~(vth + decay(theta) + 1); 0 at power-up: no spike
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
            b_nthr    <= ~({1'b0, i_vth} + {1'b0, th_dec} + 24'd1);
            b_th_dec  <= th_dec;
            b_x_dec   <= x_dec;
            b_refr    <= (i_r != 6'd0);
        end else begin
            b_nthr    <= ~24'd1;
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
    // v_int > thr: never once thr >= 2^23 - 1 (thr + 1 has bit 23), else the same as
    // v_sum > thr, i.e. v_sum - (thr + 1) >= 0, one chain on the unsaturated sum
    wire        [25:0] v_dif = v_sum + {{3{1'b1}}, b_nthr[22:0]} + 26'd1;
    wire               spike = !b_refr && b_nthr[23] && !v_dif[25];
    wire               unused_v = &{1'b0, v_dif[24:0]};
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
