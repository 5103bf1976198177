// lc_core.v : N all-to-all LIF neurons with M input axons and on-chip STDP, event driven
// Word-major synaptic phase feeding a one-neuron-per-cycle pipeline, then a learning
// phase that rewrites each touched weight word once. See docs/architecture.md.
// SPDX-License-Identifier: MIT
`default_nettype none

module lc_core #(
    parameter integer N          = 64,  // neurons, 1..4096
    parameter integer M          = 32,  // input axons, 1..4096
    parameter integer P          = 4,   // synapses per weight word (lanes)
    parameter integer WMEM_1PORT = 0,   // 1: weight memory single-ported (SPRAM)
    parameter integer CNT_W      = 48   // bits of the statistics counters, 33..64
) (
    input  wire         i_clk,
    input  wire         i_rst,           // synchronous, active high
    // configuration bus (docs/architecture.md, address map)
    input  wire         i_cfg_valid,
    input  wire         i_cfg_write,
    input  wire [27:0]  i_cfg_addr,
    input  wire [31:0]  i_cfg_wdata,
    output wire         o_cfg_ready,
    output reg          o_cfg_rvalid,
    output reg  [31:0]  o_cfg_rdata,
    // input spikes for the next step
    input  wire         i_in_valid,
    input  wire [15:0]  i_in_idx,
    output wire         o_in_ready,
    // step control
    input  wire         i_step,
    output wire         o_busy,
    output reg          o_step_done,
    // output spikes, ascending, at most one per cycle, no backpressure
    output reg          o_out_valid,
    output reg  [15:0]  o_out_idx
);
    // ------------------------------------------------------------------
    // sizes
    // ------------------------------------------------------------------
    localparam integer NW     = (N > 1) ? $clog2(N) : 1;          // neuron index
    localparam integer MW     = (M > 1) ? $clog2(M) : 1;          // axon index
    localparam integer NCW    = $clog2(N + 1);                     // 0..N
    localparam integer MCW    = $clog2(M + 1);                     // 0..M
    localparam integer RW     = (N + P - 1) / P;                   // words per row
    localparam integer RWW    = (RW > 1) ? $clog2(RW) : 1;         // word index
    localparam integer RCW    = $clog2(RW + 1);                    // 0..RW
    localparam integer LW     = (P > 1) ? $clog2(P) : 1;           // lane index
    localparam integer ROWS   = N + M;
    localparam integer ROWW   = $clog2(ROWS);                      // row index
    localparam integer ROWCW  = $clog2(ROWS + 1);                  // 0..ROWS
    localparam integer SCW    = $clog2(ROWS + 1);                  // 0..sources
    localparam integer WDEPTH = ROWS * RW;                         // weight words
    localparam integer WAW    = $clog2(WDEPTH);                    // weight address
    localparam integer WWID   = P * 9;                             // weight word bits
    localparam integer AW     = $clog2(ROWS * 128) + 1;            // synaptic sum, signed
    localparam integer LAST_LANES = N - (RW - 1) * P;              // lanes used in the last word
    localparam integer CLRN0  = (WDEPTH > N) ? ((WDEPTH > M) ? WDEPTH : M) : ((N > M) ? N : M);
    // the init pass also writes the 32 words of the register shadow (compact)
    localparam integer CLRN   = (CLRN0 < 32) ? 32 : CLRN0;
    localparam integer CLRW   = $clog2(CLRN + 1);
    localparam integer PMW    = 13 + 13 + 23 + 24 + 6;             // parameter word
    localparam integer SMW    = 24 + 24 + 6 + 23 + 16 + 16 + 17;   // state word
    localparam integer LMW    = 1 + 24 + 24;                       // learning lane word
    localparam integer TAGW   = 1;                                 // neuron pipeline tag: last of a word
    localparam [31:0]  VERSION = 32'h0001_0000;
    localparam [0:0]   WMEM_1P = (WMEM_1PORT != 0) ? 1'b1 : 1'b0;
    // single-port (SPRAM) builds are the compact variant for small FPGAs: a neuron
    // every other cycle on shared multipliers (lc_neuron_update2), and the STDP lanes
    // of a weight word in two halves, one per cycle of its read and write slots
    localparam integer COMPACT = (WMEM_1PORT != 0) ? 1 : 0;
    localparam integer LH     = (COMPACT != 0) ? (P + 1) / 2 : P;  // STDP lane units
    localparam integer HL     = P - LH;                            // lanes of the second half
    localparam integer LQD    = 4 * RW;                            // depression words {w, in, half}
    // then 32 words that shadow the core registers 0x00-0x1F for read-back (compact)
    localparam integer LQAW   = $clog2(LQD + 32);
    // learning row FIFO: 2 entries keep the single-port word rate (2 cycles a word) fed
    localparam integer RFD    = (COMPACT != 0) ? 2 : 4;
    localparam integer RFAW   = (COMPACT != 0) ? 1 : 2;
    localparam [3:0]   RFD_C  = RFD[3:0];
    // compact: the statistics counters (steps, cycles, spikes in, spikes out, 48 bits
    // each, and the 32-bit drop count) live in 14 words of 16 bits after the M input
    // traces, from the next multiple of 16 on (a counter word's address is {XI_CB, k})
    localparam integer XI_CB_I = ((M + 15) / 16) * 16;
    localparam integer XID    = (COMPACT != 0) ? XI_CB_I + 14 : M;  // input-trace words
    localparam integer XIRW   = (XID > 1) ? $clog2(XID) : 1;     // its address bits
    localparam integer XIW    = (XIRW > 4) ? XIRW : 4;            // address registers
    localparam [XIW-1:0] XI_CB = XI_CB_I[XIW-1:0];                 // first counter word

    initial begin
        if (N < 2 || N > 4096) $error("lc_core: N must be 2..4096");
        if (M < 1 || M > 4096) $error("lc_core: M must be 1..4096");
        if (P < 1 || P > 16)   $error("lc_core: P must be 1..16");
        if (WMEM_1PORT != 0 && P < 2) $error("lc_core: a single-port weight memory needs P >= 2");
        if (ROWW + RWW + LW > 24) $error("lc_core: synapse addresses exceed the 24-bit offset");
    end

    // sized copies of the geometry for comparisons and address arithmetic
    localparam integer     N_M1_I = N - 1;
    localparam integer     M_M1_I = M - 1;
    localparam integer     RW_M1_I = RW - 1;
    localparam integer     P_M1_I = P - 1;
    localparam [ROWW-1:0]  N_R   = N[ROWW-1:0];
    localparam [NW:0]      N_M1  = N_M1_I[NW:0];
    localparam [MW:0]      M_M1  = M_M1_I[MW:0];
    localparam [RWW-1:0]   RW_M1 = RW_M1_I[RWW-1:0];
    localparam [LW-1:0]    P_M1  = P_M1_I[LW-1:0];
    localparam [LW-1:0]    HL_LW = LH[LW-1:0];
    localparam [RCW-1:0]   RW_C  = RW[RCW-1:0];
    localparam [15:0]      M_16  = M[15:0];
    localparam integer     CLR_INIT_I  = CLRN - 1;
    localparam integer     CLR_STATE_I = ((N > M) ? N : M) - 1;
    localparam [CLRW-1:0]  CLR_INIT_LAST  = CLR_INIT_I[CLRW-1:0];
    localparam [CLRW-1:0]  CLR_STATE_LAST = CLR_STATE_I[CLRW-1:0];
    localparam [CLRW-1:0]  WDEPTH_C = WDEPTH[CLRW-1:0];
    localparam [CLRW-1:0]  N_C   = N[CLRW-1:0];
    localparam [CLRW-1:0]  M_C   = M[CLRW-1:0];

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

    // ------------------------------------------------------------------
    // core registers (contract per-core parameters)
    // ------------------------------------------------------------------
    reg  [3:0]          r_w_shift;
    reg  signed [23:0]  r_v_reset;
    reg  [22:0]         r_theta_plus;
    reg  [12:0]         r_d_theta, r_dx, r_dy;
    reg  [15:0]         r_x_imp, r_y_imp;
    reg                 r_learning;
    reg  [7:0]          r_ap_in, r_am_in, r_ap_rec, r_am_rec;
    reg  [4:0]          r_sp_in, r_sm_in, r_sp_rec, r_sm_rec;
    reg  signed [7:0]   r_wmin_in, r_wmax_in, r_wmin_rec, r_wmax_rec;

    // statistics
    reg  [CNT_W-1:0]    c_steps, c_cycles, c_spk_in, c_spk_out;
    reg  [31:0]         c_last, c_dropped;
    // compact: the step-cycle counter is c_last itself (it holds between steps), counts
    // only the phases (the 14 cycles of S_CNT and S_FIN are its start value) and is as
    // wide as a step can be long: it stops at 2^(CYW-1), but no step reaches CYC_BOUND
    localparam integer  CYC_BOUND = 8 * WDEPTH + 32 * ROWS + 1024;
    localparam integer  CYW       = (COMPACT != 0) ? $clog2(CYC_BOUND + 1) + 1 : 32;
    reg  [CYW-1:0]      step_cyc;
    wire [31:0]         step_cyc32 = {{(32-CYW){1'b0}}, step_cyc};

    // ------------------------------------------------------------------
    // main sequencer
    // ------------------------------------------------------------------
    localparam [3:0] S_INIT = 4'd0, S_IDLE = 4'd1, S_CFG1 = 4'd2, S_CFG2 = 4'd3,
                     S_PUSH = 4'd4, S_CLEAR = 4'd5, S_SYN = 4'd6, S_LEARN = 4'd7,
                     S_FIN  = 4'd8, S_CNT = 4'd9, S_CCLR = 4'd10, S_CFG3 = 4'd11;
    // the state after the step's phases: the counter update (compact) or the end
    localparam [3:0] S_DONE = (COMPACT != 0) ? S_CNT : S_FIN;
    reg  [3:0]          state;

    assign o_cfg_ready = (state == S_IDLE);
    assign o_in_ready  = (state == S_IDLE) && !i_cfg_valid;
    assign o_busy      = (state != S_IDLE) && (state != S_CFG1) && (state != S_CFG2)
                      && (state != S_CFG3) && (state != S_PUSH);

    // spike bookkeeping
    reg  [MCW-1:0]      in_cnt;        // distinct input spikes queued for the step
    reg  [NCW-1:0]      prev_cnt;      // spikes of the previous step (bank !cur_bank)
    reg  [NCW-1:0]      out_cnt;       // spikes of this step (bank cur_bank)
    reg                 cur_bank;
    reg  [RCW-1:0]      kw_cnt;        // words holding a spike this step
    reg  [CLRW-1:0]     cl_cnt;        // clear counter (init, reset state)

    // configuration request being served: the requester holds address and data from
    // the request until o_cfg_ready is high again (the core keeps no copy); the data
    // reads as 0 outside S_CFG1/S_CFG2, so that the clears and the neuron pass (compact:
    // field writes are "result OR data") can use the same write paths
    wire                q_write = i_cfg_write;
    wire [3:0]          q_reg   = i_cfg_addr[27:24];
    wire [23:0]         q_off   = i_cfg_addr[23:0];
    wire                q_busy  = (state == S_CFG1) || (state == S_CFG2);
    wire [31:0]         q_wdata = q_busy ? i_cfg_wdata : 32'd0;

    // ------------------------------------------------------------------
    // memories
    // ------------------------------------------------------------------
    // weights: ROWS rows of RW words of P synapses {plastic, w[7:0]}
    reg                 wm_re, wm_we;
    reg  [WAW-1:0]      wm_raddr, wm_waddr;
    reg  [WWID-1:0]     wm_wdata;
    wire [WWID-1:0]     wm_rdata;
    lc_wmem #(.WIDTH(WWID), .DEPTH(WDEPTH)) u_wmem (
        .i_clk(i_clk), .i_we(wm_we), .i_waddr(wm_waddr), .i_wdata(wm_wdata),
        .i_re(wm_re), .i_raddr(wm_raddr), .o_rdata(wm_rdata));

    // neuron parameters {tref, bias, vth, dv, du}
    reg                 pm_re, pm_we;
    reg  [NW-1:0]       pm_raddr, pm_waddr;
    reg  [PMW-1:0]      pm_wdata;
    wire [PMW-1:0]      pm_rdata;
    reg  [PMW-1:0]      pm_wmask;      // compact: bits written (a field, or all)


    // neuron state {pre spiked, decayed x (for learning), y, x, theta, r, v, u}
    reg                 sm_re, sm_we;
    reg  [NW-1:0]       sm_raddr, sm_waddr;
    reg  [SMW-1:0]      sm_wdata;
    wire [SMW-1:0]      sm_rdata;
    reg  [SMW-1:0]      sm_wmask;
    // compact builds write a configured field under a bit mask; dual-port builds
    // (ECP5: byte enables only) read, modify and write the whole word
    generate
        if (COMPACT != 0) begin : g_nmem_mask
            lc_ram_mask #(.WIDTH(PMW), .DEPTH(N)) u_pmem (
                .i_clk(i_clk), .i_we(pm_we), .i_wmask(pm_wmask), .i_waddr(pm_waddr),
                .i_wdata(pm_wdata), .i_re(pm_re), .i_raddr(pm_raddr), .o_rdata(pm_rdata));
            lc_ram_mask #(.WIDTH(SMW), .DEPTH(N)) u_smem (
                .i_clk(i_clk), .i_we(sm_we), .i_wmask(sm_wmask), .i_waddr(sm_waddr),
                .i_wdata(sm_wdata), .i_re(sm_re), .i_raddr(sm_raddr), .o_rdata(sm_rdata));
        end else begin : g_nmem
            lc_ram_sdp #(.WIDTH(PMW), .DEPTH(N)) u_pmem (
                .i_clk(i_clk), .i_we(pm_we), .i_waddr(pm_waddr), .i_wdata(pm_wdata),
                .i_re(pm_re), .i_raddr(pm_raddr), .o_rdata(pm_rdata));
            lc_ram_sdp #(.WIDTH(SMW), .DEPTH(N)) u_smem (
                .i_clk(i_clk), .i_we(sm_we), .i_waddr(sm_waddr), .i_wdata(sm_wdata),
                .i_re(sm_re), .i_raddr(sm_raddr), .o_rdata(sm_rdata));
            wire unused_m = &{1'b0, pm_wmask, sm_wmask};
        end
    endgenerate

    // input traces x_in
    reg                 xi_re, xi_we;
    reg  [XIW-1:0]      xi_raddr, xi_waddr;
    reg  [15:0]         xi_wdata;
    wire [15:0]         xi_rdata;
    lc_ram_sdp #(.WIDTH(16), .DEPTH(XID)) u_ximem (
        .i_clk(i_clk), .i_we(xi_we), .i_waddr(xi_waddr[XIRW-1:0]), .i_wdata(xi_wdata),
        .i_re(xi_re), .i_raddr(xi_raddr[XIRW-1:0]), .o_rdata(xi_rdata));

    // pending-input bitmap (removes duplicates; cleared by the input pass)
    reg                 ib_re, ib_we, ib_wdata;
    reg  [MW-1:0]       ib_raddr, ib_waddr;
    wire                ib_rdata;
    lc_ram_sdp #(.WIDTH(1), .DEPTH(M)) u_ibits (
        .i_clk(i_clk), .i_we(ib_we), .i_waddr(ib_waddr), .i_wdata(ib_wdata),
        .i_re(ib_re), .i_raddr(ib_raddr), .o_rdata(ib_rdata));

    // pending-input list
    reg                 il_re, il_we;
    reg  [MW-1:0]       il_raddr, il_waddr;
    reg  [MW-1:0]       il_wdata;
    wire [MW-1:0]       il_rdata;
    lc_ram_sdp #(.WIDTH(MW), .DEPTH(M)) u_ilist (
        .i_clk(i_clk), .i_we(il_we), .i_waddr(il_waddr), .i_wdata(il_wdata),
        .i_re(il_re), .i_raddr(il_raddr), .o_rdata(il_rdata));

    // output spike lists, two banks of N (this step's, previous step's)
    reg                 ol_re, ol_we;
    reg  [NW:0]         ol_raddr, ol_waddr;
    reg  [NW-1:0]       ol_wdata;
    wire [NW-1:0]       ol_rdata;
    lc_ram_sdp #(.WIDTH(NW), .DEPTH(2 << NW)) u_olist (
        .i_clk(i_clk), .i_we(ol_we), .i_waddr(ol_waddr), .i_wdata(ol_wdata),
        .i_re(ol_re), .i_raddr(ol_raddr), .o_rdata(ol_rdata));

    // learning: {pre spiked, decayed x} per axon (the neurons' are in the state word)

    reg                 xq_re, xq_we;
    reg  [MW-1:0]       xq_raddr, xq_waddr;
    reg  [16:0]         xq_wdata;
    wire [16:0]         xq_rdata;
    lc_ram_sdp #(.WIDTH(17), .DEPTH(M)) u_xpin (
        .i_clk(i_clk), .i_we(xq_we), .i_waddr(xq_waddr), .i_wdata(xq_wdata),
        .i_re(xq_re), .i_raddr(xq_raddr), .o_rdata(xq_rdata));

    // learning: list of words that hold a neuron that spiked this step
    reg                 kw_re, kw_we;
    reg  [RWW-1:0]      kw_raddr, kw_waddr, kw_wdata;
    wire [RWW-1:0]      kw_rdata;
    lc_ram_sdp #(.WIDTH(RWW), .DEPTH(RW)) u_kwlist (
        .i_clk(i_clk), .i_we(kw_we), .i_waddr(kw_waddr), .i_wdata(kw_wdata),
        .i_re(kw_re), .i_raddr(kw_raddr), .o_rdata(kw_rdata));

    // learning, dual-port builds: per lane {post spiked, dep_in, dep_rec} of neuron
    // w*P+l at word w, one memory per lane
    reg                 lm_re;
    reg  [P-1:0]        lm_we;
    reg  [RWW-1:0]      lm_raddr, lm_waddr;
    reg  [LMW-1:0]      lm_wdata;
    wire [LMW-1:0]      lm_rdata [0:P-1];
    // learning, compact builds: the depression terms of a half word (LH lanes) at
    // {word, input set, half}, and the post-spike flags of each word
    reg                 lq_re;
    reg  [LH-1:0]       lq_we;
    reg  [LQAW-1:0]     lq_raddr, lq_waddr;
    reg  [23:0]         lq_wdata;
    wire [LH*24-1:0]    lq_rdata;
    reg                 pf_re, pf_we;
    reg  [RWW-1:0]      pf_raddr, pf_waddr;
    reg  [P-1:0]        pf_wdata;
    wire [P-1:0]        pf_rdata;
    genvar gl;
    generate
        if (COMPACT != 0) begin : g_lq
            reg [LH*24-1:0] lq_mask;
            integer lb;
            always @* begin
                for (lb = 0; lb < LH * 24; lb = lb + 1)
                    lq_mask[lb] = lq_we[lb / 24];
            end
            lc_ram_mask #(.WIDTH(LH * 24), .DEPTH(LQD + 32)) u_lqmem (
                .i_clk(i_clk), .i_we(|lq_we), .i_wmask(lq_mask), .i_waddr(lq_waddr),
                .i_wdata({LH{lq_wdata}}), .i_re(lq_re), .i_raddr(lq_raddr), .o_rdata(lq_rdata));
            lc_ram_sdp #(.WIDTH(P), .DEPTH(RW)) u_pfmem (
                .i_clk(i_clk), .i_we(pf_we), .i_waddr(pf_waddr), .i_wdata(pf_wdata),
                .i_re(pf_re), .i_raddr(pf_raddr), .o_rdata(pf_rdata));
            for (gl = 0; gl < P; gl = gl + 1) begin : g_lm_none
                assign lm_rdata[gl] = {LMW{1'b0}};
                wire unused_r = &{1'b0, lm_rdata[gl]};
            end
            wire unused_lm = &{1'b0, lm_re, lm_we, lm_raddr, lm_waddr, lm_wdata};
        end else begin : g_lmem
            for (gl = 0; gl < P; gl = gl + 1) begin : g_lane_mem
                lc_ram_sdp #(.WIDTH(LMW), .DEPTH(RW)) u_lmem (
                    .i_clk(i_clk), .i_we(lm_we[gl]), .i_waddr(lm_waddr), .i_wdata(lm_wdata),
                    .i_re(lm_re), .i_raddr(lm_raddr), .o_rdata(lm_rdata[gl]));
            end
            assign lq_rdata = {(LH*24){1'b0}};
            assign pf_rdata = {P{1'b0}};
            wire unused_lq = &{1'b0, lq_re, lq_we, lq_raddr, lq_waddr, lq_wdata,
                               pf_re, pf_we, pf_raddr, pf_waddr, pf_wdata};
        end
    endgenerate

    // ------------------------------------------------------------------
    // configuration decode
    // ------------------------------------------------------------------
    wire [20:0]     q_idx    = q_off[23:3];              // neuron of regions 1, 2
    wire [2:0]      q_fld    = q_off[2:0];
    wire [LW-1:0]   q_lane   = q_off[LW-1:0];
    wire [RWW-1:0]  q_word   = q_off[LW+RWW-1:LW];
    wire [23-LW-RWW:0] q_row = q_off[23:LW+RWW];
    wire [31:0]     q_row32  = {{(8+LW+RWW){1'b0}}, q_row};
    wire [31:0]     q_word32 = {{(32-RWW){1'b0}}, q_word};
    wire [31:0]     q_lane32 = {{(32-LW){1'b0}}, q_lane};
    wire            q_row_ok = (q_row32 < ROWS) && (q_word32 < RW) && (q_lane32 < P)
                            && ((q_word != RW_M1) || (q_lane32 < LAST_LANES));
    wire            q_ok     = (q_reg == 4'd1 || q_reg == 4'd2) ? ({11'd0, q_idx} < N) :
                               (q_reg == 4'd3) ? ({8'd0, q_off} < M) :
                               (q_reg == 4'd4) ? q_row_ok : 1'b0;
    // the weight-word address of a request, of the synaptic phase's read and of the
    // learning phase's word: one row_base and adder for all three (their states differ)
    wire [WAW-1:0]  rb_addr;
    wire [WAW-1:0]  q_waddr  = rb_addr;

    // parameter / state word fields
    wire [12:0]         pm_du   = pm_rdata[12:0];
    wire [12:0]         pm_dv   = pm_rdata[25:13];
    wire [22:0]         pm_vth  = pm_rdata[48:26];
    wire signed [23:0]  pm_bias = pm_rdata[72:49];
    wire [5:0]          pm_tref = pm_rdata[78:73];
    wire signed [23:0]  sm_u    = sm_rdata[23:0];
    wire signed [23:0]  sm_v    = sm_rdata[47:24];
    wire [5:0]          sm_r    = sm_rdata[53:48];
    wire [22:0]         sm_th   = sm_rdata[76:54];
    wire [15:0]         sm_x    = sm_rdata[92:77];
    wire [15:0]         sm_y    = sm_rdata[108:93];
    wire [16:0]         sm_xpre = sm_rdata[125:109];      // {spiked, decayed x}, for learning

    // synapse selected by the request (region 4)
    reg  [8:0]          q_syn;
    reg  [WWID-1:0]     q_wword;
    integer             k;
    always @* begin
        q_syn   = 9'd0;
        q_wword = wm_rdata;
        for (k = 0; k < P; k = k + 1) begin
            if (q_lane == k[LW-1:0]) begin
                q_syn = wm_rdata[k*9 +: 9];
                q_wword[k*9 +: 9] = q_wdata[8:0];
            end
        end
    end

    // read data of the request
    // every field read back is at most 24 bits, and its bit 23 is its sign (0 for the
    // unsigned ones, at most 23 bits wide): one 24-bit multiplexer, then bit 23 copied
    // into the upper byte (a counter's upper word comes this way too)
    reg  [23:0]         q_r24;
    always @* begin
        q_r24 = 24'd0;
        if (cr_cnt)
            q_r24 = {8'd0, xi_rdata};
        else case (q_reg)
            4'd1: case (q_fld)
                3'd0: q_r24 = {11'd0, pm_du};
                3'd1: q_r24 = {11'd0, pm_dv};
                3'd2: q_r24 = {1'b0, pm_vth};
                3'd3: q_r24 = pm_bias;
                3'd4: q_r24 = {18'd0, pm_tref};
                default: q_r24 = 24'd0;
            endcase
            4'd2: case (q_fld)
                3'd0: q_r24 = sm_u;
                3'd1: q_r24 = sm_v;
                3'd2: q_r24 = {18'd0, sm_r};
                3'd3: q_r24 = {1'b0, sm_th};
                3'd4: q_r24 = {8'd0, sm_x};
                3'd5: q_r24 = {8'd0, sm_y};
                default: q_r24 = 24'd0;
            endcase
            4'd3: q_r24 = {8'd0, xi_rdata};
            4'd4: q_r24 = {15'd0, q_syn};
            4'd0: q_r24 = lq_rdata[23:0];     // compact: the register shadow
            default: q_r24 = 24'd0;
        endcase
    end
    wire [31:0]         q_rdata = {{8{q_r24[23]}}, q_r24};

    // modified words of a write request
    wire [PMW-1:0] q_pm_new =
        (q_fld == 3'd0) ? {pm_rdata[PMW-1:13], q_wdata[12:0]} :
        (q_fld == 3'd1) ? {pm_rdata[PMW-1:26], q_wdata[12:0], pm_rdata[12:0]} :
        (q_fld == 3'd2) ? {pm_rdata[PMW-1:49], q_wdata[22:0], pm_rdata[25:0]} :
        (q_fld == 3'd3) ? {pm_rdata[PMW-1:73], q_wdata[23:0], pm_rdata[48:0]} :
        (q_fld == 3'd4) ? {q_wdata[5:0], pm_rdata[72:0]} : pm_rdata;
    wire [SMW-1:0] q_sm_new =
        (q_fld == 3'd0) ? {sm_rdata[SMW-1:24], q_wdata[23:0]} :
        (q_fld == 3'd1) ? {sm_rdata[SMW-1:48], q_wdata[23:0], sm_rdata[23:0]} :
        (q_fld == 3'd2) ? {sm_rdata[SMW-1:54], q_wdata[5:0], sm_rdata[47:0]} :
        (q_fld == 3'd3) ? {sm_rdata[SMW-1:77], q_wdata[22:0], sm_rdata[53:0]} :
        (q_fld == 3'd4) ? {sm_rdata[SMW-1:93], q_wdata[15:0], sm_rdata[76:0]} :
        (q_fld == 3'd5) ? {sm_rdata[SMW-1:109], q_wdata[15:0], sm_rdata[92:0]} : sm_rdata;

    // the same write as a field under a mask (compact)
    wire [PMW-1:0] q_pm_rep = {q_wdata[5:0], q_wdata[23:0], q_wdata[22:0], q_wdata[12:0],
                               q_wdata[12:0]};
    wire [PMW-1:0] q_pm_msk =
        (q_fld == 3'd0) ? {{(PMW-13){1'b0}}, {13{1'b1}}} :
        (q_fld == 3'd1) ? {{(PMW-26){1'b0}}, {13{1'b1}}, 13'd0} :
        (q_fld == 3'd2) ? {{(PMW-49){1'b0}}, {23{1'b1}}, 26'd0} :
        (q_fld == 3'd3) ? {{(PMW-73){1'b0}}, {24{1'b1}}, 49'd0} :
        (q_fld == 3'd4) ? {{6{1'b1}}, 73'd0} : {PMW{1'b0}};
    wire [SMW-1:0] q_sm_rep = {17'd0, q_wdata[15:0], q_wdata[15:0], q_wdata[22:0], q_wdata[5:0],
                               q_wdata[23:0], q_wdata[23:0]};
    wire [SMW-1:0] q_sm_msk =
        (q_fld == 3'd0) ? {{(SMW-24){1'b0}}, {24{1'b1}}} :
        (q_fld == 3'd1) ? {{(SMW-48){1'b0}}, {24{1'b1}}, 24'd0} :
        (q_fld == 3'd2) ? {{(SMW-54){1'b0}}, {6{1'b1}}, 48'd0} :
        (q_fld == 3'd3) ? {{(SMW-77){1'b0}}, {23{1'b1}}, 54'd0} :
        (q_fld == 3'd4) ? {{(SMW-93){1'b0}}, {16{1'b1}}, 77'd0} :
        (q_fld == 3'd5) ? {{(SMW-109){1'b0}}, {16{1'b1}}, 93'd0} : {SMW{1'b0}};

    // core register read-back (compact builds read 0x00-0x1F from the shadow below)
    reg  [31:0] reg_rdata, reg_lo;
    always @* begin
        reg_lo = 32'd0;
        reg_rdata = 32'd0;
        case (q_off[7:0])
            8'h00: reg_lo = {28'd0, r_w_shift};
            8'h01: reg_lo = {{8{r_v_reset[23]}}, r_v_reset};
            8'h02: reg_lo = {9'd0, r_theta_plus};
            8'h03: reg_lo = {19'd0, r_d_theta};
            8'h04: reg_lo = {19'd0, r_dx};
            8'h05: reg_lo = {19'd0, r_dy};
            8'h06: reg_lo = {16'd0, r_x_imp};
            8'h07: reg_lo = {16'd0, r_y_imp};
            8'h08: reg_lo = {31'd0, r_learning};
            8'h10: reg_lo = {24'd0, r_ap_in};
            8'h11: reg_lo = {24'd0, r_am_in};
            8'h12: reg_lo = {27'd0, r_sp_in};
            8'h13: reg_lo = {27'd0, r_sm_in};
            8'h14: reg_lo = {{24{r_wmin_in[7]}}, r_wmin_in};
            8'h15: reg_lo = {{24{r_wmax_in[7]}}, r_wmax_in};
            8'h18: reg_lo = {24'd0, r_ap_rec};
            8'h19: reg_lo = {24'd0, r_am_rec};
            8'h1A: reg_lo = {27'd0, r_sp_rec};
            8'h1B: reg_lo = {27'd0, r_sm_rec};
            8'h1C: reg_lo = {{24{r_wmin_rec[7]}}, r_wmin_rec};
            8'h1D: reg_lo = {{24{r_wmax_rec[7]}}, r_wmax_rec};
            8'h20: reg_rdata = N;
            8'h21: reg_rdata = M;
            8'h22: reg_rdata = P;
            8'h23: reg_rdata = VERSION;
            8'h24: reg_rdata = {31'd0, WMEM_1P};
            8'h30: reg_rdata = c_steps[31:0];
            8'h31: reg_rdata = {{(64-CNT_W){1'b0}}, c_steps[CNT_W-1:32]};
            8'h32: reg_rdata = c_cycles[31:0];
            8'h33: reg_rdata = {{(64-CNT_W){1'b0}}, c_cycles[CNT_W-1:32]};
            8'h34: reg_rdata = c_spk_in[31:0];
            8'h35: reg_rdata = {{(64-CNT_W){1'b0}}, c_spk_in[CNT_W-1:32]};
            8'h36: reg_rdata = c_spk_out[31:0];
            8'h37: reg_rdata = {{(64-CNT_W){1'b0}}, c_spk_out[CNT_W-1:32]};
            8'h38: reg_rdata = (COMPACT != 0) ? step_cyc32 : c_last;
            8'h39: reg_rdata = (COMPACT != 0) ? 32'd0 : c_dropped;
            default: ;
        endcase
        if (COMPACT == 0)
            reg_rdata = reg_rdata | reg_lo;
    end

    // compact: a copy of the core registers 0x00-0x1F, each as its value in 24 bits
    // (sign-extended where signed), in the 32 words after the depression terms;
    // written with the register, read back in S_CFG2 instead of a 21-way mux
    localparam [LQAW-1:0] SHB = LQD[LQAW-1:0];
    wire                q_sh   = (COMPACT != 0) && (q_reg == 4'd0) && (q_off[7:5] == 3'd0);
    reg                 sh_init;        // the init pass after a reset writes the reset values
    reg  [23:0]         sh_wval, sh_rval;
    always @* begin
        case (q_off[4:0])
            5'h00:                      sh_wval = {20'd0, q_wdata[3:0]};
            5'h01:                      sh_wval = q_wdata[23:0];
            5'h02:                      sh_wval = {1'b0, q_wdata[22:0]};
            5'h03, 5'h04, 5'h05:        sh_wval = {11'd0, q_wdata[12:0]};
            5'h06, 5'h07:               sh_wval = {8'd0, q_wdata[15:0]};
            5'h08:                      sh_wval = {23'd0, q_wdata[0]};
            5'h10, 5'h11, 5'h18, 5'h19: sh_wval = {16'd0, q_wdata[7:0]};
            5'h12, 5'h13, 5'h1A, 5'h1B: sh_wval = {19'd0, q_wdata[4:0]};
            5'h14, 5'h15, 5'h1C, 5'h1D: sh_wval = {{16{q_wdata[7]}}, q_wdata[7:0]};
            default:                    sh_wval = 24'd0;
        endcase
        // the reset values of the registers (the reset block at the end)
        case (cl_cnt[4:0])
            5'h00:         sh_rval = 24'd6;
            5'h14, 5'h1C:  sh_rval = 24'hFFFF80;
            5'h15, 5'h1D:  sh_rval = 24'h00007F;
            default:       sh_rval = 24'd0;
        endcase
    end

    // ------------------------------------------------------------------
    // synaptic phase: word-major accumulation into two banks of P sums
    // ------------------------------------------------------------------
    reg                 sq_active;
    reg  [RWW-1:0]      sq_w;
    reg  [SCW-1:0]      sq_q, src_cnt;
    reg                 s0_valid, s0_bank, s0_last, s0_zero, s0_isin;
    reg  [RWW-1:0]      s0_w;
    reg                 s1_valid, s1_bank, s1_last, s1_zero;
    // two banks of P sums, each with its own adders (an adder feeding one register
    // shares its logic cell on iCE40); a sum is cleared when the neuron pass takes
    // it, and every sum at the start of a step, by the flip-flops' synchronous reset
    reg  signed [AW-1:0] acc0 [0:P-1];
    reg  signed [AW-1:0] acc1 [0:P-1];
    reg  [1:0]          acc_full, bank_free;
    wire                acc_start = (state == S_IDLE) && !i_cfg_valid && i_step;

    wire [SCW-1:0]      src_last  = (src_cnt == 0) ? {SCW{1'b0}} : src_cnt - 1'b1;
    wire                sq_bank   = sq_w[0];
    wire                sq_go     = (state == S_SYN) && sq_active
                                 && ((sq_q != 0) || bank_free[sq_bank]);
    wire                sq_islast = (sq_q == src_last);
    wire [SCW-1:0]      sq_prevq  = sq_q - {{(SCW-MCW){1'b0}}, in_cnt};
    // row of the source read by stage 1, and its weight-word address
    wire [ROWW-1:0]     s1_row    = s0_isin ? N_R + {{(ROWW-MW){1'b0}}, il_rdata}
                                            : {{(ROWW-NW){1'b0}}, ol_rdata};
    wire [WAW-1:0]      s1_addr   = rb_addr;

    // ------------------------------------------------------------------
    // neuron pass: one neuron per cycle from the completed bank
    // ------------------------------------------------------------------
    reg                 ni_active, ni_bank;
    reg  [NW-1:0]       ni_i;
    reg  [LW-1:0]       ni_l;
    reg  [RWW-1:0]      ni_w;
    wire                ni_lastw  = (ni_l == P_M1) || ({1'b0, ni_i} == N_M1);
    reg                 ni_hold;      // compact: the neuron issued last cycle is still read
    wire                ni_go     = (state == S_SYN) && ni_active && acc_full[ni_bank]
                                 && !ni_hold;
    reg                 n0_valid;
    reg  [TAGW-1:0]     n0_tag;
    reg  signed [AW-1:0] n0_a;

    wire                nu_valid, nu_spike;
    wire [TAGW-1:0]     nu_tag;
    wire signed [23:0]  nu_u, nu_v;
    wire [5:0]          nu_r;
    wire [22:0]         nu_theta;
    wire [15:0]         nu_x, nu_y, nu_xdec;
    wire [23:0]         nu_dep_in, nu_dep_rec;
    // learning: the pre trace of the row at stage r2; at stage w0 the row's a_plus
    // and s_plus, and (compact) the potentiation from the neuron update's multiplier
    wire [16:0]         r2_xp;
    wire [7:0]          w0_ap;
    reg  [15:0]         w0_x;
    wire [4:0]          w0_sp;
    wire [23:0]         nu_aux;
    wire [SMW-1:0]      nu_word_st = {nu_spike, nu_xdec, nu_y, nu_x, nu_theta, nu_r, nu_v, nu_u};
    wire                nu_keep_v;      // compact: refractory, v is not written
    // results leave the pipeline in the order they entered: count them here
    // instead of carrying the neuron, lane and word along the pipeline
    reg  [NW-1:0]       nu_idx;
    reg  [LW-1:0]       nu_lane;
    reg  [RWW-1:0]      nu_word;
    wire                nu_lastw = nu_tag[0];
    // compact: the neuron's half word and its slot there; dep_in goes the cycle after
    wire                nu_half  = ({{(32-LW){1'b0}}, nu_lane} >= LH);
    wire [LW-1:0]       nu_slot  = nu_half ? nu_lane - HL_LW : nu_lane;
    wire [LH-1:0]       nu_slot1h = {{(LH-1){1'b0}}, 1'b1} << nu_slot;
    wire                nu_first;      // compact: the cycle before nu_valid, dep_in valid
    reg  [P-1:0]        pf_bits;           // post-spike flags of the word so far
    reg  [P-1:0]        pf_cur;
    integer pk;
    always @* begin
        for (pk = 0; pk < P; pk = pk + 1)
            pf_cur[pk] = (nu_lane == pk[LW-1:0]) ? nu_spike
                       : ({{(32-LW){1'b0}}, nu_lane} > pk) ? pf_bits[pk] : 1'b0;
    end
    reg                 word_spiked, np_done;

    generate
        if (COMPACT != 0) begin : g_nu2
            lc_neuron_update2 #(.AW(AW), .TAGW(TAGW)) u_neuron (
                .i_clk(i_clk), .i_rst(i_rst),
                .i_valid(n0_valid), .i_tag(n0_tag), .i_a(n0_a),
                .i_du(pm_du), .i_dv(pm_dv), .i_vth(pm_vth), .i_bias(pm_bias), .i_tref(pm_tref),
                .i_u(sm_u), .i_v(sm_v), .i_r(sm_r), .i_theta(sm_th), .i_x(sm_x), .i_y(sm_y),
                .i_w_shift(r_w_shift), .i_v_reset(r_v_reset), .i_theta_plus(r_theta_plus),
                .i_d_theta(r_d_theta), .i_dx(r_dx), .i_dy(r_dy), .i_x_imp(r_x_imp), .i_y_imp(r_y_imp),
                .i_am_in(r_am_in), .i_sm_in(r_sm_in), .i_am_rec(r_am_rec), .i_sm_rec(r_sm_rec),
                .i_aux(state == S_LEARN), .i_aux_a(w0_ap), .i_aux_x(w0_x),
                .i_aux_s(w0_sp), .o_aux(nu_aux), .o_keep_v(nu_keep_v),
                .o_first(nu_first),
                .o_valid(nu_valid), .o_tag(nu_tag), .o_spike(nu_spike),
                .o_u(nu_u), .o_v(nu_v), .o_r(nu_r), .o_theta(nu_theta), .o_x(nu_x), .o_y(nu_y),
                .o_xdec(nu_xdec), .o_dep_in(nu_dep_in), .o_dep_rec(nu_dep_rec));
        end else begin : g_nu1
            assign nu_aux = 24'd0;
            assign nu_keep_v = 1'b0;
            assign nu_first  = 1'b0;
            wire unused_aux = &{1'b0, nu_aux, nu_keep_v, nu_first};
            lc_neuron_update #(.AW(AW), .TAGW(TAGW)) u_neuron (
                .i_clk(i_clk),
                .i_valid(n0_valid), .i_tag(n0_tag), .i_a(n0_a),
                .i_du(pm_du), .i_dv(pm_dv), .i_vth(pm_vth), .i_bias(pm_bias), .i_tref(pm_tref),
                .i_u(sm_u), .i_v(sm_v), .i_r(sm_r), .i_theta(sm_th), .i_x(sm_x), .i_y(sm_y),
                .i_w_shift(r_w_shift), .i_v_reset(r_v_reset), .i_theta_plus(r_theta_plus),
                .i_d_theta(r_d_theta), .i_dx(r_dx), .i_dy(r_dy), .i_x_imp(r_x_imp), .i_y_imp(r_y_imp),
                .i_am_in(r_am_in), .i_sm_in(r_sm_in), .i_am_rec(r_am_rec), .i_sm_rec(r_sm_rec),
                .o_valid(nu_valid), .o_tag(nu_tag), .o_spike(nu_spike),
                .o_u(nu_u), .o_v(nu_v), .o_r(nu_r), .o_theta(nu_theta), .o_x(nu_x), .o_y(nu_y),
                .o_xdec(nu_xdec), .o_dep_in(nu_dep_in), .o_dep_rec(nu_dep_rec));
        end
    endgenerate

    // ------------------------------------------------------------------
    // input pass: decay and increment the axon traces, clear the bitmap
    // ------------------------------------------------------------------
    reg                 ip_active, ip_done;
    reg  [MW-1:0]       ip_j;
    reg                 i0_valid;
    reg  [MW-1:0]       i0_j;
    wire [15:0]         i0_xdec;
    lc_decay #(.W(16), .SIGNED(0)) u_dxin (.i_z(xi_rdata), .i_d(r_dx), .o_z(i0_xdec));
    wire [16:0]         i0_xsum = {1'b0, i0_xdec} + (ib_rdata ? {1'b0, r_x_imp} : 17'd0);

    // ------------------------------------------------------------------
    // learning phase
    // ------------------------------------------------------------------
    reg                 mode_all;                 // some neuron spiked: visit every row
    reg  [ROWCW-1:0]    rp_cnt, rp_total, rows_left;
    reg                 r0_valid, r1_valid;
    reg  [ROWCW-1:0]    r0_cnt;
    reg  [ROWW-1:0]     r1_row;
    // row FIFO, 4 entries: {row, pre, set_in, pot}
    reg  [ROWW-1:0]     rf_row [0:RFD-1];
    reg                 rf_pre [0:RFD-1];
    reg                 rf_in  [0:RFD-1];
    reg  [15:0]         rf_x   [0:RFD-1];   // the row's pre trace
    reg  [RFAW-1:0]     rf_wp, rf_rp;
    reg  [2:0]          rf_cnt;
    // row being issued
    reg                 cu_valid, cu_pre, cu_in;
    reg  [ROWW-1:0]     cu_row;
    reg  [15:0]         cu_x;
    reg  [RCW-1:0]      cu_wq;
    reg                 sp_slot;                  // single-port: read slot
    // word pipeline
    reg                 w0_valid, w0_pre, w0_in;
    reg  [ROWW-1:0]     w0_row;
    reg  [RWW-1:0]      w0_wq;
    reg                 w1_valid, w1_pre, w1_in;
    reg  [RWW-1:0]      w1_w;
    reg  [WAW-1:0]      w1_addr;
    reg  [23:0]         w1_pot;
    reg                 w2_valid, w3_valid;
    reg  [WAW-1:0]      w2_addr, w3_addr;
    reg  [WWID-1:0]     w2_data;
    // compact: the second half of a word is updated one cycle after the first, with
    // the word's w1_pre, w1_in, w1_w and w1_pot, which hold through its w2
    wire [LH*9-1:0]     lane_out;      // the lane units' results
    wire [WWID-1:0]     w3_word;       // compact: the word after both halves, written at w3

    wire [ROWW-1:0]     r1_row_w  = mode_all ? r0_cnt[ROWW-1:0]
                                             : N_R + {{(ROWW-MW){1'b0}}, il_rdata};
    wire                r2_in     = (r1_row >= N_R);
    assign              r2_xp     = r2_in ? xq_rdata : sm_xpre;
    // the potentiation (a_plus * x_pre) >> s_plus of a word's row, computed at w0
    // from the trace (carried from the row FIFO as 16 bits instead of 24)
    assign              w0_ap     = w0_in ? r_ap_in : r_ap_rec;
    assign              w0_sp     = w0_in ? r_sp_in : r_sp_rec;
    // (a_plus * x_pre) >> s_plus: compact builds borrow the neuron update's
    // depression multiplier and shifter (idle in the learning phase)
    wire [23:0]         w0_prod   = {16'd0, w0_ap} * {8'd0, w0_x};
    wire [23:0]         w0_pot    = (COMPACT != 0) ? nu_aux : (w0_prod >> w0_sp);
    wire                rp_room   = ({1'b0, rf_cnt} + {3'd0, r0_valid} + {3'd0, r1_valid}) < RFD_C;
    wire                rp_go     = (state == S_LEARN) && (rp_cnt != rp_total) && rp_room;
    wire                rf_push   = r1_valid;
    wire [RCW-1:0]      cu_nw     = cu_pre ? RW_C : kw_cnt;
    wire                cu_last   = (cu_wq == cu_nw - 1'b1);
    wire                wi_go     = (state == S_LEARN) && cu_valid
                                 && ((WMEM_1PORT == 0) || sp_slot);
    wire                rf_pop    = (rf_cnt != 0) && (!cu_valid || (wi_go && cu_last));
    wire [RWW-1:0]      w1_w_w    = w0_pre ? w0_wq : kw_rdata;
    wire [WAW-1:0]      w1_addr_w = rb_addr;
    wire [ROWW-1:0]     rb_row    = (state == S_SYN)   ? s1_row :
                                    (state == S_LEARN) ? w0_row : q_row[ROWW-1:0];
    wire [RWW-1:0]      rb_word   = (state == S_SYN)   ? s0_w :
                                    (state == S_LEARN) ? w1_w_w : q_word;
    assign rb_addr = row_base(rb_row) + {{(WAW-RWW){1'b0}}, rb_word};
    wire                learn_done = (rows_left == 0) && !cu_valid && (rf_cnt == 0)
                                 && !r0_valid && !r1_valid && !w0_valid && !w1_valid
                                 && !w2_valid && !w3_valid;

    // new weight word: one lc_stdp_lane per synapse (dual-port), or one per synapse
    // of a half word, the first half at w1 and the second at w2 (compact)
    wire [WWID-1:0]     w2_new;
    generate
        if (COMPACT != 0) begin : g_lanes2
            reg  [LH*9-1:0] h_lo;      // first half, updated
            reg  [HL*9-1:0] h_syn;     // second half, as read
            reg  [HL-1:0]   h_post;    // its post-spike flags
            reg  [HL*9-1:0] h_hi;      // second half, updated
            always @(posedge i_clk) begin
                if (w1_valid) begin
                    h_lo   <= lane_out;
                    h_syn  <= wm_rdata[WWID-1:LH*9];
                    h_post <= pf_rdata[P-1:LH];
                end
                if (w2_valid)
                    h_hi <= lane_out[HL*9-1:0];
            end
            // h_lo holds until the next word's w1 ends, which is this word's w3
            assign w3_word = {h_hi, h_lo};
            wire                hi    = w2_valid;
            wire signed [7:0]   l_min = w1_in ? r_wmin_in : r_wmin_rec;
            wire signed [7:0]   l_max = w1_in ? r_wmax_in : r_wmax_rec;
            for (gl = 0; gl < LH; gl = gl + 1) begin : g_lane
                wire [8:0] syn_hi;
                wire       post_hi;
                if (gl < HL) begin : g_hi
                    assign syn_hi  = h_syn[gl*9 +: 9];
                    assign post_hi = h_post[gl];
                end else begin : g_nohi
                    assign syn_hi  = 9'd0;
                    assign post_hi = 1'b0;
                end
                wire lane_ok = (w1_w != RW_M1) || ((hi ? LH + gl : gl) < LAST_LANES);
                lc_stdp_lane u_lane (
                    .i_syn(hi ? syn_hi : wm_rdata[gl*9 +: 9]),
                    .i_lane_ok(lane_ok),
                    .i_pre(w1_pre),
                    .i_post(hi ? post_hi : pf_rdata[gl]),
                    .i_pot(w1_pot),
                    .i_dep(lq_rdata[gl*24 +: 24]),
                    .i_w_min(l_min),
                    .i_w_max(l_max),
                    .o_syn(lane_out[gl*9 +: 9]));
            end
            assign w2_new = {WWID{1'b0}};
        end else begin : g_lanes1
            for (gl = 0; gl < P; gl = gl + 1) begin : g_lane
                wire lane_ok = (w1_w != RW_M1) || (gl < LAST_LANES);
                lc_stdp_lane u_lane (
                    .i_syn(wm_rdata[gl*9 +: 9]),
                    .i_lane_ok(lane_ok),
                    .i_pre(w1_pre),
                    .i_post(lm_rdata[gl][48]),
                    .i_pot(w1_pot),
                    .i_dep(w1_in ? lm_rdata[gl][47:24] : lm_rdata[gl][23:0]),
                    .i_w_min(w1_in ? r_wmin_in : r_wmin_rec),
                    .i_w_max(w1_in ? r_wmax_in : r_wmax_rec),
                    .o_syn(w2_new[gl*9 +: 9]));
            end
            assign lane_out = {(LH*9){1'b0}};
            assign w3_word  = {WWID{1'b0}};
            wire unused_c = &{1'b0, lq_rdata, pf_rdata, lane_out};
        end
    endgenerate

    // pushed index held for the append cycle; axon of a learning row
    reg  [MW-1:0]       il_wdata_q;
    wire [ROWW-1:0]     r1_row_w_in = r1_row_w - N_R;

    // ------------------------------------------------------------------
    // statistics counters in block RAM (compact): word 3c+p of counter c holds its
    // bits [16p+15:16p]; S_CNT adds a step into the 12 words, read then written
    // back one cycle later through one 17-bit adder. Words 12 and 13 hold the 32-bit
    // count of dropped input spikes: S_CNT adds 1 to them alone (cc_drop).
    // ------------------------------------------------------------------
    reg  [3:0]          cc_k;          // word read this cycle, 0..11 (13); 12 (14): last write
    reg  [1:0]          cc_c, cc_p;    // its counter and part
    reg                 cc_wv, cc_p0, cc_carry, cc_clr_pend, cc_drop;
    wire                cc_end = (cc_k[3:2] == 2'b11) && (cc_k[1] == cc_drop) && !cc_k[0];
    reg  [3:0]          cc_wa;
    reg  [15:0]         cc_ad;         // addend of the word being written
    reg  [15:0]         cc_addend;     // addend of the word being read
    always @* begin
        case (cc_c)
            2'd0:    cc_addend = (cc_p == 2'd0) ? 16'd1 : 16'd0;
            2'd1:    cc_addend = (cc_p == 2'd0) ? step_cyc32[15:0] :
                                 (cc_p == 2'd1) ? step_cyc32[31:16] : 16'd0;
            2'd2:    cc_addend = (cc_p == 2'd0) ? {{(16-MCW){1'b0}}, in_cnt} : 16'd0;
            default: cc_addend = (cc_p == 2'd0) ? {{(16-NCW){1'b0}}, out_cnt} : 16'd0;
        endcase
    end
    wire [16:0]         cc_sum   = {1'b0, xi_rdata} + {1'b0, cc_ad}
                                 + {16'd0, !cc_p0 && cc_carry};
    // a read of counter c (0x30 + 2c: words 3c, 3c+1; 0x31 + 2c: word 3c+2), or of
    // the drop count (0x39: words 12, 13, read as counter 4's lower half)
    wire                q_drop   = (q_off[7:0] == 8'h39);
    wire                q_is_cnt = (COMPACT != 0) && (q_reg == 4'd0) && !q_write
                                && ((q_off[7:3] == 5'b00110) || q_drop);
    wire [2:0]          q_cc     = {q_drop, q_drop ? 2'b00 : q_off[2:1]};
    wire [3:0]          q_cword  = {q_cc, 1'b0} + {1'b0, q_cc}
                                 + {2'b00, q_off[0] && !q_drop, 1'b0};
    reg                 cr_cnt, cr_hi;
    reg  [2:0]          cr_c;
    wire [3:0]          cr_word1 = {cr_c, 1'b0} + {1'b0, cr_c} + 4'd1;

    // ------------------------------------------------------------------
    // memory port multiplexers
    // ------------------------------------------------------------------
    wire clearing = (state == S_INIT) || (state == S_CLEAR);
    always @* begin
        // weights
        wm_re = 1'b0; wm_raddr = {WAW{1'b0}};
        wm_we = 1'b0; wm_waddr = {WAW{1'b0}}; wm_wdata = {WWID{1'b0}};
        // neuron memories
        // compact: the state write data is the neuron result OR the configured field:
        // the neuron update's outputs are 0 while no neuron is in flight, and q_wdata
        // is 0 while stepping and clearing (so the clear passes write zeros)
        pm_re = 1'b0; pm_raddr = {NW{1'b0}}; pm_we = 1'b0; pm_waddr = {NW{1'b0}};
        pm_wdata = (COMPACT != 0) ? q_pm_rep : {PMW{1'b0}};
        sm_re = 1'b0; sm_raddr = {NW{1'b0}}; sm_we = 1'b0; sm_waddr = {NW{1'b0}};
        sm_wdata = (COMPACT != 0) ? (nu_word_st | q_sm_rep) : {SMW{1'b0}};
        pm_wmask = {PMW{1'b1}}; sm_wmask = {SMW{1'b1}};
        xi_re = 1'b0; xi_raddr = {XIW{1'b0}}; xi_we = 1'b0; xi_waddr = {XIW{1'b0}}; xi_wdata = 16'd0;
        ib_re = 1'b0; ib_raddr = {MW{1'b0}}; ib_we = 1'b0; ib_waddr = {MW{1'b0}}; ib_wdata = 1'b0;
        il_re = 1'b0; il_raddr = {MW{1'b0}}; il_we = 1'b0; il_waddr = {MW{1'b0}}; il_wdata = {MW{1'b0}};
        ol_re = 1'b0; ol_raddr = {(NW+1){1'b0}}; ol_we = 1'b0; ol_waddr = {(NW+1){1'b0}}; ol_wdata = {NW{1'b0}};
        xq_re = 1'b0; xq_raddr = {MW{1'b0}}; xq_we = 1'b0; xq_waddr = {MW{1'b0}}; xq_wdata = 17'd0;
        kw_re = 1'b0; kw_raddr = {RWW{1'b0}}; kw_we = 1'b0; kw_waddr = {RWW{1'b0}}; kw_wdata = {RWW{1'b0}};
        lm_re = 1'b0; lm_raddr = {RWW{1'b0}}; lm_we = {P{1'b0}}; lm_waddr = {RWW{1'b0}}; lm_wdata = {LMW{1'b0}};
        lq_re = 1'b0; lq_raddr = {LQAW{1'b0}}; lq_we = {LH{1'b0}}; lq_waddr = {LQAW{1'b0}}; lq_wdata = 24'd0;
        pf_re = 1'b0; pf_raddr = {RWW{1'b0}}; pf_we = 1'b0; pf_waddr = {RWW{1'b0}}; pf_wdata = {P{1'b0}};

        // --- clearing (init: everything; reset state: state, traces, inputs)
        if (clearing) begin
            wm_we    = (state == S_INIT) && (cl_cnt < WDEPTH_C);
            wm_waddr = cl_cnt[WAW-1:0];
            pm_we    = (state == S_INIT) && (cl_cnt < N_C);
            pm_waddr = cl_cnt[NW-1:0];
            sm_we    = (cl_cnt < N_C);
            sm_waddr = cl_cnt[NW-1:0];
            xi_we    = (cl_cnt < M_C);
            xi_waddr = {{(XIW-MW){1'b0}}, cl_cnt[MW-1:0]};
            ib_we    = (cl_cnt < M_C);
            ib_waddr = cl_cnt[MW-1:0];
            if (COMPACT != 0 && state == S_INIT && sh_init && cl_cnt < 32) begin
                lq_we    = {{(LH-1){1'b0}}, 1'b1};
                lq_waddr = SHB + {{(LQAW-5){1'b0}}, cl_cnt[4:0]};
                lq_wdata = sh_rval;
            end
        end

        // --- core register shadow (compact): written with the register, read back
        if (state == S_CFG1 && q_sh) begin
            lq_re    = !q_write;
            lq_raddr = SHB + {{(LQAW-5){1'b0}}, q_off[4:0]};
            lq_we    = {{(LH-1){1'b0}}, q_write};
            lq_waddr = SHB + {{(LQAW-5){1'b0}}, q_off[4:0]};
            lq_wdata = sh_wval;
        end

        // --- configuration requests
        if (state == S_CFG1 && q_is_cnt) begin
            xi_re = 1'b1; xi_raddr = XI_CB | {{(XIW-4){1'b0}}, q_cword};
        end
        if (state == S_CFG2 && cr_cnt && !cr_hi) begin
            xi_re = 1'b1; xi_raddr = XI_CB | {{(XIW-4){1'b0}}, cr_word1};
        end
        if (state == S_CNT && !cc_end) begin
            xi_re = 1'b1; xi_raddr = XI_CB | {{(XIW-4){1'b0}}, cc_k};
        end
        if (cc_wv) begin
            xi_we = 1'b1; xi_waddr = XI_CB | {{(XIW-4){1'b0}}, cc_wa}; xi_wdata = cc_sum[15:0];
        end
        if (state == S_CCLR) begin
            xi_we = 1'b1; xi_waddr = XI_CB | {{(XIW-4){1'b0}}, cc_k}; xi_wdata = 16'd0;
        end
        if (state == S_CFG1 && q_ok) begin
            pm_re = (q_reg == 4'd1); pm_raddr = q_idx[NW-1:0];
            sm_re = (q_reg == 4'd2); sm_raddr = q_idx[NW-1:0];
            xi_re = (q_reg == 4'd3); xi_raddr = {{(XIW-MW){1'b0}}, q_off[MW-1:0]};
            wm_re = (q_reg == 4'd4); wm_raddr = q_waddr;
        end
        if (state == S_CFG2 && q_write) begin
            pm_we = (q_reg == 4'd1); pm_waddr = q_idx[NW-1:0];
            sm_we = (q_reg == 4'd2); sm_waddr = q_idx[NW-1:0];
            if (COMPACT != 0) begin
                pm_wmask = q_pm_msk;
                sm_wmask = q_sm_msk;
            end else begin
                pm_wdata = q_pm_new; sm_wdata = q_sm_new;
            end
            xi_we = (q_reg == 4'd3); xi_waddr = {{(XIW-MW){1'b0}}, q_off[MW-1:0]};
            xi_wdata = q_wdata[15:0];
            wm_we = (q_reg == 4'd4); wm_waddr = q_waddr;       wm_wdata = q_wword;
        end

        // --- input spike push (duplicate check, then append)
        if (state == S_IDLE && !i_cfg_valid && i_in_valid && (i_in_idx < M_16)) begin
            ib_re = 1'b1; ib_raddr = i_in_idx[MW-1:0];
        end
        if (state == S_PUSH && !ib_rdata) begin
            ib_we = 1'b1; ib_waddr = il_wdata_q; ib_wdata = 1'b1;
            il_we = 1'b1; il_waddr = in_cnt[MW-1:0]; il_wdata = il_wdata_q;
        end

        // --- synaptic phase
        if (sq_go) begin
            il_re = 1'b1; il_raddr = sq_q[MW-1:0];
            ol_re = 1'b1; ol_raddr = {~cur_bank, sq_prevq[NW-1:0]};
        end
        if (s0_valid && !s0_zero) begin
            wm_re = 1'b1; wm_raddr = s1_addr;
        end

        // --- neuron pass
        if (ni_go) begin
            pm_re = 1'b1; pm_raddr = ni_i;
            sm_re = 1'b1; sm_raddr = ni_i;
        end
        if (nu_valid) begin
            sm_we = 1'b1; sm_waddr = nu_idx;
            if (COMPACT == 0)
                sm_wdata = nu_word_st;
            else
                sm_wmask = {{(SMW-48){1'b1}}, {24{!nu_keep_v}}, {24{1'b1}}};
            if (COMPACT != 0) begin
                lq_we = nu_slot1h; lq_waddr = lq_addr(nu_word, 1'b0, nu_half); lq_wdata = nu_dep_rec;
                pf_we = nu_lastw; pf_waddr = nu_word; pf_wdata = pf_cur;
            end else begin
                lm_we[nu_lane] = 1'b1; lm_waddr = nu_word;
                lm_wdata = {nu_spike, nu_dep_in, nu_dep_rec};
            end
            ol_we = nu_spike; ol_waddr = {cur_bank, out_cnt[NW-1:0]}; ol_wdata = nu_idx;
            kw_we = nu_lastw && (word_spiked || nu_spike);
            kw_waddr = kw_cnt[RWW-1:0]; kw_wdata = nu_word;
        end

        // --- input pass
        if (state == S_SYN && ip_active) begin
            xi_re = 1'b1; xi_raddr = {{(XIW-MW){1'b0}}, ip_j};
            ib_re = 1'b1; ib_raddr = ip_j;
        end
        if (nu_first) begin       // compact: dep_in the cycle before the neuron's result
            lq_we = nu_slot1h; lq_waddr = lq_addr(nu_word, 1'b1, nu_half); lq_wdata = nu_dep_in;
        end
        if (i0_valid) begin
            xi_we = 1'b1; xi_waddr = {{(XIW-MW){1'b0}}, i0_j};
            xi_wdata = i0_xsum[16] ? 16'hFFFF : i0_xsum[15:0];
            xq_we = 1'b1; xq_waddr = i0_j; xq_wdata = {ib_rdata, i0_xdec};
            ib_we = 1'b1; ib_waddr = i0_j; ib_wdata = 1'b0;
        end

        // --- learning phase
        if (rp_go) begin
            il_re = 1'b1; il_raddr = rp_cnt[MW-1:0];
        end
        if (r0_valid) begin
            sm_re = 1'b1; sm_raddr = r1_row_w[NW-1:0];
            xq_re = 1'b1; xq_raddr = r1_row_w_in[MW-1:0];
        end
        if (wi_go) begin
            kw_re = 1'b1; kw_raddr = cu_wq[RWW-1:0];
        end
        if (w0_valid) begin
            wm_re = 1'b1; wm_raddr = w1_addr_w;
            lm_re = (COMPACT == 0); lm_raddr = w1_w_w;
            lq_re = (COMPACT != 0); lq_raddr = lq_addr(w1_w_w, w0_in, 1'b0);
            pf_re = (COMPACT != 0); pf_raddr = w1_w_w;
        end
        if (w1_valid && (COMPACT != 0)) begin
            lq_re = 1'b1; lq_raddr = lq_addr(w1_w, w1_in, 1'b1);
        end
        if ((WMEM_1PORT == 0) ? w2_valid : w3_valid) begin
            wm_we    = 1'b1;
            wm_waddr = (WMEM_1PORT == 0) ? w2_addr : w3_addr;
            wm_wdata = (WMEM_1PORT == 0) ? w2_data : w3_word;
        end
    end

    // the accumulators: add a weight word's lanes into a bank, clear a sum when the
    // neuron pass takes it (or all at the start of a step)
    integer ab;
    always @(posedge i_clk) begin
        for (ab = 0; ab < P; ab = ab + 1) begin
            if (acc_start || (ni_go && !ni_bank && ni_l == ab[LW-1:0]))
                acc0[ab] <= {AW{1'b0}};
            else if (s1_valid && !s1_bank && !s1_zero)
                acc0[ab] <= acc0[ab] + {{(AW-8){wm_rdata[ab*9+7]}}, wm_rdata[ab*9 +: 8]};
            if (acc_start || (ni_go && ni_bank && ni_l == ab[LW-1:0]))
                acc1[ab] <= {AW{1'b0}};
            else if (s1_valid && s1_bank && !s1_zero)
                acc1[ab] <= acc1[ab] + {{(AW-8){wm_rdata[ab*9+7]}}, wm_rdata[ab*9 +: 8]};
        end
    end

    // bits that are deliberately dropped: wide write data, wrapped index arithmetic
    wire unused = &{1'b0, q_wdata[31:24], sq_prevq, r0_cnt, r1_row_w_in};
    generate
        if (XIW > XIRW) begin : g_xi_pad
            wire unused_xi = &{1'b0, xi_raddr[XIW-1:XIRW], xi_waddr[XIW-1:XIRW]};
        end
    endgenerate

    // ------------------------------------------------------------------
    // sequential logic
    // ------------------------------------------------------------------
    always @(posedge i_clk) begin
        o_cfg_rvalid <= 1'b0;
        o_step_done  <= 1'b0;
        o_out_valid  <= 1'b0;

        if (COMPACT == 0) begin
            if (state == S_SYN || state == S_LEARN || state == S_CNT || state == S_FIN)
                step_cyc <= step_cyc + 1'b1;
        end else if ((state == S_SYN || state == S_LEARN) && !step_cyc[CYW-1]) begin
            step_cyc <= step_cyc + 1'b1;
        end
        cc_wv <= 1'b0;

        case (state)
        // ---------------------------------------------------------------
        S_INIT, S_CLEAR: begin
            cl_cnt <= cl_cnt + 1'b1;
            if (cl_cnt == ((state == S_INIT) ? CLR_INIT_LAST : CLR_STATE_LAST)) begin
                state    <= cc_clr_pend ? S_CCLR : S_IDLE;
                cl_cnt   <= {CLRW{1'b0}};
                sh_init  <= 1'b0;
                in_cnt   <= {MCW{1'b0}};
                prev_cnt <= {NCW{1'b0}};
            end
        end
        S_CCLR: begin                   // compact: zero the 14 counter words
            cc_k <= cc_k + 4'd1;
            if (cc_k == 4'd13) begin
                state       <= S_IDLE;
                cc_k        <= 4'd0;
                cc_clr_pend <= 1'b0;
            end
        end
        // ---------------------------------------------------------------
        S_IDLE: begin
            if (i_cfg_valid) begin
                state   <= S_CFG1;
            end else if (i_step) begin
                state     <= S_SYN;
                // compact: the count starts 13 on, for the 13 S_CNT cycles and the
                // S_FIN cycle it does not count
                step_cyc  <= {{(CYW-4){1'b0}}, (COMPACT != 0) ? 4'd14 : 4'd1};
                src_cnt   <= {{(SCW-MCW){1'b0}}, in_cnt} + {{(SCW-NCW){1'b0}}, prev_cnt};
                sq_active <= 1'b1; sq_w <= {RWW{1'b0}}; sq_q <= {SCW{1'b0}};
                ni_active <= 1'b1; ni_i <= {NW{1'b0}}; ni_l <= {LW{1'b0}};
                ni_w <= {RWW{1'b0}}; ni_bank <= 1'b0;
                acc_full  <= 2'b00; bank_free <= 2'b11;
                ip_active <= 1'b1; ip_j <= {MW{1'b0}}; ip_done <= 1'b0;
                np_done   <= 1'b0; word_spiked <= 1'b0;
                out_cnt   <= {NCW{1'b0}}; kw_cnt <= {RCW{1'b0}};
            end else if (i_in_valid) begin
                if (i_in_idx < M_16) begin
                    il_wdata_q <= i_in_idx[MW-1:0];
                    state      <= S_PUSH;
                end else if (COMPACT != 0) begin
                    state   <= S_CNT;       // compact: add 1 to words 12, 13
                    cc_drop <= 1'b1;
                    cc_k    <= 4'd12;
                end else begin
                    c_dropped <= c_dropped + 1;
                end
            end
        end
        S_PUSH: begin
            if (!ib_rdata)
                in_cnt <= in_cnt + 1'b1;
            state <= S_IDLE;
        end
        // ---------------------------------------------------------------
        S_CFG1: begin
            if (q_is_cnt) begin
                state  <= S_CFG2;           // compact: a counter, from block RAM
                cr_cnt <= 1'b1;
                cr_hi  <= q_off[0] && !q_drop;
                cr_c   <= q_cc;
            end else if (q_sh && !q_write) begin
                state <= S_CFG2;           // compact: a register, from its shadow
            end else if (q_reg == 4'd0) begin
                state <= S_IDLE;
                if (!q_write) begin
                    o_cfg_rvalid <= 1'b1;
                    o_cfg_rdata  <= reg_rdata;
                end else begin
                    case (q_off[7:0])
                        8'h00: r_w_shift    <= q_wdata[3:0];
                        8'h01: r_v_reset    <= q_wdata[23:0];
                        8'h02: r_theta_plus <= q_wdata[22:0];
                        8'h03: r_d_theta    <= q_wdata[12:0];
                        8'h04: r_dx         <= q_wdata[12:0];
                        8'h05: r_dy         <= q_wdata[12:0];
                        8'h06: r_x_imp      <= q_wdata[15:0];
                        8'h07: r_y_imp      <= q_wdata[15:0];
                        8'h08: r_learning   <= q_wdata[0];
                        8'h10: r_ap_in      <= q_wdata[7:0];
                        8'h11: r_am_in      <= q_wdata[7:0];
                        8'h12: r_sp_in      <= q_wdata[4:0];
                        8'h13: r_sm_in      <= q_wdata[4:0];
                        8'h14: r_wmin_in    <= q_wdata[7:0];
                        8'h15: r_wmax_in    <= q_wdata[7:0];
                        8'h18: r_ap_rec     <= q_wdata[7:0];
                        8'h19: r_am_rec     <= q_wdata[7:0];
                        8'h1A: r_sp_rec     <= q_wdata[4:0];
                        8'h1B: r_sm_rec     <= q_wdata[4:0];
                        8'h1C: r_wmin_rec   <= q_wdata[7:0];
                        8'h1D: r_wmax_rec   <= q_wdata[7:0];
                        8'h3F: begin
                            if (q_wdata[1]) begin
                                c_steps <= {CNT_W{1'b0}}; c_cycles <= {CNT_W{1'b0}};
                                c_spk_in <= {CNT_W{1'b0}}; c_spk_out <= {CNT_W{1'b0}};
                                c_last <= 32'd0; c_dropped <= 32'd0; step_cyc <= {CYW{1'b0}};
                                cc_clr_pend <= (COMPACT != 0);
                            end
                            if (q_wdata[2]) begin
                                state   <= S_INIT;      // weights, parameters and state
                                cl_cnt  <= {CLRW{1'b0}};
                            end else if (q_wdata[0]) begin
                                state   <= S_CLEAR;     // state only
                                cl_cnt  <= {CLRW{1'b0}};
                            end else if (q_wdata[1] && (COMPACT != 0)) begin
                                state  <= S_CCLR;       // the counters in block RAM
                            end
                        end
                        default: ;
                    endcase
                end
            end else if (q_ok) begin
                state <= S_CFG2;
            end else begin
                state <= S_IDLE;
                if (!q_write) begin
                    o_cfg_rvalid <= 1'b1;
                    o_cfg_rdata  <= 32'd0;
                end
            end
        end
        S_CFG2: begin
            state <= S_IDLE;
            if (!q_write)                       // a field, or a counter word
                o_cfg_rdata <= q_rdata;
            if (cr_cnt && !cr_hi) begin
                state <= S_CFG3;                // (o_cfg_rdata[15:0] holds the lower word)
            end else if (!q_write) begin
                cr_cnt       <= 1'b0;
                o_cfg_rvalid <= 1'b1;
            end
        end
        S_CFG3: begin                   // compact: the upper word of a counter's low half
            state                <= S_IDLE;
            cr_cnt               <= 1'b0;
            o_cfg_rvalid         <= 1'b1;
            o_cfg_rdata[31:16]   <= xi_rdata;
        end
        // ---------------------------------------------------------------
        S_SYN: begin
            if (np_done && ip_done && !i0_valid) begin
                if (r_learning && (out_cnt != 0 || in_cnt != 0)) begin
                    state     <= S_LEARN;
                    mode_all  <= (out_cnt != 0);
                    rp_cnt    <= {ROWCW{1'b0}};
                    rp_total  <= (out_cnt != 0) ? ROWS[ROWCW-1:0]
                                                : {{(ROWCW-MCW){1'b0}}, in_cnt};
                    rows_left <= (out_cnt != 0) ? ROWS[ROWCW-1:0]
                                                : {{(ROWCW-MCW){1'b0}}, in_cnt};
                    rf_wp <= {RFAW{1'b0}}; rf_rp <= {RFAW{1'b0}}; rf_cnt <= 3'd0;
                    cu_valid <= 1'b0; sp_slot <= 1'b1;
                end else begin
                    state <= S_DONE;
                end
            end
        end
        S_LEARN: begin
            if (WMEM_1PORT != 0)
                sp_slot <= ~sp_slot;
            if (learn_done)
                state <= S_DONE;
        end
        S_CNT: begin                    // compact: 12 (2) reads, each written back next cycle
            if (!cc_end) begin
                cc_wv <= 1'b1;
                cc_wa <= cc_k;
                cc_ad <= cc_addend;
                cc_p0 <= (cc_p == 2'd0);
                cc_k  <= cc_k + 4'd1;
                if (cc_p == 2'd2) begin
                    cc_p <= 2'd0;
                    cc_c <= cc_c + 2'd1;
                end else begin
                    cc_p <= cc_p + 2'd1;
                end
            end else if (cc_drop) begin
                state   <= S_IDLE;      // a dropped input spike counted
                cc_drop <= 1'b0;
                cc_k    <= 4'd0;
                cc_c    <= 2'd0;
                cc_p    <= 2'd0;
            end else begin
                state <= S_FIN;
            end
            if (cc_wv)
                cc_carry <= cc_sum[16];
        end
        S_FIN: begin
            state       <= S_IDLE;
            o_step_done <= 1'b1;
            cur_bank    <= ~cur_bank;
            prev_cnt    <= out_cnt;
            in_cnt      <= {MCW{1'b0}};
            cc_k        <= 4'd0;
            cc_c        <= 2'd0;
            cc_p        <= 2'd0;
            if (COMPACT == 0) begin
                c_steps     <= c_steps + 1'b1;
                c_cycles    <= c_cycles + {{(CNT_W-32){1'b0}}, step_cyc32};
                c_spk_in    <= c_spk_in + {{(CNT_W-MCW){1'b0}}, in_cnt};
                c_spk_out   <= c_spk_out + {{(CNT_W-NCW){1'b0}}, out_cnt};
                c_last      <= step_cyc32;
            end
        end
        default: state <= S_IDLE;
        endcase

        // ---- synaptic sequencer (stage 0 issue)
        s0_valid <= 1'b0;
        if (sq_go) begin
            s0_valid <= 1'b1;
            s0_w     <= sq_w;
            s0_bank  <= sq_bank;
            s0_last  <= sq_islast;
            s0_zero  <= (src_cnt == 0);
            s0_isin  <= (sq_q < {{(SCW-MCW){1'b0}}, in_cnt});
            if (sq_q == 0)
                bank_free[sq_bank] <= 1'b0;
            if (sq_islast) begin
                sq_q <= {SCW{1'b0}};
                sq_w <= sq_w + 1'b1;
                if (sq_w == RW_M1)
                    sq_active <= 1'b0;
            end else begin
                sq_q <= sq_q + 1'b1;
            end
        end
        // stage 1: weight read issued (combinational); carry tags
        s1_valid <= s0_valid;
        s1_bank  <= s0_bank;
        s1_last  <= s0_last;
        s1_zero  <= s0_zero;
        // stage 2: accumulate (the sums themselves: below)
        if (s1_valid && s1_last)
            acc_full[s1_bank] <= 1'b1;

        // ---- neuron issue
        n0_valid <= 1'b0;
        ni_hold  <= ni_go && (COMPACT != 0);
        if (ni_go) begin
            n0_valid <= 1'b1;
            n0_tag   <= ni_lastw;
            n0_a     <= ni_bank ? acc1[ni_l] : acc0[ni_l];
            ni_i     <= ni_i + 1'b1;
            if (ni_lastw) begin
                ni_l <= {LW{1'b0}};
                ni_w <= ni_w + 1'b1;
                acc_full[ni_bank]  <= 1'b0;
                bank_free[ni_bank] <= 1'b1;
                ni_bank <= ~ni_bank;
            end else begin
                ni_l <= ni_l + 1'b1;
            end
            if ({1'b0, ni_i} == N_M1)
                ni_active <= 1'b0;
        end
        // ---- neuron results
        if (nu_valid)
            pf_bits <= pf_cur;
        if (acc_start) begin
            nu_idx  <= {NW{1'b0}};
            nu_lane <= {LW{1'b0}};
            nu_word <= {RWW{1'b0}};
        end else if (nu_valid) begin
            nu_idx  <= nu_idx + 1'b1;
            nu_lane <= nu_lastw ? {LW{1'b0}} : nu_lane + 1'b1;
            if (nu_lastw)
                nu_word <= nu_word + 1'b1;
        end
        if (nu_valid) begin
            if (nu_spike) begin
                out_cnt     <= out_cnt + 1'b1;
                o_out_valid <= 1'b1;
                o_out_idx   <= {{(16-NW){1'b0}}, nu_idx};
            end
            if (nu_lastw) begin
                word_spiked <= 1'b0;
                if (word_spiked || nu_spike)
                    kw_cnt <= kw_cnt + 1'b1;
            end else if (nu_spike) begin
                word_spiked <= 1'b1;
            end
            if ({1'b0, nu_idx} == N_M1)
                np_done <= 1'b1;
        end

        // ---- input pass
        i0_valid <= 1'b0;
        if (state == S_SYN && ip_active) begin
            i0_valid <= 1'b1;
            i0_j     <= ip_j;
            ip_j     <= ip_j + 1'b1;
            if ({1'b0, ip_j} == M_M1)
                ip_active <= 1'b0;
        end
        if (i0_valid && ({1'b0, i0_j} == M_M1))
            ip_done <= 1'b1;

        // ---- learning: row prefetch
        r0_valid <= 1'b0;
        if (rp_go) begin
            r0_valid <= 1'b1;
            r0_cnt   <= rp_cnt;
            rp_cnt   <= rp_cnt + 1'b1;
        end
        r1_valid <= r0_valid;
        r1_row   <= r1_row_w;
        if (rf_push) begin
            rf_row[rf_wp] <= r1_row;
            rf_pre[rf_wp] <= r2_xp[16];
            rf_in[rf_wp]  <= r2_in;
            rf_x[rf_wp]   <= r2_xp[15:0];
            rf_wp         <= rf_wp + 1'b1;
        end
        if (rf_pop)
            rf_rp <= rf_rp + 1'b1;
        rf_cnt <= rf_cnt + {2'd0, rf_push} - {2'd0, rf_pop};

        // ---- learning: word issue
        w0_valid <= 1'b0;
        if (wi_go) begin
            w0_valid <= 1'b1;
            w0_row   <= cu_row;
            w0_pre   <= cu_pre;
            w0_in    <= cu_in;
            w0_x     <= cu_x;
            w0_wq    <= cu_wq[RWW-1:0];
            cu_wq    <= cu_wq + 1'b1;
            if (cu_last && !rf_pop)
                cu_valid <= 1'b0;
        end
        if (rf_pop) begin
            cu_valid  <= 1'b1;
            cu_row    <= rf_row[rf_rp];
            cu_pre    <= rf_pre[rf_rp];
            cu_in     <= rf_in[rf_rp];
            cu_x      <= rf_x[rf_rp];
            cu_wq     <= {RCW{1'b0}};
            rows_left <= rows_left - 1'b1;
        end
        w1_valid <= w0_valid;
        // a word's row values hold from its w1 through its w2 (compact: the second
        // half's lanes use them; the next word reaches w1 only after that)
        if (w0_valid) begin
            w1_addr <= w1_addr_w;
            w1_w   <= w1_w_w;
            w1_pre <= w0_pre;
            w1_in  <= w0_in;
            w1_pot <= w0_pot;
        end
        w2_valid <= w1_valid;
        w2_addr  <= w1_addr;
        w2_data  <= w2_new;
        w3_valid <= w2_valid && (WMEM_1PORT != 0);
        w3_addr  <= w1_addr;

        // ---- reset
        if (i_rst) begin
            state        <= S_INIT;
            cl_cnt       <= {CLRW{1'b0}};
            cur_bank     <= 1'b0;
            in_cnt       <= {MCW{1'b0}};
            prev_cnt     <= {NCW{1'b0}};
            out_cnt      <= {NCW{1'b0}};
            sq_active    <= 1'b0; ni_active <= 1'b0; ip_active <= 1'b0;
            s0_valid     <= 1'b0; s1_valid <= 1'b0; n0_valid <= 1'b0; i0_valid <= 1'b0;
            ni_hold      <= 1'b0;
            cc_k <= 4'd0; cc_c <= 2'd0; cc_p <= 2'd0; cc_wv <= 1'b0; cr_cnt <= 1'b0;
            cc_drop      <= 1'b0;
            cc_clr_pend  <= (COMPACT != 0);
            sh_init      <= 1'b1;
            r0_valid     <= 1'b0; r1_valid <= 1'b0; w0_valid <= 1'b0; w1_valid <= 1'b0;
            w2_valid     <= 1'b0; w3_valid <= 1'b0; cu_valid <= 1'b0;
            rf_cnt       <= 3'd0; rows_left <= {ROWCW{1'b0}};
            o_out_valid  <= 1'b0; o_step_done <= 1'b0; o_cfg_rvalid <= 1'b0;
            r_w_shift    <= 4'd6;
            r_v_reset    <= 24'sd0;
            r_theta_plus <= 23'd0;
            r_d_theta    <= 13'd0; r_dx <= 13'd0; r_dy <= 13'd0;
            r_x_imp      <= 16'd0; r_y_imp <= 16'd0;
            r_learning   <= 1'b0;
            r_ap_in  <= 8'd0; r_am_in  <= 8'd0; r_sp_in  <= 5'd0; r_sm_in  <= 5'd0;
            r_ap_rec <= 8'd0; r_am_rec <= 8'd0; r_sp_rec <= 5'd0; r_sm_rec <= 5'd0;
            r_wmin_in  <= -8'sd128; r_wmax_in  <= 8'sd127;
            r_wmin_rec <= -8'sd128; r_wmax_rec <= 8'sd127;
            c_steps <= {CNT_W{1'b0}}; c_cycles <= {CNT_W{1'b0}};
            c_spk_in <= {CNT_W{1'b0}}; c_spk_out <= {CNT_W{1'b0}};
            c_last <= 32'd0; c_dropped <= 32'd0; step_cyc <= {CYW{1'b0}};
        end
    end
endmodule

`default_nettype wire
