// lc_core_cfg.v : the core's configuration and read-back port, and its core registers
// Decodes a request of the configuration bus (docs/architecture.md, address map), holds
// the per-core parameters, builds the words a field write stores and the read data.
// SPDX-License-Identifier: MIT
`default_nettype none
`include "lc_map.vh"

// The requester holds address and data from the request until o_cfg_ready is high
// again (the core keeps no copy). The data reads as 0 outside S_CFG1/S_CFG2, so that
// the clear passes and the neuron pass (compact: field writes are "result OR data")
// can share the write paths. A request takes S_CFG1 (decode; a core register is
// written or read at once), S_CFG2 (a memory word read, then written or returned) and,
// for a block-RAM counter of the compact core, S_CFG3.
module lc_core_cfg #(
    parameter integer N       = 64,  // neurons
    parameter integer M       = 32,  // input axons
    parameter integer P       = 4,   // synapses per weight word
    parameter integer COMPACT = 0    // 1: compact variant (field writes under a mask, register shadow)
) (
    i_clk, i_rst, i_state, i_cfg_write, i_cfg_addr, i_cfg_wdata,
    i_pm_rdata, i_sm_rdata, i_wm_rdata, i_xi_rdata, i_sh_rdata, i_cl_cnt,
    i_cnt_rdata, i_q_is_cnt, i_cr_cnt, i_q_more,
    o_cfg_rvalid, o_cfg_rdata, o_q_long, o_ctl, o_ctl_bits,
    o_q_reg, o_q_write, o_q_off, o_q_ok, o_q_row, o_q_word, o_q_wdata, o_q_wword,
    o_pm_new, o_sm_new, o_pm_rep, o_pm_msk, o_sm_rep, o_sm_msk, o_q_sh, o_sh_wval, o_sh_rval,
    o_pm_du, o_pm_dv, o_pm_vth, o_pm_bias, o_pm_tref,
    o_sm_u, o_sm_v, o_sm_r, o_sm_th, o_sm_x, o_sm_y, o_sm_xpre,
    o_w_shift, o_v_reset, o_theta_plus, o_d_theta, o_dx, o_dy, o_x_imp, o_y_imp, o_learning,
    o_ap_in, o_am_in, o_sp_in, o_sm_in, o_wmin_in, o_wmax_in,
    o_ap_rec, o_am_rec, o_sp_rec, o_sm_rec, o_wmin_rec, o_wmax_rec
);
`include "lc_core_geom.vh"
    input  wire              i_clk;
    input  wire              i_rst;
    input  wire [3:0]        i_state;
    // the request, held by the requester
    input  wire              i_cfg_write;
    input  wire [27:0]       i_cfg_addr;
    input  wire [31:0]       i_cfg_wdata;
    // memory words read for it
    input  wire [PMW-1:0]    i_pm_rdata;
    input  wire [SMW-1:0]    i_sm_rdata;
    input  wire [WWID-1:0]   i_wm_rdata;
    input  wire [15:0]       i_xi_rdata;
    input  wire [23:0]       i_sh_rdata;    // compact: the register shadow
    input  wire [4:0]        i_cl_cnt;      // init pass: the shadow word it writes
    // the counters (lc_core_counters*)
    input  wire [31:0]       i_cnt_rdata;
    input  wire              i_q_is_cnt;
    input  wire              i_cr_cnt;
    input  wire              i_q_more;
    // read data back to the requester
    output reg               o_cfg_rvalid;
    output reg  [31:0]       o_cfg_rdata;
    // to the sequencer
    output wire              o_q_long;      // the request takes S_CFG2
    output wire              o_ctl;         // a write of the control register (S_CFG1)
    output wire [2:0]        o_ctl_bits;
    // the decoded request, for the memory ports
    output wire [3:0]        o_q_reg;
    output wire              o_q_write;
    output wire [23:0]       o_q_off;
    output wire              o_q_ok;        // a memory request within the geometry
    output wire [ROWW-1:0]   o_q_row;       // region 4: row and word
    output wire [RWW-1:0]    o_q_word;
    output wire [31:0]       o_q_wdata;     // write data, 0 outside S_CFG1/S_CFG2
    output reg  [WWID-1:0]   o_q_wword;     // the weight word with the synapse replaced
    output wire [PMW-1:0]    o_pm_new;      // the words with the field replaced (dual-port)
    output wire [SMW-1:0]    o_sm_new;
    output wire [PMW-1:0]    o_pm_rep;      // the field, repeated, and its mask (compact)
    output wire [PMW-1:0]    o_pm_msk;
    output wire [SMW-1:0]    o_sm_rep;
    output wire [SMW-1:0]    o_sm_msk;
    output wire              o_q_sh;        // compact: a core register of the shadow
    output reg  [23:0]       o_sh_wval;     // its shadow word
    output reg  [23:0]       o_sh_rval;     // the shadow word at reset of register i_cl_cnt
    // fields of the parameter and state words
    output wire [12:0]        o_pm_du;
    output wire [12:0]        o_pm_dv;
    output wire [22:0]        o_pm_vth;
    output wire signed [23:0] o_pm_bias;
    output wire [5:0]         o_pm_tref;
    output wire signed [23:0] o_sm_u;
    output wire signed [23:0] o_sm_v;
    output wire [5:0]         o_sm_r;
    output wire [22:0]        o_sm_th;
    output wire [15:0]        o_sm_x;
    output wire [15:0]        o_sm_y;
    output wire [16:0]        o_sm_xpre;    // {spiked, decayed x}, for learning
    // core registers (contract per-core parameters)
    output reg  [3:0]         o_w_shift;
    output reg  signed [23:0] o_v_reset;
    output reg  [22:0]        o_theta_plus;
    output reg  [12:0]        o_d_theta;
    output reg  [12:0]        o_dx;
    output reg  [12:0]        o_dy;
    output reg  [15:0]        o_x_imp;
    output reg  [15:0]        o_y_imp;
    output reg                o_learning;
    output reg  [7:0]         o_ap_in;
    output reg  [7:0]         o_am_in;
    output reg  [4:0]         o_sp_in;
    output reg  [4:0]         o_sm_in;
    output reg  signed [7:0]  o_wmin_in;
    output reg  signed [7:0]  o_wmax_in;
    output reg  [7:0]         o_ap_rec;
    output reg  [7:0]         o_am_rec;
    output reg  [4:0]         o_sp_rec;
    output reg  [4:0]         o_sm_rec;
    output reg  signed [7:0]  o_wmin_rec;
    output reg  signed [7:0]  o_wmax_rec;

    localparam [31:0]  VERSION = `LC_CORE_VERSION_VALUE;
    localparam [0:0]   VARIANT = (COMPACT != 0) ? 1'b1 : 1'b0;

    // ------------------------------------------------------------------
    // decode
    // ------------------------------------------------------------------
    wire                q_write = i_cfg_write;
    wire [3:0]          q_reg   = i_cfg_addr[27:24];
    wire [23:0]         q_off   = i_cfg_addr[23:0];
    wire                q_busy  = (i_state == S_CFG1) || (i_state == S_CFG2);
    wire [31:0]         q_wdata = q_busy ? i_cfg_wdata : 32'd0;
    wire [20:0]         q_idx    = q_off[23:3];              // neuron of regions 1, 2
    wire [2:0]          q_fld    = q_off[2:0];
    wire [LW-1:0]       q_lane   = q_off[LW-1:0];
    wire [RWW-1:0]      q_word   = q_off[LW+RWW-1:LW];
    wire [23-LW-RWW:0]  q_row    = q_off[23:LW+RWW];
    wire [31:0]         q_row32  = {{(8+LW+RWW){1'b0}}, q_row};
    wire [31:0]         q_word32 = {{(32-RWW){1'b0}}, q_word};
    wire [31:0]         q_lane32 = {{(32-LW){1'b0}}, q_lane};
    wire                q_row_ok = (q_row32 < ROWS) && (q_word32 < RW) && (q_lane32 < P)
                                && ((q_word != RW_M1) || (q_lane32 < LAST_LANES));
    wire                q_ok     = (q_reg == `LC_REGION_PARAM || q_reg == `LC_REGION_STATE)
                                   ? ({11'd0, q_idx} < N) :
                                   (q_reg == `LC_REGION_XIN) ? ({8'd0, q_off} < M) :
                                   (q_reg == `LC_REGION_SYN) ? q_row_ok : 1'b0;
    assign o_q_sh    = (COMPACT != 0) && (q_reg == `LC_REGION_CORE) && (q_off[7:5] == 3'd0);
    assign o_q_long  = i_q_is_cnt || (o_q_sh && !q_write) || ((q_reg != `LC_REGION_CORE) && q_ok);
    assign o_ctl     = (i_state == S_CFG1) && (q_reg == `LC_REGION_CORE) && q_write
                    && (q_off[7:0] == `LC_CORE_CMD);
    assign o_ctl_bits = q_wdata[2:0];
    assign o_q_reg   = q_reg;
    assign o_q_write = q_write;
    assign o_q_off   = q_off;
    assign o_q_ok    = q_ok;
    assign o_q_row   = q_row[ROWW-1:0];
    assign o_q_word  = q_word;
    assign o_q_wdata = q_wdata;

    // ------------------------------------------------------------------
    // parameter / state word fields
    // ------------------------------------------------------------------
    assign o_pm_du   = i_pm_rdata[12:0];
    assign o_pm_dv   = i_pm_rdata[25:13];
    assign o_pm_vth  = i_pm_rdata[48:26];
    assign o_pm_bias = i_pm_rdata[72:49];
    assign o_pm_tref = i_pm_rdata[78:73];
    assign o_sm_u    = i_sm_rdata[23:0];
    assign o_sm_v    = i_sm_rdata[47:24];
    assign o_sm_r    = i_sm_rdata[53:48];
    assign o_sm_th   = i_sm_rdata[76:54];
    assign o_sm_x    = i_sm_rdata[92:77];
    assign o_sm_y    = i_sm_rdata[108:93];
    assign o_sm_xpre = i_sm_rdata[125:109];

    // synapse selected by the request (region 4)
    reg  [8:0]          q_syn;
    integer             k;
    always @* begin
        q_syn     = 9'd0;
        o_q_wword = i_wm_rdata;
        for (k = 0; k < P; k = k + 1) begin
            if (q_lane == k[LW-1:0]) begin
                q_syn = i_wm_rdata[k*9 +: 9];
                o_q_wword[k*9 +: 9] = q_wdata[8:0];
            end
        end
    end

    // read data of a memory request: every field read back is at most 24 bits, and its
    // bit 23 is its sign (0 for the unsigned ones, at most 23 bits wide): one 24-bit
    // multiplexer, then bit 23 copied into the upper byte (a counter's upper word too)
    reg  [23:0]         q_r24;
    always @* begin
        q_r24 = 24'd0;
        if (i_cr_cnt)
            q_r24 = {8'd0, i_xi_rdata};
        else case (q_reg)
            `LC_REGION_PARAM: case (q_fld)
                `LC_PARAM_DU:   q_r24 = {11'd0, o_pm_du};
                `LC_PARAM_DV:   q_r24 = {11'd0, o_pm_dv};
                `LC_PARAM_VTH:  q_r24 = {1'b0, o_pm_vth};
                `LC_PARAM_BIAS: q_r24 = o_pm_bias;
                `LC_PARAM_TREF: q_r24 = {18'd0, o_pm_tref};
                default: q_r24 = 24'd0;
            endcase
            `LC_REGION_STATE: case (q_fld)
                `LC_STATE_U:     q_r24 = o_sm_u;
                `LC_STATE_V:     q_r24 = o_sm_v;
                `LC_STATE_R:     q_r24 = {18'd0, o_sm_r};
                `LC_STATE_THETA: q_r24 = {1'b0, o_sm_th};
                `LC_STATE_X:     q_r24 = {8'd0, o_sm_x};
                `LC_STATE_Y:     q_r24 = {8'd0, o_sm_y};
                default: q_r24 = 24'd0;
            endcase
            `LC_REGION_XIN:  q_r24 = {8'd0, i_xi_rdata};
            `LC_REGION_SYN:  q_r24 = {15'd0, q_syn};
            `LC_REGION_CORE: q_r24 = i_sh_rdata;   // compact: the register shadow
            default: q_r24 = 24'd0;
        endcase
    end
    wire [31:0]         q_rdata = {{8{q_r24[23]}}, q_r24};

    // modified words of a write request
    assign o_pm_new =
        (q_fld == 3'd0) ? {i_pm_rdata[PMW-1:13], q_wdata[12:0]} :
        (q_fld == 3'd1) ? {i_pm_rdata[PMW-1:26], q_wdata[12:0], i_pm_rdata[12:0]} :
        (q_fld == 3'd2) ? {i_pm_rdata[PMW-1:49], q_wdata[22:0], i_pm_rdata[25:0]} :
        (q_fld == 3'd3) ? {i_pm_rdata[PMW-1:73], q_wdata[23:0], i_pm_rdata[48:0]} :
        (q_fld == 3'd4) ? {q_wdata[5:0], i_pm_rdata[72:0]} : i_pm_rdata;
    assign o_sm_new =
        (q_fld == 3'd0) ? {i_sm_rdata[SMW-1:24], q_wdata[23:0]} :
        (q_fld == 3'd1) ? {i_sm_rdata[SMW-1:48], q_wdata[23:0], i_sm_rdata[23:0]} :
        (q_fld == 3'd2) ? {i_sm_rdata[SMW-1:54], q_wdata[5:0], i_sm_rdata[47:0]} :
        (q_fld == 3'd3) ? {i_sm_rdata[SMW-1:77], q_wdata[22:0], i_sm_rdata[53:0]} :
        (q_fld == 3'd4) ? {i_sm_rdata[SMW-1:93], q_wdata[15:0], i_sm_rdata[76:0]} :
        (q_fld == 3'd5) ? {i_sm_rdata[SMW-1:109], q_wdata[15:0], i_sm_rdata[92:0]} : i_sm_rdata;

    // the same write as a field under a mask (compact)
    assign o_pm_rep = {q_wdata[5:0], q_wdata[23:0], q_wdata[22:0], q_wdata[12:0], q_wdata[12:0]};
    assign o_pm_msk =
        (q_fld == 3'd0) ? {{(PMW-13){1'b0}}, {13{1'b1}}} :
        (q_fld == 3'd1) ? {{(PMW-26){1'b0}}, {13{1'b1}}, 13'd0} :
        (q_fld == 3'd2) ? {{(PMW-49){1'b0}}, {23{1'b1}}, 26'd0} :
        (q_fld == 3'd3) ? {{(PMW-73){1'b0}}, {24{1'b1}}, 49'd0} :
        (q_fld == 3'd4) ? {{6{1'b1}}, 73'd0} : {PMW{1'b0}};
    assign o_sm_rep = {17'd0, q_wdata[15:0], q_wdata[15:0], q_wdata[22:0], q_wdata[5:0],
                       q_wdata[23:0], q_wdata[23:0]};
    assign o_sm_msk =
        (q_fld == 3'd0) ? {{(SMW-24){1'b0}}, {24{1'b1}}} :
        (q_fld == 3'd1) ? {{(SMW-48){1'b0}}, {24{1'b1}}, 24'd0} :
        (q_fld == 3'd2) ? {{(SMW-54){1'b0}}, {6{1'b1}}, 48'd0} :
        (q_fld == 3'd3) ? {{(SMW-77){1'b0}}, {23{1'b1}}, 54'd0} :
        (q_fld == 3'd4) ? {{(SMW-93){1'b0}}, {16{1'b1}}, 77'd0} :
        (q_fld == 3'd5) ? {{(SMW-109){1'b0}}, {16{1'b1}}, 93'd0} : {SMW{1'b0}};

    // ------------------------------------------------------------------
    // core registers: read-back (compact builds read 0x00-0x1F from the shadow)
    // ------------------------------------------------------------------
    reg  [31:0] reg_rdata, reg_lo;
    always @* begin
        reg_lo = 32'd0;
        reg_rdata = 32'd0;
        case (q_off[7:0])
            `LC_CORE_W_SHIFT:          reg_lo = {28'd0, o_w_shift};
            `LC_CORE_V_RESET:          reg_lo = {{8{o_v_reset[23]}}, o_v_reset};
            `LC_CORE_THETA_PLUS:       reg_lo = {9'd0, o_theta_plus};
            `LC_CORE_D_THETA:          reg_lo = {19'd0, o_d_theta};
            `LC_CORE_DX:               reg_lo = {19'd0, o_dx};
            `LC_CORE_DY:               reg_lo = {19'd0, o_dy};
            `LC_CORE_X_IMP:            reg_lo = {16'd0, o_x_imp};
            `LC_CORE_Y_IMP:            reg_lo = {16'd0, o_y_imp};
            `LC_CORE_LEARNING:         reg_lo = {31'd0, o_learning};
            `LC_CORE_STDP_IN_A_PLUS:   reg_lo = {24'd0, o_ap_in};
            `LC_CORE_STDP_IN_A_MINUS:  reg_lo = {24'd0, o_am_in};
            `LC_CORE_STDP_IN_S_PLUS:   reg_lo = {27'd0, o_sp_in};
            `LC_CORE_STDP_IN_S_MINUS:  reg_lo = {27'd0, o_sm_in};
            `LC_CORE_STDP_IN_W_MIN:    reg_lo = {{24{o_wmin_in[7]}}, o_wmin_in};
            `LC_CORE_STDP_IN_W_MAX:    reg_lo = {{24{o_wmax_in[7]}}, o_wmax_in};
            `LC_CORE_STDP_REC_A_PLUS:  reg_lo = {24'd0, o_ap_rec};
            `LC_CORE_STDP_REC_A_MINUS: reg_lo = {24'd0, o_am_rec};
            `LC_CORE_STDP_REC_S_PLUS:  reg_lo = {27'd0, o_sp_rec};
            `LC_CORE_STDP_REC_S_MINUS: reg_lo = {27'd0, o_sm_rec};
            `LC_CORE_STDP_REC_W_MIN:   reg_lo = {{24{o_wmin_rec[7]}}, o_wmin_rec};
            `LC_CORE_STDP_REC_W_MAX:   reg_lo = {{24{o_wmax_rec[7]}}, o_wmax_rec};
            `LC_CORE_N:                reg_rdata = N;
            `LC_CORE_M:                reg_rdata = M;
            `LC_CORE_P:                reg_rdata = P;
            `LC_CORE_VERSION:          reg_rdata = VERSION;
            `LC_CORE_VARIANT:          reg_rdata = {31'd0, VARIANT};
            default: reg_rdata = i_cnt_rdata;    // 0x30-0x39, 0 elsewhere
        endcase
        if (COMPACT == 0)
            reg_rdata = reg_rdata | reg_lo;
    end

    // compact: a copy of the core registers 0x00-0x1F, each as its value in 24 bits
    // (sign-extended where signed), in the 32 words after the depression terms;
    // written with the register, read back in S_CFG2 instead of a 21-way mux
    always @* begin
        case (q_off[4:0])
            5'h00:                      o_sh_wval = {20'd0, q_wdata[3:0]};
            5'h01:                      o_sh_wval = q_wdata[23:0];
            5'h02:                      o_sh_wval = {1'b0, q_wdata[22:0]};
            5'h03, 5'h04, 5'h05:        o_sh_wval = {11'd0, q_wdata[12:0]};
            5'h06, 5'h07:               o_sh_wval = {8'd0, q_wdata[15:0]};
            5'h08:                      o_sh_wval = {23'd0, q_wdata[0]};
            5'h10, 5'h11, 5'h18, 5'h19: o_sh_wval = {16'd0, q_wdata[7:0]};
            5'h12, 5'h13, 5'h1A, 5'h1B: o_sh_wval = {19'd0, q_wdata[4:0]};
            5'h14, 5'h15, 5'h1C, 5'h1D: o_sh_wval = {{16{q_wdata[7]}}, q_wdata[7:0]};
            default:                    o_sh_wval = 24'd0;
        endcase
        // the reset values of the registers (the reset block below)
        case (i_cl_cnt)
            5'h00:         o_sh_rval = 24'd6;
            5'h14, 5'h1C:  o_sh_rval = 24'hFFFF80;
            5'h15, 5'h1D:  o_sh_rval = 24'h00007F;
            default:       o_sh_rval = 24'd0;
        endcase
    end

    // ------------------------------------------------------------------
    // sequential: register writes, read data
    // ------------------------------------------------------------------
    always @(posedge i_clk) begin
        o_cfg_rvalid <= 1'b0;
        case (i_state)
        S_CFG1: begin
            if (i_q_is_cnt || (o_q_sh && !q_write)) begin
                // compact: a counter or a register, read in S_CFG2
            end else if (q_reg == `LC_REGION_CORE) begin
                if (!q_write) begin
                    o_cfg_rvalid <= 1'b1;
                    o_cfg_rdata  <= reg_rdata;
                end else begin
                    case (q_off[7:0])
                        `LC_CORE_W_SHIFT:          o_w_shift    <= q_wdata[3:0];
                        `LC_CORE_V_RESET:          o_v_reset    <= q_wdata[23:0];
                        `LC_CORE_THETA_PLUS:       o_theta_plus <= q_wdata[22:0];
                        `LC_CORE_D_THETA:          o_d_theta    <= q_wdata[12:0];
                        `LC_CORE_DX:               o_dx         <= q_wdata[12:0];
                        `LC_CORE_DY:               o_dy         <= q_wdata[12:0];
                        `LC_CORE_X_IMP:            o_x_imp      <= q_wdata[15:0];
                        `LC_CORE_Y_IMP:            o_y_imp      <= q_wdata[15:0];
                        `LC_CORE_LEARNING:         o_learning   <= q_wdata[0];
                        `LC_CORE_STDP_IN_A_PLUS:   o_ap_in      <= q_wdata[7:0];
                        `LC_CORE_STDP_IN_A_MINUS:  o_am_in      <= q_wdata[7:0];
                        `LC_CORE_STDP_IN_S_PLUS:   o_sp_in      <= q_wdata[4:0];
                        `LC_CORE_STDP_IN_S_MINUS:  o_sm_in      <= q_wdata[4:0];
                        `LC_CORE_STDP_IN_W_MIN:    o_wmin_in    <= q_wdata[7:0];
                        `LC_CORE_STDP_IN_W_MAX:    o_wmax_in    <= q_wdata[7:0];
                        `LC_CORE_STDP_REC_A_PLUS:  o_ap_rec     <= q_wdata[7:0];
                        `LC_CORE_STDP_REC_A_MINUS: o_am_rec     <= q_wdata[7:0];
                        `LC_CORE_STDP_REC_S_PLUS:  o_sp_rec     <= q_wdata[4:0];
                        `LC_CORE_STDP_REC_S_MINUS: o_sm_rec     <= q_wdata[4:0];
                        `LC_CORE_STDP_REC_W_MIN:   o_wmin_rec   <= q_wdata[7:0];
                        `LC_CORE_STDP_REC_W_MAX:   o_wmax_rec   <= q_wdata[7:0];
                        default: ;
                    endcase
                end
            end else if (!q_ok && !q_write) begin
                o_cfg_rvalid <= 1'b1;       // outside the geometry: reads as 0
                o_cfg_rdata  <= 32'd0;
            end
        end
        S_CFG2: begin
            if (!q_write)                   // a field, or a counter word
                o_cfg_rdata <= q_rdata;
            if (!i_q_more && !q_write)
                o_cfg_rvalid <= 1'b1;
        end
        S_CFG3: begin                       // compact: the upper word of a counter's low half
            o_cfg_rvalid       <= 1'b1;
            o_cfg_rdata[31:16] <= i_xi_rdata;
        end
        default: ;
        endcase

        if (i_rst) begin
            o_cfg_rvalid <= 1'b0;
            o_w_shift    <= 4'd6;
            o_v_reset    <= 24'sd0;
            o_theta_plus <= 23'd0;
            o_d_theta    <= 13'd0; o_dx <= 13'd0; o_dy <= 13'd0;
            o_x_imp      <= 16'd0; o_y_imp <= 16'd0;
            o_learning   <= 1'b0;
            o_ap_in  <= 8'd0; o_am_in  <= 8'd0; o_sp_in  <= 5'd0; o_sm_in  <= 5'd0;
            o_ap_rec <= 8'd0; o_am_rec <= 8'd0; o_sp_rec <= 5'd0; o_sm_rec <= 5'd0;
            o_wmin_in  <= -8'sd128; o_wmax_in  <= 8'sd127;
            o_wmin_rec <= -8'sd128; o_wmax_rec <= 8'sd127;
        end
    end
endmodule

`default_nettype wire
