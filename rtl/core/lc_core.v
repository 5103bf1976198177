// lc_core.v : N all-to-all LIF neurons with M input axons and on-chip STDP, event driven
// Structural top: the step sequencer, the configuration port, the synaptic stage, the
// neuron and input passes, the learning engine, the counters and the memories.
// SPDX-License-Identifier: MIT
`default_nettype none

// A step: the synaptic stage accumulates word by word while the neuron pass drains
// completed words and the input pass updates the axon traces; then the learning engine
// rewrites each touched weight word once (docs/architecture.md, "A timestep's phases").
// The two variants differ only in the units chosen in g_variant below (and the RAM
// wrappers lc_core_mem picks): COMPACT=1 for small FPGAs with a single-ported weight
// memory (iCE40 SPRAM): a neuron every other cycle on shared multipliers, the STDP
// lanes of a word in two halves, the counters and a register shadow in block RAM.
module lc_core #(
    parameter integer N       = 64,  // neurons, 2..4096
    parameter integer M       = 32,  // input axons, 1..4096
    parameter integer P       = 4,   // synapses per weight word (lanes), 1..16
    parameter integer COMPACT = 0,   // 1: the compact variant (single-port weight memory)
    parameter integer CNT_W   = 48   // bits of the statistics counters, 33..64
) (
    i_clk, i_rst,
    i_cfg_valid, i_cfg_write, i_cfg_addr, i_cfg_wdata, o_cfg_ready, o_cfg_rvalid, o_cfg_rdata,
    i_in_valid, i_in_idx, o_in_ready,
    i_step, o_busy, o_step_done,
    o_out_valid, o_out_idx
);
`include "lc_core_geom.vh"
    input  wire         i_clk;
    input  wire         i_rst;           // synchronous, active high
    // configuration bus (docs/architecture.md, address map)
    input  wire         i_cfg_valid;
    input  wire         i_cfg_write;
    input  wire [27:0]  i_cfg_addr;
    input  wire [31:0]  i_cfg_wdata;
    output wire         o_cfg_ready;
    output wire         o_cfg_rvalid;
    output wire [31:0]  o_cfg_rdata;
    // input spikes for the next step
    input  wire         i_in_valid;
    input  wire [15:0]  i_in_idx;
    output wire         o_in_ready;
    // step control
    input  wire         i_step;
    output wire         o_busy;
    output wire         o_step_done;
    // output spikes, ascending, at most one per cycle, no backpressure
    output wire         o_out_valid;
    output wire [15:0]  o_out_idx;

    initial begin
        if (N < 2 || N > 4096) $error("lc_core: N must be 2..4096");
        if (M < 1 || M > 4096) $error("lc_core: M must be 1..4096");
        if (P < 1 || P > 16)   $error("lc_core: P must be 1..16");
        if (COMPACT != 0 && P < 2) $error("lc_core: the compact core needs P >= 2");
        if (ROWW + RWW + LW > 24) $error("lc_core: synapse addresses exceed the 24-bit offset");
    end

    // ------------------------------------------------------------------
    // wires between the units, by the unit that drives them
    // ------------------------------------------------------------------
    // sequencer
    wire [3:0]          state;
    wire                step_start, learn_start, drop, sh_init, cur_bank;
    wire [CLRW-1:0]     cl_cnt;
    wire [MCW-1:0]      in_cnt;
    wire [NCW-1:0]      prev_cnt;
    wire [MW-1:0]       push_idx;
    wire [CYW-1:0]      step_cyc;
    // configuration port
    wire                q_long, ctl, q_write, q_ok, q_sh;
    wire [2:0]          ctl_bits;
    wire [3:0]          q_reg;
    wire [23:0]         q_off;
    wire [ROWW-1:0]     q_row;
    wire [RWW-1:0]      q_word;
    wire [31:0]         q_wdata;
    wire [WWID-1:0]     q_wword;
    wire [PMW-1:0]      pm_new, pm_rep, pm_msk;
    wire [SMW-1:0]      sm_new, sm_rep, sm_msk;
    wire [23:0]         sh_wval, sh_rval;
    wire [12:0]         pm_du, pm_dv;
    wire [22:0]         pm_vth;
    wire signed [23:0]  pm_bias;
    wire [5:0]          pm_tref;
    wire signed [23:0]  sm_u, sm_v;
    wire [5:0]          sm_r;
    wire [22:0]         sm_th;
    wire [15:0]         sm_x, sm_y;
    wire [16:0]         sm_xpre;
    wire [3:0]          r_w_shift;
    wire signed [23:0]  r_v_reset;
    wire [22:0]         r_theta_plus;
    wire [12:0]         r_d_theta, r_dx, r_dy;
    wire [15:0]         r_x_imp, r_y_imp;
    wire                r_learning;
    wire [7:0]          r_ap_in, r_am_in, r_ap_rec, r_am_rec;
    wire [4:0]          r_sp_in, r_sm_in, r_sp_rec, r_sm_rec;
    wire signed [7:0]   r_wmin_in, r_wmax_in, r_wmin_rec, r_wmax_rec;
    // counters
    wire [31:0]         cnt_rdata;
    wire                q_is_cnt, cr_cnt, q_more, cnt_end, cnt_drop, cclr_last;
    wire                cx_re, cx_we;
    wire [XIW-1:0]      cx_raddr, cx_waddr;
    wire [15:0]         cx_wdata;
    // synaptic stage
    wire                syn_rd, syn_wm_re;
    wire [MW-1:0]       syn_il_raddr;
    wire [NW:0]         syn_ol_raddr;
    wire [ROWW-1:0]     syn_row;
    wire [RWW-1:0]      syn_word;
    wire [1:0]          acc_full;
    wire signed [AW-1:0] acc_sum;
    // neuron pass
    wire                ni_take, ni_bank, ni_last, n0_valid;
    wire [LW-1:0]       ni_lane;
    wire [NW-1:0]       ni_idx, nu_idx;
    wire [TAGW-1:0]     n0_tag;
    wire signed [AW-1:0] n0_a;
    wire [LW-1:0]       nu_lane;
    wire [RWW-1:0]      nu_word;
    wire                nu_lastw, nu_half, kw_we, np_done;
    wire [LH-1:0]       nu_slot1h;
    wire [P-1:0]        pf_cur;
    wire [NCW-1:0]      out_cnt;
    wire [RCW-1:0]      kw_cnt;
    // neuron update unit
    wire                nu_valid, nu_spike, nu_keep_v, nu_first;
    wire [TAGW-1:0]     nu_tag;
    wire signed [23:0]  nu_u, nu_v;
    wire [5:0]          nu_r;
    wire [22:0]         nu_theta;
    wire [15:0]         nu_x, nu_y, nu_xdec;
    wire [23:0]         nu_dep_in, nu_dep_rec;
    // input pass
    wire                ip_rd, ip_wr, ip_done, ip_busy;
    wire [MW-1:0]       ip_raddr, ip_waddr;
    wire [15:0]         ip_x_new;
    wire [16:0]         ip_x_pre;
    // learning engine and lanes
    wire                ln_il_rd, ln_row_rd, ln_kw_rd, ln_w0_valid, ln_w0_in, ln_w1_valid;
    wire                ln_w1_in, ln_done, ln_busy, ln_rd_hi, ln_wm_we;
    wire [MW-1:0]       ln_il_raddr, ln_xq_raddr;
    wire [NW-1:0]       ln_sm_raddr;
    wire [ROWW-1:0]     ln_pl_raddr;
    wire                pl_rdata;
    wire [RWW-1:0]      ln_kw_raddr, ln_w0_word, ln_w1_w;
    wire [ROWW-1:0]     ln_w0_row;
    wire [WAW-1:0]      ln_w1_addr, ln_wm_waddr;
    wire [WWID-1:0]     ln_wm_wdata;
    // dual-port: the odd rows' bank (lc_core_learn2 updates two rows a cycle)
    wire                ln_wm_we_b;
    wire [WWID-1:0]     ln_wm_wdata_b;
    // memories
    wire [WAW-1:0]      wm_addr;
    wire [WWID-1:0]     wm_rdata, wm_rdata_b;
    wire [PMW-1:0]      pm_rdata;
    wire [SMW-1:0]      sm_rdata;
    wire [15:0]         xi_rdata;
    wire                ib_rdata;
    wire [MW-1:0]       il_rdata;
    wire [NW-1:0]       ol_rdata;
    wire [16:0]         xq_rdata;
    wire [RWW-1:0]      kw_rdata;
    wire [P*LMW-1:0]    lm_rdata;
    wire [LH*24-1:0]    lq_rdata;
    wire [P-1:0]        pf_rdata;

    // ------------------------------------------------------------------
    // units
    // ------------------------------------------------------------------
    lc_core_seq #(.N(N), .M(M), .P(P), .COMPACT(COMPACT)) u_seq (
        .i_clk(i_clk), .i_rst(i_rst), .i_cfg_valid(i_cfg_valid), .i_step(i_step),
        .i_in_valid(i_in_valid), .i_in_idx(i_in_idx),
        .i_q_long(q_long), .i_q_more(q_more), .i_ctl(ctl), .i_ctl_bits(ctl_bits),
        .i_dup(ib_rdata), .i_pass_done(np_done && ip_done && !ip_busy),
        .i_learning(r_learning), .i_out_any(out_cnt != 0), .i_learn_done(ln_done),
        .i_cnt_end(cnt_end), .i_cnt_drop(cnt_drop), .i_cclr_last(cclr_last),
        .i_out_cnt(out_cnt),
        .o_state(state), .o_step_start(step_start), .o_learn_start(learn_start), .o_drop(drop),
        .o_cl_cnt(cl_cnt), .o_sh_init(sh_init), .o_in_cnt(in_cnt), .o_prev_cnt(prev_cnt),
        .o_cur_bank(cur_bank), .o_push_idx(push_idx), .o_step_cyc(step_cyc),
        .o_cfg_ready(o_cfg_ready), .o_in_ready(o_in_ready), .o_busy(o_busy),
        .o_step_done(o_step_done));

    lc_core_cfg #(.N(N), .M(M), .P(P), .COMPACT(COMPACT)) u_cfg (
        .i_clk(i_clk), .i_rst(i_rst), .i_state(state), .i_cfg_write(i_cfg_write),
        .i_cfg_addr(i_cfg_addr), .i_cfg_wdata(i_cfg_wdata),
        .i_pm_rdata(pm_rdata), .i_sm_rdata(sm_rdata), .i_wm_rdata(wm_rdata),
        .i_xi_rdata(xi_rdata), .i_sh_rdata(lq_rdata[23:0]), .i_cl_cnt(cl_cnt[4:0]),
        .i_cnt_rdata(cnt_rdata), .i_q_is_cnt(q_is_cnt), .i_cr_cnt(cr_cnt), .i_q_more(q_more),
        .o_cfg_rvalid(o_cfg_rvalid), .o_cfg_rdata(o_cfg_rdata), .o_q_long(q_long),
        .o_ctl(ctl), .o_ctl_bits(ctl_bits),
        .o_q_reg(q_reg), .o_q_write(q_write), .o_q_off(q_off), .o_q_ok(q_ok), .o_q_row(q_row),
        .o_q_word(q_word), .o_q_wdata(q_wdata), .o_q_wword(q_wword),
        .o_pm_new(pm_new), .o_sm_new(sm_new), .o_pm_rep(pm_rep), .o_pm_msk(pm_msk),
        .o_sm_rep(sm_rep), .o_sm_msk(sm_msk), .o_q_sh(q_sh), .o_sh_wval(sh_wval),
        .o_sh_rval(sh_rval),
        .o_pm_du(pm_du), .o_pm_dv(pm_dv), .o_pm_vth(pm_vth), .o_pm_bias(pm_bias),
        .o_pm_tref(pm_tref), .o_sm_u(sm_u), .o_sm_v(sm_v), .o_sm_r(sm_r), .o_sm_th(sm_th),
        .o_sm_x(sm_x), .o_sm_y(sm_y), .o_sm_xpre(sm_xpre),
        .o_w_shift(r_w_shift), .o_v_reset(r_v_reset), .o_theta_plus(r_theta_plus),
        .o_d_theta(r_d_theta), .o_dx(r_dx), .o_dy(r_dy), .o_x_imp(r_x_imp), .o_y_imp(r_y_imp),
        .o_learning(r_learning),
        .o_ap_in(r_ap_in), .o_am_in(r_am_in), .o_sp_in(r_sp_in), .o_sm_in(r_sm_in),
        .o_wmin_in(r_wmin_in), .o_wmax_in(r_wmax_in),
        .o_ap_rec(r_ap_rec), .o_am_rec(r_am_rec), .o_sp_rec(r_sp_rec), .o_sm_rec(r_sm_rec),
        .o_wmin_rec(r_wmin_rec), .o_wmax_rec(r_wmax_rec));

    lc_core_syn #(.N(N), .M(M), .P(P), .COMPACT(COMPACT)) u_syn (
        .i_clk(i_clk), .i_rst(i_rst), .i_state(state), .i_step_start(step_start),
        .i_in_cnt(in_cnt), .i_prev_cnt(prev_cnt), .i_cur_bank(cur_bank),
        .i_il_rdata(il_rdata), .i_ol_rdata(ol_rdata), .i_wm_rdata(wm_rdata),
        .i_take(ni_take), .i_take_bank(ni_bank), .i_take_lane(ni_lane), .i_take_last(ni_last),
        .o_rd(syn_rd), .o_il_raddr(syn_il_raddr), .o_ol_raddr(syn_ol_raddr),
        .o_wm_re(syn_wm_re), .o_row(syn_row), .o_word(syn_word), .o_full(acc_full),
        .o_sum(acc_sum));

    lc_core_neurons #(.N(N), .M(M), .P(P), .COMPACT(COMPACT)) u_neurons (
        .i_clk(i_clk), .i_rst(i_rst), .i_state(state), .i_step_start(step_start),
        .i_full(acc_full), .i_sum(acc_sum),
        .i_nu_valid(nu_valid), .i_nu_tag(nu_tag), .i_nu_spike(nu_spike),
        .o_take(ni_take), .o_take_bank(ni_bank), .o_take_lane(ni_lane), .o_take_last(ni_last),
        .o_idx(ni_idx), .o_n0_valid(n0_valid), .o_n0_tag(n0_tag), .o_n0_a(n0_a),
        .o_nu_idx(nu_idx), .o_nu_lane(nu_lane), .o_nu_word(nu_word), .o_nu_lastw(nu_lastw),
        .o_nu_half(nu_half), .o_nu_slot1h(nu_slot1h), .o_pf_cur(pf_cur), .o_kw_we(kw_we),
        .o_out_cnt(out_cnt), .o_kw_cnt(kw_cnt), .o_done(np_done),
        .o_out_valid(o_out_valid), .o_out_idx(o_out_idx));

    lc_core_inputs #(.N(N), .M(M), .P(P), .COMPACT(COMPACT)) u_inputs (
        .i_clk(i_clk), .i_rst(i_rst), .i_state(state), .i_step_start(step_start),
        .i_xi_rdata(xi_rdata), .i_ib_rdata(ib_rdata), .i_dx(r_dx), .i_x_imp(r_x_imp),
        .o_rd(ip_rd), .o_raddr(ip_raddr), .o_wr(ip_wr), .o_waddr(ip_waddr),
        .o_x_new(ip_x_new), .o_x_pre(ip_x_pre), .o_done(ip_done), .o_busy(ip_busy));

    lc_core_mem #(.N(N), .M(M), .P(P), .COMPACT(COMPACT)) u_mem (
        .i_clk(i_clk),
        .i_state(state), .i_cl_cnt(cl_cnt), .i_sh_init(sh_init), .i_cfg_valid(i_cfg_valid),
        .i_in_valid(i_in_valid), .i_in_idx(i_in_idx), .i_push_idx(push_idx), .i_in_cnt(in_cnt),
        .i_cur_bank(cur_bank),
        .i_q_reg(q_reg), .i_q_write(q_write), .i_q_off(q_off), .i_q_ok(q_ok), .i_q_row(q_row),
        .i_q_word(q_word), .i_q_wdata(q_wdata), .i_q_wword(q_wword),
        .i_pm_new(pm_new), .i_sm_new(sm_new), .i_pm_rep(pm_rep), .i_pm_msk(pm_msk),
        .i_sm_rep(sm_rep), .i_sm_msk(sm_msk), .i_q_sh(q_sh), .i_sh_wval(sh_wval),
        .i_sh_rval(sh_rval),
        .i_cx_re(cx_re), .i_cx_raddr(cx_raddr), .i_cx_we(cx_we), .i_cx_waddr(cx_waddr),
        .i_cx_wdata(cx_wdata),
        .i_syn_rd(syn_rd), .i_syn_il_raddr(syn_il_raddr), .i_syn_ol_raddr(syn_ol_raddr),
        .i_syn_wm_re(syn_wm_re), .i_syn_row(syn_row), .i_syn_word(syn_word),
        .i_ni_take(ni_take), .i_ni_idx(ni_idx), .i_nu_valid(nu_valid), .i_nu_first(nu_first),
        .i_nu_keep_v(nu_keep_v), .i_nu_idx(nu_idx), .i_nu_lane(nu_lane), .i_nu_word(nu_word),
        .i_nu_lastw(nu_lastw), .i_nu_half(nu_half), .i_nu_slot1h(nu_slot1h), .i_pf_cur(pf_cur),
        .i_kw_we(kw_we), .i_out_cnt(out_cnt), .i_kw_cnt(kw_cnt),
        .i_nu_spike(nu_spike), .i_nu_u(nu_u), .i_nu_v(nu_v), .i_nu_r(nu_r),
        .i_nu_theta(nu_theta), .i_nu_x(nu_x), .i_nu_y(nu_y), .i_nu_xdec(nu_xdec),
        .i_nu_dep_in(nu_dep_in), .i_nu_dep_rec(nu_dep_rec),
        .i_ip_rd(ip_rd), .i_ip_raddr(ip_raddr), .i_ip_wr(ip_wr), .i_ip_waddr(ip_waddr),
        .i_ip_x_new(ip_x_new), .i_ip_x_pre(ip_x_pre),
        .i_ln_il_rd(ln_il_rd), .i_ln_il_raddr(ln_il_raddr), .i_ln_row_rd(ln_row_rd),
        .i_ln_pl_raddr(ln_pl_raddr),
        .i_ln_sm_raddr(ln_sm_raddr), .i_ln_xq_raddr(ln_xq_raddr), .i_ln_kw_rd(ln_kw_rd),
        .i_ln_kw_raddr(ln_kw_raddr), .i_ln_w0_valid(ln_w0_valid), .i_ln_w0_row(ln_w0_row),
        .i_ln_w0_word(ln_w0_word), .i_ln_w0_in(ln_w0_in), .i_ln_w1_valid(ln_w1_valid),
        .i_ln_w1_w(ln_w1_w), .i_ln_w1_in(ln_w1_in), .i_ln_rd_hi(ln_rd_hi),
        .i_ln_wm_we(ln_wm_we), .i_ln_wm_waddr(ln_wm_waddr), .i_ln_wm_wdata(ln_wm_wdata),
        .i_ln_wm_we_b(ln_wm_we_b), .i_ln_wm_wdata_b(ln_wm_wdata_b),
        .o_wm_addr(wm_addr), .o_wm_rdata(wm_rdata), .o_wm_rdata_b(wm_rdata_b),
        .o_pm_rdata(pm_rdata),
        .o_sm_rdata(sm_rdata), .o_xi_rdata(xi_rdata), .o_ib_rdata(ib_rdata),
        .o_il_rdata(il_rdata), .o_ol_rdata(ol_rdata), .o_xq_rdata(xq_rdata),
        .o_kw_rdata(kw_rdata), .o_pl_rdata(pl_rdata), .o_lm_rdata(lm_rdata),
        .o_lq_rdata(lq_rdata),
        .o_pf_rdata(pf_rdata));

    // ------------------------------------------------------------------
    // the variant: the units that differ, chosen here only
    // ------------------------------------------------------------------
    generate
        if (COMPACT != 0) begin : g_variant
            // a neuron every other cycle on shared multipliers; in the learning phase
            // its depression multiplier computes the rows' potentiation (i_aux)
            wire                ln_w1_pre, ln_slot;
            wire [7:0]          ln_w0_ap;
            wire [15:0]         ln_w0_x;
            wire [4:0]          ln_w0_sp;
            wire [23:0]         ln_pot, ln_w1_pot;
            assign ln_wm_we_b    = 1'b0;
            assign ln_wm_wdata_b = {WWID{1'b0}};
            wire unused_b = &{1'b0, wm_rdata_b};
            lc_core_learn #(.N(N), .M(M), .P(P), .COMPACT(COMPACT)) u_learn (
                .i_clk(i_clk), .i_rst(i_rst), .i_state(state), .i_learn_start(learn_start),
                .i_out_any(out_cnt != 0), .i_in_cnt(in_cnt), .i_kw_cnt(kw_cnt),
                .i_il_rdata(il_rdata), .i_kw_rdata(kw_rdata), .i_sm_xpre(sm_xpre),
                .i_xq_rdata(xq_rdata), .i_ap_in(r_ap_in), .i_ap_rec(r_ap_rec), .i_sp_in(r_sp_in),
                .i_sp_rec(r_sp_rec), .i_pot(ln_pot), .i_wm_addr(wm_addr), .i_slot(ln_slot),
                .i_lanes_busy(ln_busy), .i_pl_rdata(pl_rdata),
                .o_il_rd(ln_il_rd), .o_il_raddr(ln_il_raddr), .o_row_rd(ln_row_rd),
                .o_pl_raddr(ln_pl_raddr),
                .o_sm_raddr(ln_sm_raddr), .o_xq_raddr(ln_xq_raddr), .o_kw_rd(ln_kw_rd),
                .o_kw_raddr(ln_kw_raddr), .o_w0_valid(ln_w0_valid), .o_w0_row(ln_w0_row),
                .o_w0_word(ln_w0_word), .o_w0_in(ln_w0_in), .o_w0_ap(ln_w0_ap), .o_w0_x(ln_w0_x),
                .o_w0_sp(ln_w0_sp), .o_w1_valid(ln_w1_valid), .o_w1_addr(ln_w1_addr),
                .o_w1_w(ln_w1_w), .o_w1_pre(ln_w1_pre), .o_w1_in(ln_w1_in), .o_w1_pot(ln_w1_pot),
                .o_done(ln_done));
            lc_neuron_update2 #(.AW(AW), .TAGW(TAGW)) u_neuron (
                .i_clk(i_clk), .i_rst(i_rst),
                .i_valid(n0_valid), .i_tag(n0_tag), .i_a(n0_a),
                .i_du(pm_du), .i_dv(pm_dv), .i_vth(pm_vth), .i_bias(pm_bias), .i_tref(pm_tref),
                .i_u(sm_u), .i_v(sm_v), .i_r(sm_r), .i_theta(sm_th), .i_x(sm_x), .i_y(sm_y),
                .i_w_shift(r_w_shift), .i_v_reset(r_v_reset), .i_theta_plus(r_theta_plus),
                .i_d_theta(r_d_theta), .i_dx(r_dx), .i_dy(r_dy), .i_x_imp(r_x_imp),
                .i_y_imp(r_y_imp),
                .i_am_in(r_am_in), .i_sm_in(r_sm_in), .i_am_rec(r_am_rec), .i_sm_rec(r_sm_rec),
                .i_aux(state == S_LEARN), .i_aux_a(ln_w0_ap), .i_aux_x(ln_w0_x),
                .i_aux_s(ln_w0_sp), .o_aux(ln_pot), .o_keep_v(nu_keep_v),
                .o_first(nu_first),
                .o_valid(nu_valid), .o_tag(nu_tag), .o_spike(nu_spike),
                .o_u(nu_u), .o_v(nu_v), .o_r(nu_r), .o_theta(nu_theta), .o_x(nu_x), .o_y(nu_y),
                .o_xdec(nu_xdec), .o_dep_in(nu_dep_in), .o_dep_rec(nu_dep_rec));
            lc_core_lanes_half #(.N(N), .M(M), .P(P), .COMPACT(COMPACT)) u_lanes (
                .i_clk(i_clk), .i_rst(i_rst), .i_state(state), .i_learn_start(learn_start),
                .i_wm_rdata(wm_rdata), .i_lm_rdata(lm_rdata), .i_lq_rdata(lq_rdata),
                .i_pf_rdata(pf_rdata), .i_w1_valid(ln_w1_valid), .i_w1_addr(ln_w1_addr),
                .i_w1_w(ln_w1_w), .i_w1_pre(ln_w1_pre), .i_w1_in(ln_w1_in), .i_w1_pot(ln_w1_pot),
                .i_wmin_in(r_wmin_in), .i_wmax_in(r_wmax_in), .i_wmin_rec(r_wmin_rec),
                .i_wmax_rec(r_wmax_rec),
                .o_slot(ln_slot), .o_busy(ln_busy), .o_rd_hi(ln_rd_hi), .o_wm_we(ln_wm_we),
                .o_wm_waddr(ln_wm_waddr), .o_wm_wdata(ln_wm_wdata));
            lc_core_counters_ram #(.N(N), .M(M), .P(P), .COMPACT(COMPACT), .CNT_W(CNT_W)) u_counters (
                .i_clk(i_clk), .i_rst(i_rst), .i_state(state), .i_ctl_clr(ctl && ctl_bits[1]),
                .i_drop(drop), .i_step_cyc(step_cyc), .i_in_cnt(in_cnt), .i_out_cnt(out_cnt),
                .i_q_reg(q_reg), .i_q_write(q_write), .i_q_off(q_off[7:0]), .i_xi_rdata(xi_rdata),
                .o_rdata(cnt_rdata), .o_q_is_cnt(q_is_cnt), .o_cr_cnt(cr_cnt), .o_q_more(q_more),
                .o_cnt_end(cnt_end), .o_cnt_drop(cnt_drop), .o_cclr_last(cclr_last),
                .o_xi_re(cx_re), .o_xi_raddr(cx_raddr), .o_xi_we(cx_we), .o_xi_waddr(cx_waddr),
                .o_xi_wdata(cx_wdata));
        end else begin : g_variant
            // a neuron a cycle; its own multiplier for the rows' potentiation
            assign nu_keep_v = 1'b0;
            assign nu_first  = 1'b0;
            lc_neuron_update #(.AW(AW), .TAGW(TAGW)) u_neuron (
                .i_clk(i_clk),
                .i_valid(n0_valid), .i_tag(n0_tag), .i_a(n0_a),
                .i_du(pm_du), .i_dv(pm_dv), .i_vth(pm_vth), .i_bias(pm_bias), .i_tref(pm_tref),
                .i_u(sm_u), .i_v(sm_v), .i_r(sm_r), .i_theta(sm_th), .i_x(sm_x), .i_y(sm_y),
                .i_w_shift(r_w_shift), .i_v_reset(r_v_reset), .i_theta_plus(r_theta_plus),
                .i_d_theta(r_d_theta), .i_dx(r_dx), .i_dy(r_dy), .i_x_imp(r_x_imp),
                .i_y_imp(r_y_imp),
                .i_am_in(r_am_in), .i_sm_in(r_sm_in), .i_am_rec(r_am_rec), .i_sm_rec(r_sm_rec),
                .o_valid(nu_valid), .o_tag(nu_tag), .o_spike(nu_spike),
                .o_u(nu_u), .o_v(nu_v), .o_r(nu_r), .o_theta(nu_theta), .o_x(nu_x), .o_y(nu_y),
                .o_xdec(nu_xdec), .o_dep_in(nu_dep_in), .o_dep_rec(nu_dep_rec));
            // two rows a cycle: the even rows' bank (lanes a) and the odd rows' (lanes b)
            wire                ln_w1_va, ln_w1_vb, ln_w1_pre_a, ln_w1_pre_b, ln_w1_in_b;
            wire [23:0]         ln_w1_pot_a, ln_w1_pot_b;
            wire                ln_busy_a, ln_busy_b, ln_slot_a, ln_slot_b, ln_rd_hi_b;
            wire [WAW-1:0]      ln_wm_waddr_b;
            lc_core_learn2 #(.N(N), .M(M), .P(P), .COMPACT(COMPACT)) u_learn (
                .i_clk(i_clk), .i_rst(i_rst), .i_state(state), .i_learn_start(learn_start),
                .i_out_any(out_cnt != 0), .i_in_cnt(in_cnt), .i_kw_cnt(kw_cnt),
                .i_il_rdata(il_rdata), .i_kw_rdata(kw_rdata), .i_sm_xpre(sm_xpre),
                .i_xq_rdata(xq_rdata), .i_ap_in(r_ap_in), .i_ap_rec(r_ap_rec), .i_sp_in(r_sp_in),
                .i_sp_rec(r_sp_rec), .i_wm_addr(wm_addr), .i_lanes_busy(ln_busy),
                .i_pl_rdata(pl_rdata),
                .o_il_rd(ln_il_rd), .o_il_raddr(ln_il_raddr), .o_row_rd(ln_row_rd),
                .o_pl_raddr(ln_pl_raddr),
                .o_sm_raddr(ln_sm_raddr), .o_xq_raddr(ln_xq_raddr), .o_kw_rd(ln_kw_rd),
                .o_kw_raddr(ln_kw_raddr), .o_w0_valid(ln_w0_valid), .o_w0_row(ln_w0_row),
                .o_w0_word(ln_w0_word), .o_w0_in(ln_w0_in), .o_w1_valid(ln_w1_valid),
                .o_w1_addr(ln_w1_addr), .o_w1_w(ln_w1_w), .o_w1_va(ln_w1_va), .o_w1_vb(ln_w1_vb),
                .o_w1_pre_a(ln_w1_pre_a), .o_w1_pre_b(ln_w1_pre_b), .o_w1_in_a(ln_w1_in),
                .o_w1_in_b(ln_w1_in_b), .o_w1_pot_a(ln_w1_pot_a), .o_w1_pot_b(ln_w1_pot_b),
                .o_done(ln_done));
            lc_core_lanes #(.N(N), .M(M), .P(P), .COMPACT(COMPACT)) u_lanes (
                .i_clk(i_clk), .i_rst(i_rst), .i_state(state), .i_learn_start(learn_start),
                .i_wm_rdata(wm_rdata), .i_lm_rdata(lm_rdata), .i_lq_rdata(lq_rdata),
                .i_pf_rdata(pf_rdata), .i_w1_valid(ln_w1_va), .i_w1_addr(ln_w1_addr),
                .i_w1_w(ln_w1_w), .i_w1_pre(ln_w1_pre_a), .i_w1_in(ln_w1_in),
                .i_w1_pot(ln_w1_pot_a),
                .i_wmin_in(r_wmin_in), .i_wmax_in(r_wmax_in), .i_wmin_rec(r_wmin_rec),
                .i_wmax_rec(r_wmax_rec),
                .o_slot(ln_slot_a), .o_busy(ln_busy_a), .o_rd_hi(ln_rd_hi), .o_wm_we(ln_wm_we),
                .o_wm_waddr(ln_wm_waddr), .o_wm_wdata(ln_wm_wdata));
            lc_core_lanes #(.N(N), .M(M), .P(P), .COMPACT(COMPACT)) u_lanes_b (
                .i_clk(i_clk), .i_rst(i_rst), .i_state(state), .i_learn_start(learn_start),
                .i_wm_rdata(wm_rdata_b), .i_lm_rdata(lm_rdata), .i_lq_rdata(lq_rdata),
                .i_pf_rdata(pf_rdata), .i_w1_valid(ln_w1_vb), .i_w1_addr(ln_w1_addr),
                .i_w1_w(ln_w1_w), .i_w1_pre(ln_w1_pre_b), .i_w1_in(ln_w1_in_b),
                .i_w1_pot(ln_w1_pot_b),
                .i_wmin_in(r_wmin_in), .i_wmax_in(r_wmax_in), .i_wmin_rec(r_wmin_rec),
                .i_wmax_rec(r_wmax_rec),
                .o_slot(ln_slot_b), .o_busy(ln_busy_b), .o_rd_hi(ln_rd_hi_b), .o_wm_we(ln_wm_we_b),
                .o_wm_waddr(ln_wm_waddr_b), .o_wm_wdata(ln_wm_wdata_b));
            assign ln_busy = ln_busy_a || ln_busy_b;
            // both lane sets write the one address of the word
            wire unused_b = &{1'b0, ln_slot_a, ln_slot_b, ln_rd_hi_b, ln_wm_waddr_b};
            lc_core_counters #(.N(N), .M(M), .P(P), .COMPACT(COMPACT), .CNT_W(CNT_W)) u_counters (
                .i_clk(i_clk), .i_rst(i_rst), .i_state(state), .i_ctl_clr(ctl && ctl_bits[1]),
                .i_drop(drop), .i_step_cyc(step_cyc), .i_in_cnt(in_cnt), .i_out_cnt(out_cnt),
                .i_q_reg(q_reg), .i_q_write(q_write), .i_q_off(q_off[7:0]), .i_xi_rdata(xi_rdata),
                .o_rdata(cnt_rdata), .o_q_is_cnt(q_is_cnt), .o_cr_cnt(cr_cnt), .o_q_more(q_more),
                .o_cnt_end(cnt_end), .o_cnt_drop(cnt_drop), .o_cclr_last(cclr_last),
                .o_xi_re(cx_re), .o_xi_raddr(cx_raddr), .o_xi_we(cx_we), .o_xi_waddr(cx_waddr),
                .o_xi_wdata(cx_wdata));
        end
    endgenerate
endmodule

`default_nettype wire
