// lc_core_mem.v : the core's memories and the multiplexers of their ports
// Each memory sits behind a per-family wrapper (rtl/mem); each port serves the phase
// that owns it in the current state, in one fixed order, so the phases never collide.
// SPDX-License-Identifier: MIT
`default_nettype none

// The phases (lc_core_seq, _cfg, _counters*, _syn, _neurons, _inputs, _learn, _lanes*)
// drive requests; a later request below overrides an earlier one, but no two are ever
// active in the same cycle on one port except where noted. One row_base and adder
// gives the weight-word address of a request, of the synaptic phase's read and of the
// learning phase's word (their states differ).
module lc_core_mem #(
    parameter integer N       = 64,  // neurons
    parameter integer M       = 32,  // input axons
    parameter integer P       = 4,   // synapses per weight word
    parameter integer COMPACT = 0    // 1: compact variant (masked neuron memories, lq/pf learning memories)
) (
    i_clk,
    // sequencer
    i_state, i_cl_cnt, i_sh_init, i_cfg_valid, i_in_valid, i_in_idx, i_push_idx, i_in_cnt,
    i_cur_bank,
    // configuration port
    i_q_reg, i_q_write, i_q_off, i_q_ok, i_q_row, i_q_word, i_q_wdata, i_q_wword,
    i_pm_new, i_sm_new, i_pm_rep, i_pm_msk, i_sm_rep, i_sm_msk, i_q_sh, i_sh_wval, i_sh_rval,
    // counters
    i_cx_re, i_cx_raddr, i_cx_we, i_cx_waddr, i_cx_wdata,
    // synaptic stage
    i_syn_rd, i_syn_il_raddr, i_syn_ol_raddr, i_syn_wm_re, i_syn_row, i_syn_word,
    // neuron pass and update unit
    i_ni_take, i_ni_idx, i_nu_valid, i_nu_first, i_nu_keep_v, i_nu_idx, i_nu_lane, i_nu_word,
    i_nu_lastw, i_nu_half, i_nu_slot1h, i_pf_cur, i_kw_we, i_out_cnt, i_kw_cnt,
    i_nu_spike, i_nu_u, i_nu_v, i_nu_r, i_nu_theta, i_nu_x, i_nu_y, i_nu_xdec,
    i_nu_dep_in, i_nu_dep_rec,
    // input pass
    i_ip_rd, i_ip_raddr, i_ip_wr, i_ip_waddr, i_ip_x_new, i_ip_x_pre,
    // learning
    i_ln_il_rd, i_ln_il_raddr, i_ln_row_rd, i_ln_pl_raddr, i_ln_sm_raddr, i_ln_xq_raddr, i_ln_kw_rd,
    i_ln_kw_raddr, i_ln_w0_valid, i_ln_w0_row, i_ln_w0_word, i_ln_w0_in,
    i_ln_w1_valid, i_ln_w1_w, i_ln_w1_in, i_ln_rd_hi,
    i_ln_wm_we, i_ln_wm_waddr, i_ln_wm_wdata, i_ln_wm_we_b, i_ln_wm_wdata_b,
    // read data
    o_wm_addr, o_wm_rdata, o_wm_rdata_b, o_pm_rdata, o_sm_rdata, o_xi_rdata, o_ib_rdata, o_il_rdata,
    o_ol_rdata, o_xq_rdata, o_kw_rdata, o_pl_rdata, o_lm_rdata, o_lq_rdata, o_pf_rdata
);
`include "lc_core_geom.vh"
    input  wire              i_clk;
    // sequencer
    input  wire [3:0]        i_state;
    input  wire [CLRW-1:0]   i_cl_cnt;
    input  wire              i_sh_init;
    input  wire              i_cfg_valid;
    input  wire              i_in_valid;
    input  wire [15:0]       i_in_idx;
    input  wire [MW-1:0]     i_push_idx;
    input  wire [MCW-1:0]    i_in_cnt;
    input  wire              i_cur_bank;
    // configuration port
    input  wire [3:0]        i_q_reg;
    input  wire              i_q_write;
    input  wire [23:0]       i_q_off;
    input  wire              i_q_ok;
    input  wire [ROWW-1:0]   i_q_row;
    input  wire [RWW-1:0]    i_q_word;
    input  wire [31:0]       i_q_wdata;
    input  wire [WWID-1:0]   i_q_wword;
    input  wire [PMW-1:0]    i_pm_new;
    input  wire [SMW-1:0]    i_sm_new;
    input  wire [PMW-1:0]    i_pm_rep;
    input  wire [PMW-1:0]    i_pm_msk;
    input  wire [SMW-1:0]    i_sm_rep;
    input  wire [SMW-1:0]    i_sm_msk;
    input  wire              i_q_sh;
    input  wire [23:0]       i_sh_wval;
    input  wire [23:0]       i_sh_rval;
    // counters in block RAM (compact): their words of the input-trace memory
    input  wire              i_cx_re;
    input  wire [XIW-1:0]    i_cx_raddr;
    input  wire              i_cx_we;
    input  wire [XIW-1:0]    i_cx_waddr;
    input  wire [15:0]       i_cx_wdata;
    // synaptic stage
    input  wire              i_syn_rd;
    input  wire [MW-1:0]     i_syn_il_raddr;
    input  wire [NW:0]       i_syn_ol_raddr;
    input  wire              i_syn_wm_re;
    input  wire [ROWW-1:0]   i_syn_row;
    input  wire [RWW-1:0]    i_syn_word;
    // neuron pass and the neuron update unit's results
    input  wire              i_ni_take;
    input  wire [NW-1:0]     i_ni_idx;
    input  wire              i_nu_valid;
    input  wire              i_nu_first;    // compact: the cycle before, dep_in valid
    input  wire              i_nu_keep_v;   // compact: refractory, v is not written
    input  wire [NW-1:0]     i_nu_idx;
    input  wire [LW-1:0]     i_nu_lane;
    input  wire [RWW-1:0]    i_nu_word;
    input  wire              i_nu_lastw;
    input  wire              i_nu_half;
    input  wire [LH-1:0]     i_nu_slot1h;
    input  wire [P-1:0]      i_pf_cur;
    input  wire              i_kw_we;
    input  wire [NCW-1:0]    i_out_cnt;
    input  wire [RCW-1:0]    i_kw_cnt;
    input  wire              i_nu_spike;
    input  wire signed [23:0] i_nu_u;
    input  wire signed [23:0] i_nu_v;
    input  wire [5:0]        i_nu_r;
    input  wire [22:0]       i_nu_theta;
    input  wire [15:0]       i_nu_x;
    input  wire [15:0]       i_nu_y;
    input  wire [15:0]       i_nu_xdec;
    input  wire [23:0]       i_nu_dep_in;
    input  wire [23:0]       i_nu_dep_rec;
    // input pass
    input  wire              i_ip_rd;
    input  wire [MW-1:0]     i_ip_raddr;
    input  wire              i_ip_wr;
    input  wire [MW-1:0]     i_ip_waddr;
    input  wire [15:0]       i_ip_x_new;
    input  wire [16:0]       i_ip_x_pre;
    // learning engine and lanes
    input  wire              i_ln_il_rd;
    input  wire [MW-1:0]     i_ln_il_raddr;
    input  wire              i_ln_row_rd;
    input  wire [ROWW-1:0]   i_ln_pl_raddr;
    input  wire [NW-1:0]     i_ln_sm_raddr;
    input  wire [MW-1:0]     i_ln_xq_raddr;
    input  wire              i_ln_kw_rd;
    input  wire [RWW-1:0]    i_ln_kw_raddr;
    input  wire              i_ln_w0_valid;
    input  wire [ROWW-1:0]   i_ln_w0_row;
    input  wire [RWW-1:0]    i_ln_w0_word;
    input  wire              i_ln_w0_in;
    input  wire              i_ln_w1_valid;
    input  wire [RWW-1:0]    i_ln_w1_w;
    input  wire              i_ln_w1_in;
    input  wire              i_ln_rd_hi;
    input  wire              i_ln_wm_we;
    input  wire [WAW-1:0]    i_ln_wm_waddr;
    input  wire [WWID-1:0]   i_ln_wm_wdata;
    input  wire              i_ln_wm_we_b;  // dual-port: the odd rows' bank, same address
    input  wire [WWID-1:0]   i_ln_wm_wdata_b;
    // read data (one cycle after the request)
    output wire [WAW-1:0]    o_wm_addr;     // the weight-word address unit's result
    output wire [WWID-1:0]   o_wm_rdata;    // the addressed row's bank (learning: the even)
    output wire [WWID-1:0]   o_wm_rdata_b;  // dual-port: the odd rows' bank, raw
    output wire [PMW-1:0]    o_pm_rdata;
    output wire [SMW-1:0]    o_sm_rdata;
    output wire [15:0]       o_xi_rdata;
    output wire              o_ib_rdata;
    output wire [MW-1:0]     o_il_rdata;
    output wire [NW-1:0]     o_ol_rdata;
    output wire [16:0]       o_xq_rdata;
    output wire [RWW-1:0]    o_kw_rdata;
    output wire              o_pl_rdata;    // the row's plastic flag
    output wire [P*LMW-1:0]  o_lm_rdata;
    output wire [LH*24-1:0]  o_lq_rdata;
    output wire [P-1:0]      o_pf_rdata;

    localparam [CLRW-1:0]  WDEPTH_C = WDEPTH[CLRW-1:0];
    localparam [CLRW-1:0]  N_C      = N[CLRW-1:0];
    localparam [CLRW-1:0]  M_C      = M[CLRW-1:0];
    localparam [CLRW-1:0]  ROWS_C   = ROWS[CLRW-1:0];
    localparam [LQAW-1:0]  SHB      = LQD[LQAW-1:0];   // first word of the register shadow

    // first weight word of a row, row * RW, as shifts and adds of the constant's
    // set bits (a few LUT adders instead of a DSP multiplier)
    function [WAW-1:0] row_base(input [ROWW-1:0] row);
        integer b;
        reg [31:0] acc;
        begin
            acc = 32'd0;
            for (b = 0; b < 16; b = b + 1)
                if (RW[b])
                    acc = acc + ({{(32-ROWW){1'b0}}, row} << b);
            row_base = acc[WAW-1:0];
        end
    endfunction

    // depression-memory address of {word, input set, half}
    function [LQAW-1:0] lq_addr(input [RWW-1:0] word, input in_set, input half);
        reg [LQAW-1:0] a;
        begin
            a = {LQAW{1'b0}};
            a[RWW+1:0] = {word, in_set, half};
            lq_addr = a;
        end
    endfunction

    wire [ROWW-1:0] rb_row  = (i_state == S_SYN)   ? i_syn_row :
                              (i_state == S_LEARN) ? i_ln_w0_row : i_q_row;
    wire [RWW-1:0]  rb_word = (i_state == S_SYN)   ? i_syn_word :
                              (i_state == S_LEARN) ? i_ln_w0_word : i_q_word;
    // dual-port: two banks, the even rows and the odd rows, at (row / 2) * RW + word
    wire [ROWW-1:0] rb_q    = (COMPACT != 0) ? rb_row : {1'b0, rb_row[ROWW-1:1]};
    wire            rb_bank = (COMPACT == 0) && rb_row[0];
    assign o_wm_addr = row_base(rb_q) + {{(WAW-RWW){1'b0}}, rb_word};

    // the neuron update's result as a state word (fields: lc_core_cfg)
    wire [SMW-1:0]  nu_word_st = {i_nu_spike, i_nu_xdec, i_nu_y, i_nu_x, i_nu_theta, i_nu_r,
                                  i_nu_v, i_nu_u};

    // ------------------------------------------------------------------
    // memories
    // ------------------------------------------------------------------
    // weights: ROWS rows of RW words of P synapses {plastic, w[7:0]}; the dual-port
    // core keeps them in two banks (even rows, odd rows) of WBD words
    localparam integer   WBD   = ((ROWS + 1) / 2) * RW;
    localparam integer   WBAW  = (WBD > 1) ? $clog2(WBD) : 1;
    localparam [CLRW-1:0] WBD_C = WBD[CLRW-1:0];
    reg                 wm_re, wm_we, wm_both, wm_ln;
    reg  [WAW-1:0]      wm_raddr, wm_waddr;
    reg  [WWID-1:0]     wm_wdata;
    generate
        if (COMPACT != 0) begin : g_wm_one
            lc_wmem #(.WIDTH(WWID), .DEPTH(WDEPTH)) u_wmem (
                .i_clk(i_clk), .i_we(wm_we), .i_waddr(wm_waddr), .i_wdata(wm_wdata),
                .i_re(wm_re), .i_raddr(wm_raddr), .o_rdata(o_wm_rdata));
            assign o_wm_rdata_b = {WWID{1'b0}};
            wire unused_wb = &{1'b0, wm_both, wm_ln, rb_bank, i_ln_wm_we_b, i_ln_wm_wdata_b, WBD_C};
        end else begin : g_wm_two
            // a request of one row goes to its bank; clearing and learning use both
            wire            we_a = wm_ln ? i_ln_wm_we   : (wm_we && (wm_both || !rb_bank));
            wire            we_b = wm_ln ? i_ln_wm_we_b : (wm_we && (wm_both || rb_bank));
            wire            re_a = wm_re && (wm_both || !rb_bank);
            wire            re_b = wm_re && (wm_both || rb_bank);
            wire [WWID-1:0] rd_a, rd_b;
            reg             rsel;
            always @(posedge i_clk)
                if (wm_re) rsel <= rb_bank && !wm_both;
            lc_wmem #(.WIDTH(WWID), .DEPTH(WBD)) u_wmem_a (
                .i_clk(i_clk), .i_we(we_a), .i_waddr(wm_waddr[WBAW-1:0]), .i_wdata(wm_wdata),
                .i_re(re_a), .i_raddr(wm_raddr[WBAW-1:0]), .o_rdata(rd_a));
            lc_wmem #(.WIDTH(WWID), .DEPTH(WBD)) u_wmem_b (
                .i_clk(i_clk), .i_we(we_b), .i_waddr(wm_waddr[WBAW-1:0]),
                .i_wdata(wm_ln ? i_ln_wm_wdata_b : wm_wdata),
                .i_re(re_b), .i_raddr(wm_raddr[WBAW-1:0]), .o_rdata(rd_b));
            assign o_wm_rdata   = rsel ? rd_b : rd_a;
            assign o_wm_rdata_b = rd_b;
            if (WAW > WBAW) begin : g_wm_pad
                wire unused_wa = &{1'b0, wm_raddr[WAW-1:WBAW], wm_waddr[WAW-1:WBAW]};
            end
        end
    endgenerate

    // neuron parameters {tref, bias, vth, dv, du} and state {pre spiked, decayed x
    // (for learning), y, x, theta, r, v, u}: compact builds write a configured field
    // under a bit mask; dual-port builds (ECP5: byte enables only) read, modify and
    // write the whole word
    reg                 pm_re, pm_we, sm_re, sm_we;
    reg  [NW-1:0]       pm_raddr, pm_waddr, sm_raddr, sm_waddr;
    reg  [PMW-1:0]      pm_wdata, pm_wmask;
    reg  [SMW-1:0]      sm_wdata, sm_wmask;
    // input traces x_in (compact: and the counters after them)
    reg                 xi_re, xi_we;
    reg  [XIW-1:0]      xi_raddr, xi_waddr;
    reg  [15:0]         xi_wdata;
    // pending-input bitmap (removes duplicates; cleared by the input pass) and list
    reg                 ib_re, ib_we, ib_wdata, il_re, il_we;
    reg  [MW-1:0]       ib_raddr, ib_waddr, il_raddr, il_waddr, il_wdata;
    // output spike lists, two banks of N (this step's, previous step's)
    reg                 ol_re, ol_we;
    reg  [NW:0]         ol_raddr, ol_waddr;
    reg  [NW-1:0]       ol_wdata;
    // learning: {pre spiked, decayed x} per axon (the neurons' are in the state word)
    reg                 xq_re, xq_we;
    reg  [MW-1:0]       xq_raddr, xq_waddr;
    reg  [16:0]         xq_wdata;
    // learning: per row, 1 once a word with a plastic synapse was written to it since
    // the last init pass (learning never changes the plastic bits; a row that is 0
    // has nothing to update and the learning phase skips it)
    reg                 pl_re, pl_we, pl_wdata;
    reg  [ROWW-1:0]     pl_raddr, pl_waddr;
    reg                 q_plastic;
    integer             pk;
    always @* begin
        q_plastic = 1'b0;
        for (pk = 0; pk < P; pk = pk + 1)
            q_plastic = q_plastic | i_q_wword[pk * 9 + 8];
    end
    // learning: list of words that hold a neuron that spiked this step
    reg                 kw_re, kw_we;
    reg  [RWW-1:0]      kw_raddr, kw_waddr, kw_wdata;
    // learning, dual-port builds: per lane {post spiked, dep_in, dep_rec} of neuron
    // w*P+l at word w, one memory per lane
    reg                 lm_re;
    reg  [P-1:0]        lm_we;
    reg  [RWW-1:0]      lm_raddr, lm_waddr;
    reg  [LMW-1:0]      lm_wdata;
    // learning, compact builds: the depression terms of a half word (LH lanes) at
    // {word, input set, half} (then the register shadow), and the post-spike flags
    reg                 lq_re;
    reg  [LH-1:0]       lq_we;
    reg  [LQAW-1:0]     lq_raddr, lq_waddr;
    reg  [23:0]         lq_wdata;
    reg                 pf_re, pf_we;
    reg  [RWW-1:0]      pf_raddr, pf_waddr;
    reg  [P-1:0]        pf_wdata;

    lc_ram_sdp #(.WIDTH(16), .DEPTH(XID)) u_ximem (
        .i_clk(i_clk), .i_we(xi_we), .i_waddr(xi_waddr[XIRW-1:0]), .i_wdata(xi_wdata),
        .i_re(xi_re), .i_raddr(xi_raddr[XIRW-1:0]), .o_rdata(o_xi_rdata));
    lc_ram_sdp #(.WIDTH(1), .DEPTH(M)) u_ibits (
        .i_clk(i_clk), .i_we(ib_we), .i_waddr(ib_waddr), .i_wdata(ib_wdata),
        .i_re(ib_re), .i_raddr(ib_raddr), .o_rdata(o_ib_rdata));
    lc_ram_sdp #(.WIDTH(MW), .DEPTH(M)) u_ilist (
        .i_clk(i_clk), .i_we(il_we), .i_waddr(il_waddr), .i_wdata(il_wdata),
        .i_re(il_re), .i_raddr(il_raddr), .o_rdata(o_il_rdata));
    lc_ram_sdp #(.WIDTH(NW), .DEPTH(2 << NW)) u_olist (
        .i_clk(i_clk), .i_we(ol_we), .i_waddr(ol_waddr), .i_wdata(ol_wdata),
        .i_re(ol_re), .i_raddr(ol_raddr), .o_rdata(o_ol_rdata));
    lc_ram_sdp #(.WIDTH(17), .DEPTH(M)) u_xpin (
        .i_clk(i_clk), .i_we(xq_we), .i_waddr(xq_waddr), .i_wdata(xq_wdata),
        .i_re(xq_re), .i_raddr(xq_raddr), .o_rdata(o_xq_rdata));
    lc_ram_sdp #(.WIDTH(1), .DEPTH(ROWS)) u_plrow (
        .i_clk(i_clk), .i_we(pl_we), .i_waddr(pl_waddr), .i_wdata(pl_wdata),
        .i_re(pl_re), .i_raddr(pl_raddr), .o_rdata(o_pl_rdata));
    lc_ram_sdp #(.WIDTH(RWW), .DEPTH(RW)) u_kwlist (
        .i_clk(i_clk), .i_we(kw_we), .i_waddr(kw_waddr), .i_wdata(kw_wdata),
        .i_re(kw_re), .i_raddr(kw_raddr), .o_rdata(o_kw_rdata));

    genvar gl;
    generate
        if (COMPACT != 0) begin : g_compact
            lc_ram_mask #(.WIDTH(PMW), .DEPTH(N)) u_pmem (
                .i_clk(i_clk), .i_we(pm_we), .i_wmask(pm_wmask), .i_waddr(pm_waddr),
                .i_wdata(pm_wdata), .i_re(pm_re), .i_raddr(pm_raddr), .o_rdata(o_pm_rdata));
            lc_ram_mask #(.WIDTH(SMW), .DEPTH(N)) u_smem (
                .i_clk(i_clk), .i_we(sm_we), .i_wmask(sm_wmask), .i_waddr(sm_waddr),
                .i_wdata(sm_wdata), .i_re(sm_re), .i_raddr(sm_raddr), .o_rdata(o_sm_rdata));
            reg [LH*24-1:0] lq_mask;
            integer lb;
            always @* begin
                for (lb = 0; lb < LH * 24; lb = lb + 1)
                    lq_mask[lb] = lq_we[lb / 24];
            end
            lc_ram_mask #(.WIDTH(LH * 24), .DEPTH(LQD + 32)) u_lqmem (
                .i_clk(i_clk), .i_we(|lq_we), .i_wmask(lq_mask), .i_waddr(lq_waddr),
                .i_wdata({LH{lq_wdata}}), .i_re(lq_re), .i_raddr(lq_raddr), .o_rdata(o_lq_rdata));
            lc_ram_sdp #(.WIDTH(P), .DEPTH(RW)) u_pfmem (
                .i_clk(i_clk), .i_we(pf_we), .i_waddr(pf_waddr), .i_wdata(pf_wdata),
                .i_re(pf_re), .i_raddr(pf_raddr), .o_rdata(o_pf_rdata));
            assign o_lm_rdata = {(P*LMW){1'b0}};
            wire unused_lm = &{1'b0, lm_re, lm_we, lm_raddr, lm_waddr, lm_wdata};
        end else begin : g_dual
            lc_ram_sdp #(.WIDTH(PMW), .DEPTH(N)) u_pmem (
                .i_clk(i_clk), .i_we(pm_we), .i_waddr(pm_waddr), .i_wdata(pm_wdata),
                .i_re(pm_re), .i_raddr(pm_raddr), .o_rdata(o_pm_rdata));
            lc_ram_sdp #(.WIDTH(SMW), .DEPTH(N)) u_smem (
                .i_clk(i_clk), .i_we(sm_we), .i_waddr(sm_waddr), .i_wdata(sm_wdata),
                .i_re(sm_re), .i_raddr(sm_raddr), .o_rdata(o_sm_rdata));
            for (gl = 0; gl < P; gl = gl + 1) begin : g_lane_mem
                lc_ram_sdp #(.WIDTH(LMW), .DEPTH(RW)) u_lmem (
                    .i_clk(i_clk), .i_we(lm_we[gl]), .i_waddr(lm_waddr), .i_wdata(lm_wdata),
                    .i_re(lm_re), .i_raddr(lm_raddr), .o_rdata(o_lm_rdata[gl*LMW +: LMW]));
            end
            assign o_lq_rdata = {(LH*24){1'b0}};
            assign o_pf_rdata = {P{1'b0}};
            wire unused_lq = &{1'b0, pm_wmask, sm_wmask, lq_re, lq_we, lq_raddr, lq_waddr,
                               lq_wdata, pf_re, pf_we, pf_raddr, pf_waddr, pf_wdata};
        end
    endgenerate

    // ------------------------------------------------------------------
    // port multiplexers
    // ------------------------------------------------------------------
    wire clearing = (i_state == S_INIT) || (i_state == S_CLEAR);
    always @* begin
        wm_re = 1'b0; wm_raddr = {WAW{1'b0}};
        wm_we = 1'b0; wm_waddr = {WAW{1'b0}}; wm_wdata = {WWID{1'b0}}; wm_both = 1'b0;
        wm_ln = 1'b0;
        // compact: the state write data is the neuron result OR the configured field:
        // the neuron update's outputs are 0 while no neuron is in flight, and the
        // request's data is 0 while stepping and clearing (the clear passes write zeros)
        pm_re = 1'b0; pm_raddr = {NW{1'b0}}; pm_we = 1'b0; pm_waddr = {NW{1'b0}};
        pm_wdata = (COMPACT != 0) ? i_pm_rep : {PMW{1'b0}};
        sm_re = 1'b0; sm_raddr = {NW{1'b0}}; sm_we = 1'b0; sm_waddr = {NW{1'b0}};
        sm_wdata = (COMPACT != 0) ? (nu_word_st | i_sm_rep) : {SMW{1'b0}};
        pm_wmask = {PMW{1'b1}}; sm_wmask = {SMW{1'b1}};
        xi_re = 1'b0; xi_raddr = {XIW{1'b0}}; xi_we = 1'b0; xi_waddr = {XIW{1'b0}}; xi_wdata = 16'd0;
        ib_re = 1'b0; ib_raddr = {MW{1'b0}}; ib_we = 1'b0; ib_waddr = {MW{1'b0}}; ib_wdata = 1'b0;
        il_re = 1'b0; il_raddr = {MW{1'b0}}; il_we = 1'b0; il_waddr = {MW{1'b0}}; il_wdata = {MW{1'b0}};
        ol_re = 1'b0; ol_raddr = {(NW+1){1'b0}}; ol_we = 1'b0; ol_waddr = {(NW+1){1'b0}}; ol_wdata = {NW{1'b0}};
        xq_re = 1'b0; xq_raddr = {MW{1'b0}}; xq_we = 1'b0; xq_waddr = {MW{1'b0}}; xq_wdata = 17'd0;
        pl_re = 1'b0; pl_raddr = {ROWW{1'b0}}; pl_we = 1'b0; pl_waddr = {ROWW{1'b0}}; pl_wdata = 1'b0;
        kw_re = 1'b0; kw_raddr = {RWW{1'b0}}; kw_we = 1'b0; kw_waddr = {RWW{1'b0}}; kw_wdata = {RWW{1'b0}};
        lm_re = 1'b0; lm_raddr = {RWW{1'b0}}; lm_we = {P{1'b0}}; lm_waddr = {RWW{1'b0}}; lm_wdata = {LMW{1'b0}};
        lq_re = 1'b0; lq_raddr = {LQAW{1'b0}}; lq_we = {LH{1'b0}}; lq_waddr = {LQAW{1'b0}}; lq_wdata = 24'd0;
        pf_re = 1'b0; pf_raddr = {RWW{1'b0}}; pf_we = 1'b0; pf_waddr = {RWW{1'b0}}; pf_wdata = {P{1'b0}};

        // --- clearing (init: everything; reset state: state, traces, inputs)
        if (clearing) begin
            wm_we    = (i_state == S_INIT) && (i_cl_cnt < ((COMPACT != 0) ? WDEPTH_C : WBD_C));
            wm_waddr = i_cl_cnt[WAW-1:0];
            wm_both  = 1'b1;
            pm_we    = (i_state == S_INIT) && (i_cl_cnt < N_C);
            pm_waddr = i_cl_cnt[NW-1:0];
            sm_we    = (i_cl_cnt < N_C);
            sm_waddr = i_cl_cnt[NW-1:0];
            xi_we    = (i_cl_cnt < M_C);
            xi_waddr = {{(XIW-MW){1'b0}}, i_cl_cnt[MW-1:0]};
            ib_we    = (i_cl_cnt < M_C);
            ib_waddr = i_cl_cnt[MW-1:0];
            pl_we    = (i_state == S_INIT) && (i_cl_cnt < ROWS_C);
            pl_waddr = i_cl_cnt[ROWW-1:0];
            if (COMPACT != 0 && i_state == S_INIT && i_sh_init && i_cl_cnt < 32) begin
                lq_we    = {{(LH-1){1'b0}}, 1'b1};
                lq_waddr = SHB + {{(LQAW-5){1'b0}}, i_cl_cnt[4:0]};
                lq_wdata = i_sh_rval;
            end
        end

        // --- core register shadow (compact): written with the register, read back
        if (i_state == S_CFG1 && i_q_sh) begin
            lq_re    = !i_q_write;
            lq_raddr = SHB + {{(LQAW-5){1'b0}}, i_q_off[4:0]};
            lq_we    = {{(LH-1){1'b0}}, i_q_write};
            lq_waddr = SHB + {{(LQAW-5){1'b0}}, i_q_off[4:0]};
            lq_wdata = i_sh_wval;
        end

        // --- counters in block RAM (compact)
        if (i_cx_re) begin
            xi_re = 1'b1; xi_raddr = i_cx_raddr;
        end
        if (i_cx_we) begin
            xi_we = 1'b1; xi_waddr = i_cx_waddr; xi_wdata = i_cx_wdata;
        end

        // --- configuration requests
        if (i_state == S_CFG1 && i_q_ok) begin
            pm_re = (i_q_reg == 4'd1); pm_raddr = i_q_off[NW+2:3];
            sm_re = (i_q_reg == 4'd2); sm_raddr = i_q_off[NW+2:3];
            xi_re = (i_q_reg == 4'd3); xi_raddr = {{(XIW-MW){1'b0}}, i_q_off[MW-1:0]};
            wm_re = (i_q_reg == 4'd4); wm_raddr = o_wm_addr;
        end
        if (i_state == S_CFG2 && i_q_write) begin
            pm_we = (i_q_reg == 4'd1); pm_waddr = i_q_off[NW+2:3];
            sm_we = (i_q_reg == 4'd2); sm_waddr = i_q_off[NW+2:3];
            if (COMPACT != 0) begin
                pm_wmask = i_pm_msk;
                sm_wmask = i_sm_msk;
            end else begin
                pm_wdata = i_pm_new; sm_wdata = i_sm_new;
            end
            xi_we = (i_q_reg == 4'd3); xi_waddr = {{(XIW-MW){1'b0}}, i_q_off[MW-1:0]};
            xi_wdata = i_q_wdata[15:0];
            wm_we = (i_q_reg == 4'd4); wm_waddr = o_wm_addr;     wm_wdata = i_q_wword;
            pl_we = (i_q_reg == 4'd4) && q_plastic; pl_waddr = i_q_row; pl_wdata = 1'b1;
        end

        // --- input spike push (duplicate check, then append)
        if (i_state == S_IDLE && !i_cfg_valid && i_in_valid && (i_in_idx < M_16)) begin
            ib_re = 1'b1; ib_raddr = i_in_idx[MW-1:0];
        end
        if (i_state == S_PUSH && !o_ib_rdata) begin
            ib_we = 1'b1; ib_waddr = i_push_idx; ib_wdata = 1'b1;
            il_we = 1'b1; il_waddr = i_in_cnt[MW-1:0]; il_wdata = i_push_idx;
        end

        // --- synaptic stage
        if (i_syn_rd) begin
            il_re = 1'b1; il_raddr = i_syn_il_raddr;
            ol_re = 1'b1; ol_raddr = i_syn_ol_raddr;
        end
        if (i_syn_wm_re) begin
            wm_re = 1'b1; wm_raddr = o_wm_addr;
        end

        // --- neuron pass
        if (i_ni_take) begin
            pm_re = 1'b1; pm_raddr = i_ni_idx;
            sm_re = 1'b1; sm_raddr = i_ni_idx;
        end
        if (i_nu_valid) begin
            sm_we = 1'b1; sm_waddr = i_nu_idx;
            if (COMPACT == 0)
                sm_wdata = nu_word_st;
            else
                sm_wmask = {{(SMW-48){1'b1}}, {24{!i_nu_keep_v}}, {24{1'b1}}};
            lq_we = i_nu_slot1h; lq_waddr = lq_addr(i_nu_word, 1'b0, i_nu_half);
            lq_wdata = i_nu_dep_rec;
            pf_we = i_nu_lastw; pf_waddr = i_nu_word; pf_wdata = i_pf_cur;
            lm_we[i_nu_lane] = 1'b1; lm_waddr = i_nu_word;
            lm_wdata = {i_nu_spike, i_nu_dep_in, i_nu_dep_rec};
            ol_we = i_nu_spike; ol_waddr = {i_cur_bank, i_out_cnt[NW-1:0]}; ol_wdata = i_nu_idx;
            kw_we = i_kw_we; kw_waddr = i_kw_cnt[RWW-1:0]; kw_wdata = i_nu_word;
        end
        if (i_nu_first) begin       // compact: dep_in the cycle before the neuron's result
            lq_we = i_nu_slot1h; lq_waddr = lq_addr(i_nu_word, 1'b1, i_nu_half);
            lq_wdata = i_nu_dep_in;
        end

        // --- input pass
        if (i_ip_rd) begin
            xi_re = 1'b1; xi_raddr = {{(XIW-MW){1'b0}}, i_ip_raddr};
            ib_re = 1'b1; ib_raddr = i_ip_raddr;
        end
        if (i_ip_wr) begin
            xi_we = 1'b1; xi_waddr = {{(XIW-MW){1'b0}}, i_ip_waddr}; xi_wdata = i_ip_x_new;
            xq_we = 1'b1; xq_waddr = i_ip_waddr; xq_wdata = i_ip_x_pre;
            ib_we = 1'b1; ib_waddr = i_ip_waddr; ib_wdata = 1'b0;
        end

        // --- learning
        if (i_ln_il_rd) begin
            il_re = 1'b1; il_raddr = i_ln_il_raddr;
        end
        if (i_ln_row_rd) begin
            pl_re = 1'b1; pl_raddr = i_ln_pl_raddr;
            sm_re = 1'b1; sm_raddr = i_ln_sm_raddr;
            xq_re = 1'b1; xq_raddr = i_ln_xq_raddr;
        end
        if (i_ln_kw_rd) begin
            kw_re = 1'b1; kw_raddr = i_ln_kw_raddr;
        end
        if (i_ln_w0_valid) begin    // each variant has only its own learning memories
            wm_re = 1'b1; wm_raddr = o_wm_addr; wm_both = 1'b1;
            lm_re = 1'b1; lm_raddr = i_ln_w0_word;
            lq_re = 1'b1; lq_raddr = lq_addr(i_ln_w0_word, i_ln_w0_in, 1'b0);
            pf_re = 1'b1; pf_raddr = i_ln_w0_word;
        end
        if (i_ln_rd_hi) begin       // compact: the second half's depression terms
            lq_re = 1'b1; lq_raddr = lq_addr(i_ln_w1_w, i_ln_w1_in, 1'b1);
        end
        if (i_ln_wm_we || i_ln_wm_we_b) begin   // dual-port: lanes a (even), b (odd bank)
            wm_we = i_ln_wm_we; wm_waddr = i_ln_wm_waddr; wm_wdata = i_ln_wm_wdata;
            wm_ln = 1'b1;
        end
    end
    // list positions keep only their index bits (a count reaches N, M or RW)
    wire unused = &{1'b0, i_q_off, i_q_wdata[31:16], i_ln_w1_valid, i_in_cnt, i_out_cnt, i_kw_cnt};
    generate
        if (XIW > XIRW) begin : g_xi_pad
            wire unused_xi = &{1'b0, xi_raddr[XIW-1:XIRW], xi_waddr[XIW-1:XIRW]};
        end
    endgenerate
endmodule

`default_nettype wire
