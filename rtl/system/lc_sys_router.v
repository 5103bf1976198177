// lc_sys_router.v : the on-chip spike router of a system of C cores of one geometry
// A routing table in block RAM (per source {first, count}, then the entries {b, j, d}),
// per-core output queues merged in ascending (core, neuron) order, and per-target-core
// delay rings of D slots of M-bit axon bitmaps. See rtl/system/README.md.
// SPDX-License-Identifier: MIT
`default_nettype none
`include "lc_map.vh"

// A step, as lc_system sequences it:
//  1. feed (i_feed): every target core's scanner walks slot pos of its ring, an axon a
//     cycle (pipelined: read one, check the one before), pushes each set bit into the
//     core's input port and clears it; o_feed_done when every core's slot is empty.
//  2. run (i_run, the cores start their step): each core's output spikes enter its
//     queue; the merge pops core 0's queue until core 0 is done and its queue empty,
//     then core 1's, ...; a popped spike (a, k) leaves on o_out_* and reads its index
//     word {first, count}, then its count entries (a cycle each) and sets bit j of slot
//     (pos + d) mod D of core b's ring. o_run_done when all cores are done, every queue
//     is empty and the last entry is written; pos then moves on by one.
// Configuration (offsets within the router's target, see README.md): region 0 the
// registers (0x10 output selection: bit c lets core c's spikes out on o_out_*, routing is
// unaffected; 0x3F command: bit 0 clear the spikes in flight, bit 2 also the table),
// region 1 the index words at (a << 12) | k, region 2 the entries.
module lc_sys_router #(
    parameter integer C      = 2,    // cores, 1..255
    parameter integer N      = 64,   // neurons per core, 2..4096
    parameter integer M      = 32,   // input axons per core, 1..4096
    parameter integer D      = 16,   // largest delay, steps, 2..256
    parameter integer ROUTES = 256   // routing-table capacity, entries, 1..65535
) (
    input  wire              i_clk,
    input  wire              i_rst,          // synchronous: clears the table and the rings
    // configuration port of the router's target (same handshake as lc_core's)
    input  wire              i_cfg_valid,
    input  wire              i_cfg_write,
    input  wire [27:0]       i_cfg_addr,
    input  wire [31:0]       i_cfg_wdata,
    output wire              o_cfg_ready,
    output reg               o_cfg_rvalid,
    output wire [31:0]       o_cfg_rdata,
    // feed: the arrivals of this step into the cores' input ports
    input  wire              i_feed,         // pulse: start the feed
    output reg               o_feed_done,    // pulse: every arrival of this step pushed
    output wire [C-1:0]      o_in_valid,
    output wire [C*16-1:0]   o_in_idx,
    input  wire [C-1:0]      i_in_ready,
    // run: the cores' output spikes during their step
    input  wire              i_run,          // pulse: the cores start their step
    input  wire [C-1:0]      i_out_valid,
    input  wire [C*16-1:0]   i_out_idx,
    input  wire [C-1:0]      i_done,         // the cores' step-done pulses
    output reg               o_run_done,     // pulse: every spike of the step routed
    // the merged output stream, ascending in (core, neuron), at most one a cycle
    output reg               o_out_valid,
    output reg  [CW-1:0]     o_out_core,
    output reg  [15:0]       o_out_idx,
    output wire              o_busy          // clearing
);
    localparam integer CW    = (C > 1) ? $clog2(C) : 1;       // core index
    localparam integer CP    = 1 << CW;                        // cores, padded
    localparam integer NW    = (N > 1) ? $clog2(N) : 1;        // neuron index
    localparam integer MW    = (M > 1) ? $clog2(M) : 1;        // axon index
    localparam integer DW    = $clog2(D);                      // ring slot
    localparam integer RTW   = (ROUTES > 1) ? $clog2(ROUTES) : 1;  // entry address
    localparam integer RCW   = $clog2(ROUTES + 1);             // 0..ROUTES
    localparam integer IXD   = C << NW;                        // index words {a, k}
    localparam integer IXAW  = (IXD > 1) ? $clog2(IXD) : 1;
    localparam integer IW    = RCW + RTW;                      // index word {count, first}
    localparam integer EW    = CW + MW + DW;                   // entry {b, j, d-1}
    localparam integer RGD   = D << MW;                        // ring bits per core {slot, j}
    localparam integer RGAW  = DW + MW;
    localparam integer CLN   = (RGD > IXD) ? RGD : IXD;        // clear pass
    localparam integer CLW   = $clog2(CLN + 1);
    localparam [1:0]   R_IDLE = 2'd0, R_CLR = 2'd1, R_FEED = 2'd2, R_RUN = 2'd3;
    localparam [1:0]   E_IDLE = 2'd0, E_IX = 2'd1, E_ENT = 2'd2;
    localparam integer D_M1_I = D - 1, CLN_M1_I = CLN - 1;
    localparam [DW-1:0]  D_M1   = D_M1_I[DW-1:0];
    localparam [MW:0]    M_W    = M[MW:0];
    localparam [CLW-1:0] CL_LAST = CLN_M1_I[CLW-1:0];
    localparam [DW:0]    D_W    = D[DW:0];
    localparam [CW:0]    C_W    = C[CW:0];
    localparam [11:0]    C_12   = C[11:0];
    localparam [12:0]    N_13   = N[12:0];
    localparam [23:0]    RT_24  = ROUTES[23:0];
    localparam [CLW:0]   IXD_CL = IXD[CLW:0];
    localparam [CLW:0]   RGD_CL = RGD[CLW:0];

    initial begin
        if (C < 1 || C > 255)       $error("lc_sys_router: C must be 1..255");
        if (N < 2 || N > 4096)      $error("lc_sys_router: N must be 2..4096");
        if (M < 1 || M > 4096)      $error("lc_sys_router: M must be 1..4096");
        if (D < 2 || D > 256)       $error("lc_sys_router: D must be 2..256");
        if (ROUTES < 1 || ROUTES > 65535) $error("lc_sys_router: ROUTES must be 1..65535");
    end

    reg  [1:0]      state;
    reg  [CLW-1:0]  cl;
    reg             cl_tab;          // the clear pass also zeroes the index words
    reg  [DW-1:0]   pos;             // the ring slot of the current step

    assign o_busy      = (state == R_CLR);
    assign o_cfg_ready = (state == R_IDLE);

    // ------------------------------------------------------------------
    // configuration decode
    // ------------------------------------------------------------------
    wire        cfg_go  = i_cfg_valid && (state == R_IDLE);
    wire [3:0]  c_reg   = i_cfg_addr[27:24];
    wire [11:0] c_a     = i_cfg_addr[23:12];
    wire [11:0] c_k     = i_cfg_addr[11:0];
    wire [23:0] c_off   = i_cfg_addr[23:0];
    wire        c_ix_ok = (c_a < C_12) && ({1'b0, c_k} < N_13);
    wire        c_en_ok = (c_off < RT_24);
    wire [IXAW-1:0] c_ix_addr;
    wire [RTW-1:0]  c_en_addr = c_off[RTW-1:0];
    generate
        if (C > 1) begin : g_cix
            wire [CW+NW-1:0] ix_full = {c_a[CW-1:0], c_k[NW-1:0]};
            assign c_ix_addr = ix_full[IXAW-1:0];
        end else begin : g_cix
            assign c_ix_addr = c_k[IXAW-1:0];
        end
    endgenerate
    wire [7:0]  c_d     = i_cfg_wdata[31:24];
    wire [7:0]  c_dm1   = c_d - 8'd1;
    wire        c_cmd   = cfg_go && i_cfg_write && (c_reg == `LC_ROUTER_REGION_REGS) &&
                          (c_off == `LC_ROUTER_REG_CMD);

    // ------------------------------------------------------------------
    // per-core output queues and the merge
    // ------------------------------------------------------------------
    reg  [C-1:0]    done_l;
    reg  [CW:0]     oc;              // the core being drained, C when all are
    wire [CW-1:0]   oc_i = oc[CW-1:0];
    wire [CP-1:0]   q_empty;
    wire [CP*NW-1:0] q_head;
    genvar g;
    generate
        for (g = 0; g < CP; g = g + 1) begin : g_q
            if (g < C) begin : g_core
                wire [15:0] idx = i_out_idx[g*16 +: 16];
                wire        unused_idx = &{1'b0, idx[15:NW]};
                lc_sys_fifo #(.WIDTH(NW), .DEPTH(N)) u_fifo (
                    .i_clk(i_clk), .i_rst(i_rst || i_run), .i_push(i_out_valid[g]),
                    .i_data(idx[NW-1:0]), .i_pop(q_pop && (oc_i == g)),
                    .o_head(q_head[g*NW +: NW]), .o_empty(q_empty[g]));
            end else begin : g_pad
                assign q_empty[g] = 1'b1;
                assign q_head[g*NW +: NW] = {NW{1'b0}};
            end
        end
    endgenerate
    wire            oc_live = (oc < C_W);
    wire            cur_empty = q_empty[oc_i];
    wire [NW-1:0]   cur_head  = q_head[oc_i*NW +: NW];
    wire            cur_done  = done_l[oc_i];

    // ------------------------------------------------------------------
    // the lookup engine: index word, then the entries, a cycle each
    // ------------------------------------------------------------------
    reg  [1:0]      e_state;
    reg  [RTW-1:0]  e_ptr;
    reg  [RCW-1:0]  e_left;
    reg             wv;              // an entry's read data is valid
    wire [IW-1:0]   ix_rdata;
    wire [EW-1:0]   en_rdata;
    wire [RCW-1:0]  ix_cnt   = ix_rdata[IW-1:RTW];
    wire [RTW-1:0]  ix_first = ix_rdata[RTW-1:0];
    wire            can_pop  = (e_state == E_IDLE) || (e_state == E_IX && ix_cnt == 0)
                            || (e_state == E_ENT && e_left == 1);
    wire            q_pop    = (state == R_RUN) && oc_live && !cur_empty && can_pop;
    wire            en_rd    = (state == R_RUN) && (e_state == E_ENT);

    wire [IXAW-1:0] run_ix_addr;
    generate
        if (C > 1) begin : g_rix
            wire [CW+NW-1:0] ix_full = {oc_i, cur_head};
            assign run_ix_addr = ix_full[IXAW-1:0];
        end else begin : g_rix
            assign run_ix_addr = cur_head;
        end
    endgenerate

    // index memory: written by the configuration port and the clear pass
    wire            ix_we    = (state == R_CLR) ? (cl_tab && {1'b0, cl} < IXD_CL)
                             : (cfg_go && i_cfg_write && c_reg == 4'd1 && c_ix_ok);
    wire [IXAW-1:0] ix_waddr = (state == R_CLR) ? cl[IXAW-1:0] : c_ix_addr;
    wire [IW-1:0]   ix_wdata = (state == R_CLR) ? {IW{1'b0}}
                             : {i_cfg_wdata[16 +: RCW], i_cfg_wdata[RTW-1:0]};
    wire            ix_re    = q_pop || (cfg_go && !i_cfg_write && c_reg == 4'd1);
    lc_ram_sdp #(.WIDTH(IW), .DEPTH(IXD)) u_index (
        .i_clk(i_clk), .i_we(ix_we), .i_waddr(ix_waddr), .i_wdata(ix_wdata),
        .i_re(ix_re), .i_raddr(q_pop ? run_ix_addr : c_ix_addr), .o_rdata(ix_rdata));

    // entry memory: {b, j, d-1}
    wire            en_we    = cfg_go && i_cfg_write && c_reg == 4'd2 && c_en_ok;
    wire [EW-1:0]   en_wdata = {i_cfg_wdata[16 +: CW], i_cfg_wdata[MW-1:0], c_dm1[DW-1:0]};
    wire            en_re    = en_rd || (cfg_go && !i_cfg_write && c_reg == 4'd2);
    lc_ram_sdp #(.WIDTH(EW), .DEPTH(ROUTES)) u_entries (
        .i_clk(i_clk), .i_we(en_we), .i_waddr(c_en_addr), .i_wdata(en_wdata),
        .i_re(en_re), .i_raddr(en_rd ? e_ptr : c_en_addr), .o_rdata(en_rdata));

    // the entry read last cycle: target core, axon, slot (pos + d) mod D
    wire [CW-1:0]   w_b   = en_rdata[EW-1 -: CW];
    wire [MW-1:0]   w_j   = en_rdata[DW +: MW];
    wire [DW-1:0]   w_dm1 = en_rdata[DW-1:0];
    wire [DW:0]     w_s0  = {1'b0, pos} + {1'b0, w_dm1} + 1'b1;
    wire [DW:0]     w_s1  = (w_s0 >= D_W) ? (w_s0 - D_W) : w_s0;
    wire [DW-1:0]   w_slot = w_s1[DW-1:0];

    // ------------------------------------------------------------------
    // the delay rings and their feed scanners, one per target core
    // ------------------------------------------------------------------
    wire [C-1:0]    f_done;
    generate
        for (g = 0; g < C; g = g + 1) begin : g_ring
            // a pipelined scan: axon rj is read while axon cj (read last cycle) is
            // checked; a set bit waits for the core's input port, which stalls the scan
            reg  [MW:0]     rj;              // next axon to read, M when all are read
            reg  [MW-1:0]   cj;              // the axon whose bit is on rbit
            reg             cv;              // rbit is valid
            wire            rbit;
            wire            rj_live = (rj < M_W);
            wire            f_push  = (state == R_FEED) && cv && rbit;
            wire            f_stall = f_push && !i_in_ready[g];
            wire            f_rd    = (state == R_FEED) && rj_live && !f_stall;
            wire            set_we  = (state == R_RUN) && wv && (w_b == g);
            wire            rg_we   = (state == R_CLR) ? ({1'b0, cl} < RGD_CL)
                                    : (f_push && i_in_ready[g]) || set_we;
            wire [RGAW-1:0] rg_waddr = (state == R_CLR) ? cl[RGAW-1:0]
                                     : (state == R_RUN) ? {w_slot, w_j} : {pos, cj};
            assign o_in_valid[g] = f_push;
            assign o_in_idx[g*16 +: 16] = {{(16 - MW){1'b0}}, cj};
            assign f_done[g] = !cv && !rj_live;
            lc_ram_sdp #(.WIDTH(1), .DEPTH(RGD)) u_ring (
                .i_clk(i_clk), .i_we(rg_we), .i_waddr(rg_waddr), .i_wdata(state == R_RUN),
                .i_re(f_rd), .i_raddr({pos, rj[MW-1:0]}), .o_rdata(rbit));
            always @(posedge i_clk) begin
                if (i_feed) begin
                    rj <= {(MW + 1){1'b0}};
                    cv <= 1'b0;
                end else if (state == R_FEED && !f_stall) begin
                    cv <= rj_live;
                    cj <= rj[MW-1:0];
                    if (rj_live)
                        rj <= rj + 1'b1;
                end
                if (i_rst) begin
                    rj <= M_W;
                    cv <= 1'b0;
                end
            end
        end
    endgenerate

    // ------------------------------------------------------------------
    // sequencing
    // ------------------------------------------------------------------
    // read data: a register, or the table word read in the request's cycle
    reg  [31:0] reg_val;
    reg  [3:0]  rd_reg;
    wire [15:0] rd_first = {{(16 - RTW){1'b0}}, ix_first};
    wire [15:0] rd_cnt   = {{(16 - RCW){1'b0}}, ix_cnt};
    wire [7:0]  rd_d     = {{(8 - DW){1'b0}}, w_dm1} + 8'd1;
    wire [7:0]  rd_b     = {{(8 - CW){1'b0}}, w_b};
    wire [15:0] rd_j     = {{(16 - MW){1'b0}}, w_j};
    assign o_cfg_rdata = (rd_reg == 4'd1) ? {rd_cnt, rd_first}
                       : (rd_reg == 4'd2) ? {rd_d, rd_b, rd_j} : reg_val;

    // bits the decode does not use
    wire unused_cfg = &{1'b0, i_cfg_wdata, c_dm1, w_s1};

    // output selection (register 0x10): core c's spikes leave on o_out_* when bit c is set
    // (cores 32 and up always); every spike is routed either way. All set after a reset.
    wire [CP-1:0] out_sel;
    wire         c_sel_wr = cfg_go && i_cfg_write && (c_reg == `LC_ROUTER_REGION_REGS) &&
                           (c_off == `LC_ROUTER_REG_SELECT);
    wire [31:0]  sel_rd;
    genvar gs;
    generate
        for (gs = 0; gs < CP || gs < 32; gs = gs + 1) begin : g_sel
            if (gs < C && gs < 32) begin : g_on
                reg sel;
                always @(posedge i_clk)
                    if (i_rst) sel <= 1'b1;
                    else if (c_sel_wr) sel <= i_cfg_wdata[gs];
                assign out_sel[gs] = sel;
                assign sel_rd[gs]  = sel;
            end else begin : g_off
                if (gs < CP) begin : g_o
                    assign out_sel[gs] = 1'b1;
                end
                if (gs < 32) begin : g_r
                    assign sel_rd[gs] = 1'b0;
                end
            end
        end
    endgenerate

    wire run_end = (state == R_RUN) && !oc_live && (e_state == E_IDLE) && !wv;

    always @(posedge i_clk) begin
        o_feed_done <= 1'b0;
        o_run_done  <= 1'b0;
        o_out_valid <= q_pop && out_sel[oc_i];
        o_out_core  <= oc_i;
        o_out_idx   <= {{(16 - NW){1'b0}}, cur_head};
        wv          <= en_rd;
        done_l      <= done_l | i_done;

        case (state)
        R_IDLE: begin
            if (i_feed) begin
                state <= R_FEED;
            end else if (i_run) begin
                state  <= R_RUN;
                done_l <= {C{1'b0}};
                oc     <= {(CW + 1){1'b0}};
            end else if (c_cmd && (i_cfg_wdata[0] || i_cfg_wdata[2])) begin
                state  <= R_CLR;
                cl     <= {CLW{1'b0}};
                cl_tab <= i_cfg_wdata[2];
            end
        end
        R_CLR: begin
            cl <= cl + 1'b1;
            if (cl == CL_LAST) begin
                state <= R_IDLE;
                pos   <= {DW{1'b0}};
            end
        end
        R_FEED: begin
            if (&f_done) begin
                state       <= R_IDLE;
                o_feed_done <= 1'b1;
            end
        end
        R_RUN: begin
            if (oc_live && cur_empty && cur_done)
                oc <= oc + 1'b1;
            if (run_end) begin
                state      <= R_IDLE;
                o_run_done <= 1'b1;
                pos        <= (pos == D_M1) ? {DW{1'b0}} : pos + 1'b1;
            end
        end
        default: state <= R_IDLE;
        endcase

        // the lookup engine
        case (e_state)
        E_IX: begin
            if (ix_cnt != 0) begin
                e_ptr   <= ix_first;
                e_left  <= ix_cnt;
                e_state <= E_ENT;
            end else begin
                e_state <= q_pop ? E_IX : E_IDLE;
            end
        end
        E_ENT: begin
            e_ptr  <= e_ptr + 1'b1;
            e_left <= e_left - 1'b1;
            if (e_left == 1)
                e_state <= q_pop ? E_IX : E_IDLE;
        end
        default: e_state <= q_pop ? E_IX : E_IDLE;
        endcase

        // configuration reads: the data the cycle after the request
        o_cfg_rvalid <= cfg_go && !i_cfg_write;
        if (cfg_go && !i_cfg_write) begin
            case (c_reg)
            4'd0: begin
                case (c_off)
                24'h00:  reg_val <= C;
                24'h01:  reg_val <= N;
                24'h02:  reg_val <= M;
                24'h03:  reg_val <= D;
                24'h04:  reg_val <= ROUTES;
                24'h05:  reg_val <= 32'h0001_0100;    // router version (1.1: output selection)
                `LC_ROUTER_REG_SELECT: reg_val <= sel_rd;
                default: reg_val <= 32'd0;
                endcase
            end
            default: reg_val <= 32'd0;
            endcase
            rd_reg <= c_reg;
        end

        if (i_rst) begin
            state        <= R_CLR;
            cl           <= {CLW{1'b0}};
            cl_tab       <= 1'b1;
            pos          <= {DW{1'b0}};
            e_state      <= E_IDLE;
            wv           <= 1'b0;
            done_l       <= {C{1'b0}};
            oc           <= C_W;
            o_out_valid  <= 1'b0;
            o_cfg_rvalid <= 1'b0;
            o_feed_done  <= 1'b0;
            o_run_done   <= 1'b0;
        end
    end
endmodule

`default_nettype wire
